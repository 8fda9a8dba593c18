package dev.tracer.api;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.analysis.StoreBreaks;
import dev.tracer.analysis.StoreFindings;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.ParseResult;
import dev.tracer.core.context.TraceId;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.context.TraceParentParser;
import dev.tracer.core.findings.Finding;
import dev.tracer.core.tree.SimpleSpan;
import dev.tracer.core.tree.SpanListReader;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.problem.ApiProblem;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoredSpan;
import dev.tracer.store.TraceQuery;
import dev.tracer.store.TraceSummary;

/**
 * The trace-context API: parse a header, rebuild a tree from spans, read the traces in the store.
 * JSON field names are snake_case ({@code spring.jackson.property-naming-strategy}).
 */
@RestController
class TraceApiController {

	private static final int MAX_LISTED_TRACES = 1000;

	private final SpanStore store;


	private final StoreBreaks breaks;

	private final StoreFindings findings;

	private final ReadBulkhead reads;

	private final JsonMapper json;

	TraceApiController(SpanStore store, StoreBreaks breaks, StoreFindings findings, ReadBulkhead reads, JsonMapper json) {
		this.store = store;
		this.breaks = breaks;
		this.findings = findings;
		this.reads = reads;
		this.json = json;
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
			// the field and the position let a page mark the offending character
			throw ApiProblem.badRequest(result.rejection().message())
				.with("field", result.rejection().field())
				.with("index", result.rejection().index());
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
		SpanListReader.Result read = SpanListReader.read(request.spans(), SpanListReader.Element::ofMap);
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

	/**
	 * Recent traces, newest first, and the store's counters (evictions included). The search
	 * ({@link TraceSearch}): service, span name, remote service, tags, duration range (microseconds, as
	 * Zipkin's {@code minDuration}), start range, errors, breaks, incomplete; and a kind of finding
	 * ({@code finding=n_plus_one}, see {@link StoreFindings}). A trace's findings need its spans, so that
	 * filter examines the newest {@link TraceSearch#MAX_FINDING_SCAN} traces that pass the others, each analysed once
	 * while it does not grow, and says how many it examined ({@code finding_scan}).
	 */
	@GetMapping("/api/traces")
	Map<String, Object> traces(@RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String service,
			@RequestParam(name = "span_name", required = false) String spanName,
			@RequestParam(name = "remote_service", required = false) String remoteService,
			@RequestParam(name = "tag", required = false) List<String> tags,
			@RequestParam(name = "min_duration", defaultValue = "0") long minDuration,
			@RequestParam(name = "max_duration", required = false) Long maxDuration,
			@RequestParam(required = false) String since, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "false") boolean errors,
			@RequestParam(name = "breaks", defaultValue = "false") boolean brokenOnly,
			@RequestParam(defaultValue = "false") boolean incomplete,
			@RequestParam(required = false) String finding) {
		if (limit < 1 || limit > MAX_LISTED_TRACES) {
			throw ApiProblem.badRequest("limit: expected 1 to " + MAX_LISTED_TRACES + ", found " + limit);
		}
		Finding.Kind kind = null;
		if (finding != null) {
			try {
				kind = StoreFindings.kindNamed(finding);
			}
			catch (IllegalArgumentException ex) {
				throw ApiProblem.badRequest("finding: " + ex.getMessage());
			}
		}
		TraceQuery query = TraceSearch.query(new TraceSearch.Parameters(service, spanName, remoteService, tags,
				minDuration, maxDuration, since, from, to, errors, brokenOnly, incomplete),
				(kind != null) ? TraceSearch.MAX_FINDING_SCAN : limit, Instant.now(), breaks::tracesWithBreaks);
		Map<String, Object> body = new LinkedHashMap<>();
		List<TraceSummary> listed = store.recentTraces(query);
		if (kind != null) {
			body.put("finding_scan", Map.of("examined", listed.size(), "most", TraceSearch.MAX_FINDING_SCAN));
			listed = findings.having(listed, kind, limit);
		}
		body.put("traces", listed.stream().map((trace) -> TraceSummaryDocuments.withBreaks(trace, breaks)).toList());
		body.put("store", store.stats());
		return body;
	}

