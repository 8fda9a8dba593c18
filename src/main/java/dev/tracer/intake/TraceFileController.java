package dev.tracer.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import zipkin2.Span;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.analysis.StoreBreaks;
import dev.tracer.api.TraceSummaryDocuments;
import dev.tracer.core.context.TraceId;
import dev.tracer.intake.files.TraceFile;
import dev.tracer.intake.files.TraceFileException;
import dev.tracer.intake.files.TraceFiles;
import dev.tracer.intake.otlp.OtlpWriter;
import dev.tracer.problem.ApiProblem;
import dev.tracer.store.SpanStore;
import dev.tracer.store.TraceSummary;
import dev.tracer.store.ZipkinJson;

/**
 * Trace files in and out: a file opened in the viewer ({@code POST /api/files}) and a stored trace taken
 * out as a file ({@code GET /api/traces/{id}/download}).
 *
 * <p>An opened file is kept in the store, like spans sent to an intake, and is then a stored trace like
 * any other: the trace page, its documents (tree, critical path, breaks, skew, findings), span links and
 * downloads are the ones every trace has, and a break between a file's traces, or between a file's trace
 * and one sent here, is found by the one break analysis over the store. The answer is the file's traces
 * as the trace list summarises them; the viewer opens them by id. The store's bounds apply as to any
 * batch: the oldest traces make room, and under memory pressure the file is refused whole. A refused file
 * stores nothing: it is read whole and checked before the store sees a span of it.
 */
@RestController
class TraceFileController {

	/** The path of an opened file, whose body has its own limit ({@code tracer.files.max-size}). */
	static final String PATH = "/api/files";

	private final SpanStore store;

	private final StoreBreaks breaks;

	private final long maxFileBytes;

	TraceFileController(SpanStore store, StoreBreaks breaks, FileProperties properties) {
		this.store = store;
		this.breaks = breaks;
		this.maxFileBytes = properties.maxSize().toBytes();
	}

	/**
	 * A trace file, its format found from its content ({@link TraceFiles}): 201 with
	 * {@code {"format", "format_name", "span_count", "already_stored", "max_bytes", "traces": [summary, ...]}}, each summary as
	 * the trace list writes it, with its breaks; or 400 naming the format tried, the place and the rule,
	 * with nothing stored.
	 */
	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> open(@RequestBody(required = false) byte[] body) {
		TraceFile file;
		try {
			file = TraceFiles.read((body != null) ? body : new byte[0]);
		}
		catch (TraceFileException ex) {
			throw ApiProblem.badRequest(ex.getMessage())
				.with("format", (ex.format() != null) ? ex.format().displayName() : null)
				.with("place", ex.place())
				.with("rule", ex.rule());
		}
		List<Span> unseen = unseen(file);
		store.accept(unseen);
		// a file is whole: its traces are judged now, together, not after the settle time
		breaks.settleNow(file.byTrace().keySet().stream().map(TraceId::w3cForm).toList());
		List<Map<String, Object>> traces = new ArrayList<>();
		for (Map.Entry<String, List<Span>> trace : file.byTrace().entrySet()) {
			List<Span> stored = store.trace(TraceId.parseHex(trace.getKey()));
			// a Zipkin server may not show at once what it was just sent: the file's own spans meanwhile
			traces.add(TraceSummaryDocuments.withBreaks(
					TraceSummary.of(trace.getKey(), stored.isEmpty() ? trace.getValue() : stored), breaks));
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("format", file.format().name().toLowerCase(Locale.ROOT));
		answer.put("format_name", file.format().displayName());
		answer.put("span_count", file.spans().size());
		answer.put("already_stored", file.spans().size() - unseen.size());
		answer.put("max_bytes", maxFileBytes);
		answer.put("traces", traces);
		return ResponseEntity.status(HttpStatus.CREATED).body(answer);
	}

	/**
	 * The spans of the file that the store does not hold already, exactly as they are: a file opened
	 * twice, or a trace downloaded and opened again, is stored once, and its tree shows no duplicates
	 * that the instrumentation never sent. A span that differs in anything is kept, as an intake keeps it.
	 */
	private List<Span> unseen(TraceFile file) {
		Map<String, Set<Span>> stored = new HashMap<>();
		List<Span> unseen = new ArrayList<>(file.spans().size());
		for (Span span : file.spans()) {
			Set<Span> held = stored.computeIfAbsent(span.traceId(), (id) -> new HashSet<>(store.trace(TraceId.parseHex(id))));
			if (!held.contains(span)) {
				unseen.add(span);
			}
		}
		return unseen;
	}

	/** The largest file taken, for a page to say before a file is chosen. */
	@GetMapping(PATH)
	Map<String, Object> limits() {
		return Map.of("max_bytes", maxFileBytes, "formats", List.of("zipkin", "jaeger", "otlp"));
	}

	/**
	 * A stored trace as a file: Zipkin v2 JSON (Zipkin's codec, the spans as stored) or OTLP/JSON (the
	 * OTLP intake's mapping, reversed: {@code OtlpWriter}); either opens again as the same trace.
	 */
	@GetMapping("/api/traces/{traceId}/download")
	ResponseEntity<byte[]> download(@PathVariable TraceId traceId, @RequestParam(defaultValue = "zipkin") String format) {
		String id = traceId.value();
		List<Span> spans = store.trace(traceId);
		if (spans.isEmpty()) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "no trace " + id + " in the store");
		}
		byte[] content = switch (format) {
			case "zipkin" -> ZipkinJson.encode(spans);
			case "otlp" -> OtlpWriter.json(spans);
			default -> throw ApiProblem.badRequest("format: expected zipkin or otlp, found \"" + format + "\"");
		};
		String name = "trace-" + id + ("otlp".equals(format) ? ".otlp.json" : ".zipkin.json");
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(content);
	}

}
