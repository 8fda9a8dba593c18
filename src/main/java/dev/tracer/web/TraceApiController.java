package dev.tracer.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.ParseResult;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.context.TraceParentParser;
import dev.tracer.core.tree.SimpleSpan;
import dev.tracer.core.tree.SpanListReader;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoredSpan;
import dev.tracer.store.TraceDocuments;
import dev.tracer.store.TraceSummary;

/**
 * The trace-context API: parse a header, rebuild a tree from spans, read the traces in the store.
 * JSON field names are snake_case ({@code spring.jackson.property-naming-strategy}).
 */
@RestController
class TraceApiController {

	private static final int MAX_LISTED_TRACES = 1000;

	private final SpanStore store;

	TraceApiController(SpanStore store) {
		this.store = store;
	}

	record ParseRequest(String traceparent, String policy) {
	}

	record ParsedTraceparent(String traceId, String parentSpanId, boolean sampled, String version, String flags) {
	}

	/** {@code {"traceparent": "...", "policy": "strict" | "lenient"}}, strict when no policy is given. */
	@PostMapping("/api/traceparent/parse")
	ParsedTraceparent parse(@RequestBody ParseRequest request) {
		if (request.traceparent() == null) {
			throw ApiProblem.badRequest("traceparent: missing");
		}
		ParseResult<TraceParent> result = TraceParentParser.parse(request.traceparent(), policy(request.policy()));
		if (!result.isAccepted()) {
			throw ApiProblem.badRequest(result.rejection().message());
		}
		TraceParent parsed = result.value();
		return new ParsedTraceparent(parsed.traceId().value(), parsed.parentId().value(), parsed.sampled(),
				parsed.version(), parsed.flags().hex());
	}

	private static ParsePolicy policy(String name) {
		if (name == null) {
			return ParsePolicy.STRICT;
		}
		try {
			return ParsePolicy.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badRequest("policy: expected \"strict\" or \"lenient\"");
		}
	}

	/**
	 * The node's span shape. {@code spans} is kept as Jackson decoded it (lists, maps, strings, numbers,
	 * booleans) and read by the core's {@link SpanListReader}, the node's reader: binding it to strings
	 * would read {@code "span_id": 5} as {@code "5"}.
	 */
	record ReconstructRequest(Object spans) {
	}

	@PostMapping("/api/traces/reconstruct")
	Map<String, Object> reconstruct(@RequestBody ReconstructRequest request) {
		SpanListReader.Result read = SpanListReader.read(request.spans(), TraceApiController::element);
		if (!read.isRead()) {
			throw ApiProblem.badRequest(read.problem());
		}
		List<SimpleSpan> spans = read.spans();
		TraceTree<SimpleSpan> tree = TraceTree.build(spans);
		if (tree.traceIds().size() > 1) {
			throw ApiProblem.badRequest("spans: more than one trace id " + tree.traceIds() + "; send one trace per request");
		}
		return TraceDocuments.of(tree, (span) -> Map.of());
	}

	/** A JSON object of the list as Jackson decodes it (a map), or null for anything else. */
	private static SpanListReader.Element element(Object item) {
		if (!(item instanceof Map<?, ?> members)) {
			return null;
		}
		return new SpanListReader.Element() {

			@Override
			public boolean has(String member) {
				return members.containsKey(member);
			}

			@Override
			public Object get(String member) {
				return members.get(member);
			}

		};
	}

	/** Recent traces, newest first, and the store's counters (evictions included). */
	@GetMapping("/api/traces")
	Map<String, Object> traces(@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LISTED_TRACES) {
			throw ApiProblem.badRequest("limit: expected 1 to " + MAX_LISTED_TRACES + ", found " + limit);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("traces", store.recentTraces(limit).stream().map(TraceApiController::summary).toList());
		body.put("store", store.stats());
		return body;
	}

	private static Map<String, Object> summary(TraceSummary trace) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("trace_id", trace.traceId());
		summary.put("root_service", trace.rootService());
		summary.put("root_name", trace.rootName());
		summary.put("span_count", trace.spanCount());
		summary.put("start", trace.startMicros());
		summary.put("duration", trace.durationMicros());
		summary.put("error_count", trace.errorCount());
		return summary;
	}

	/** The same document as reconstruct, built from the store, each node with its service, name, kind, timing and tags. */
	@GetMapping("/api/traces/{traceId}")
	Map<String, Object> trace(@PathVariable String traceId) {
		List<StoredSpan> spans = stored(traceId);
		Map<String, Object> document = TraceDocuments.of(TraceTree.build(spans), TraceDocuments::zipkinFields);
		// the id as asked for: Zipkin's model shortens a 32-hex id whose high half is zero to 16
		document.put("trace_id", traceId.toLowerCase(Locale.ROOT));
		return document;
	}

	private List<StoredSpan> stored(String traceId) {
		if (!traceId.matches("[0-9a-fA-F]{16}|[0-9a-fA-F]{32}")) {
			throw ApiProblem.badRequest("traceId: expected 16 or 32 hex characters");
		}
		List<StoredSpan> spans = store.trace(traceId).stream().map(StoredSpan::new).toList();
		if (spans.isEmpty()) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "no trace " + traceId.toLowerCase(Locale.ROOT) + " in the store");
		}
		return spans;
	}

}