	/**
	 * The same document as reconstruct, built from the store, each node with its service, name, kind,
	 * timing and tags; the trace's breaks ({@link StoreBreaks}): where its context was lost, or where
	 * it began although a context was sent; and its findings ({@link FindingDocuments}).
	 */
	@GetMapping("/api/traces/{traceId}")
	void trace(@PathVariable TraceId traceId, HttpServletResponse response) throws IOException {
		try (ReadBulkhead.Place place = reads.enter()) {
			TraceTree<StoredSpan> tree = TraceTree.build(stored(traceId));
			Map<String, Object> trailing = new LinkedHashMap<>();
			trailing.put("breaks", BreakDocuments.of(breaks.inTrace(traceId)));
			trailing.put("findings", FindingDocuments.of(findings.of(tree)));
			// written as the tree is walked: a built document would cost several times the tree
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			try (JsonGenerator out = json.createGenerator(StreamUtils.nonClosing(response.getOutputStream()))) {
				TraceDocuments.write(tree, traceId.value(), TraceDocuments::zipkinFields, trailing, out);
			}
		}
	}

	/**
	 * The flat document the viewer draws: rows in tree order, columns as arrays, the critical path
	 * ({@link TraceView}); any depth, as nothing in it nests per span. Written while the read still holds
	 * its place in {@link ReadBulkhead}, as its columns are as many as the spans.
	 */
	@GetMapping("/api/traces/{traceId}/view")
	void view(@PathVariable TraceId traceId, HttpServletResponse response) throws IOException {
		try (ReadBulkhead.Place place = reads.enter()) {
			TraceView view = TraceView.of(TraceTree.build(stored(traceId)));
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			json.writeValue(StreamUtils.nonClosing(response.getOutputStream()), view);
		}
	}

	/**
	 * The trace's breaks alone ({@link StoreBreaks}), for a page that draws the flat view, and its calls
	 * to callees that write no span, counted by callee: facts, not breaks.
	 */
	@GetMapping("/api/traces/{traceId}/breaks")
	Map<String, Object> breaks(@PathVariable TraceId traceId) {
		stored(traceId);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("breaks", BreakDocuments.of(breaks.inTrace(traceId)));
		body.put("untraced_calls", BreakDocuments.untraced(breaks.untracedInTrace(traceId)));
		return body;
	}

	/**
	 * The trace's findings alone ({@link FindingDocuments}), for a page that draws the flat view: the view
	 * stays a document of columns, and a viewer asks for findings beside it as it asks for breaks.
	 */
	@GetMapping("/api/traces/{traceId}/findings")
	Map<String, Object> findings(@PathVariable TraceId traceId) {
		return Map.of("findings", FindingDocuments.of(findings.of(TraceTree.build(stored(traceId)))));
	}

	/** Rows of the view that match a query (see {@link SpanFind}): name, service, span id or tag key=value. */
	@GetMapping("/api/traces/{traceId}/find")
	SpanFind find(@PathVariable TraceId traceId, @RequestParam(name = "q") String query) {
		try (ReadBulkhead.Place place = reads.enter()) {
			return SpanFind.of(TraceTree.build(stored(traceId)), query);
		}
	}

	/**
	 * One span's details, for the viewer's panel: its ids and the fields of the nested document, tags
	 * included (the hop's trace-context evidence is in them, see {@code TraceTags}). A span id stored
	 * more than once answers with the first copy, as the tree keeps it, and says how many came (an RPC,
	 * its two halves joined, counts once; its server half is under {@code server}).
	 */
	@GetMapping("/api/traces/{traceId}/spans/{spanId}")
	Map<String, Object> span(@PathVariable TraceId traceId, @PathVariable String spanId) {
		if (!spanId.matches("[0-9a-fA-F]{16}")) {
			throw ApiProblem.badRequest("spanId: expected 16 hex characters");
		}
		String id = spanId.toLowerCase(Locale.ROOT);
		StoredSpan first = null;
		int copies = 0;
		for (StoredSpan span : stored(traceId)) {
			if (span.spanId().equals(id)) {
				first = (first == null) ? span : first;
				copies++;
			}
		}
		if (first == null) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "no span " + id + " in trace " + traceId.value());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("trace_id", traceId.value());
		body.put("span_id", first.spanId());
		body.put("parent_span_id", first.parentId());
		body.putAll(TraceDocuments.zipkinFields(first));
		body.put("copies", copies);
		body.putAll(TraceDocuments.endpointFields(first));
		body.put("untraced_call", BreakDocuments.untracedCall(breaks.untracedInTrace(traceId), first.spanId()));
		return body;
	}

	private List<StoredSpan> stored(TraceId traceId) {
		List<StoredSpan> spans = StoredSpan.rpcs(store.trace(traceId));
		if (spans.isEmpty()) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "no trace " + traceId.value() + " in the store");
		}
		return spans;
	}

}
