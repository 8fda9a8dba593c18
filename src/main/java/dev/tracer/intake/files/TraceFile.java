package dev.tracer.intake.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import zipkin2.Span;

/**
 * A file read whole: its format and its spans in the store's model, in file order.
 *
 * @param format the format the content was found to be
 * @param spans every span of the file, at least one
 */
public record TraceFile(TraceFileFormat format, List<Span> spans) {

	public TraceFile {
		if (format == null) {
			throw new NullPointerException("format == null");
		}
		spans = List.copyOf(spans);
	}

	/** The trace ids of the file, in the order they first appear. */
	public List<String> traceIds() {
		return new ArrayList<>(byTrace().keySet());
	}

	/** The spans trace by trace, the traces in the order they first appear, each's spans in file order. */
	public Map<String, List<Span>> byTrace() {
		Map<String, List<Span>> traces = new LinkedHashMap<>();
		for (Span span : this.spans) {
			traces.computeIfAbsent(span.traceId(), (id) -> new ArrayList<>()).add(span);
		}
		return traces;
	}

}
