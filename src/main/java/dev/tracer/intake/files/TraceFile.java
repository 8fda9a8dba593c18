package dev.tracer.intake.files;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
		Set<String> ids = new LinkedHashSet<>();
		for (Span span : this.spans) {
			ids.add(span.traceId());
		}
		return new ArrayList<>(ids);
	}

}
