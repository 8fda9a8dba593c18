package dev.tracer.mcp;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Span;

import dev.tracer.analysis.StoreBreaks;
import dev.tracer.analysis.StoreFindings;
import dev.tracer.api.BreakDocuments;
import dev.tracer.api.FindingDocuments;
import dev.tracer.api.TraceSearch;
import dev.tracer.api.TraceSummaryDocuments;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.ParseResult;
import dev.tracer.core.context.Rejection;
import dev.tracer.core.context.TraceId;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.context.TraceParentParser;
import dev.tracer.core.findings.Finding;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.problem.ApiProblem;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoredSpan;
import dev.tracer.store.TraceQuery;
import dev.tracer.store.TraceSummary;

/**
 * The MCP tools: each answers what an API endpoint answers, as the same documents, bounded.
 *
 * <pre>{@code
 * tool                 answers like                          bounded by
 * search_traces        GET /api/traces, its search (TraceSearch) at most 50 summaries, no spans
 * get_trace            GET /api/traces/{id}: summary, tree   no spans; breaks at most 20, findings at most 20,
 *                      facts, breaks, findings               each listing at most 20 span ids (counts stay exact)
 * explain_traceparent  POST /api/traceparent/parse, strict   one header of at most 512 characters
 * }</pre>
 *
 * A bad argument is a tool error ({@code isError}) naming the argument and what was expected, as the
 * API's problem details do; an unknown trace is one too. The propagation map is not a tool: tracer
 * does not compute one yet.
 */
final class TraceTools {

	static final String INSTRUCTIONS = "tracer holds distributed traces (Zipkin v2 spans) and analyses them: where "
			+ "W3C trace context broke (breaks) and what an expert would point at (findings: N+1 calls, an "
			+ "error's root cause, masked timeouts, swallowed errors, the critical path's hot spot). Start with "
			+ "search_traces, then get_trace for one trace. Answers are summaries: no tool returns a trace's spans.";

	static final int MAX_TRACES = 50;

	static final int MAX_LISTED = 20;

	/** Longer than any traceparent a future version could plausibly send, short enough to echo. */
	static final int MAX_HEADER = 512;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SpanStore store;

	private final StoreBreaks breaks;

	private final StoreFindings findings;

	TraceTools(SpanStore store, StoreBreaks breaks, StoreFindings findings) {
		this.store = store;
		this.breaks = breaks;
		this.findings = findings;
	}

	List<SyncToolSpecification> specifications() {
		return List.of(
				tool("search_traces", "Search recent traces",
						"Lists the newest traces in tracer's store, newest first, as summaries (root service and "
								+ "name, span count, duration in microseconds, error count, services, how many breaks). "
								+ "Filters, all met, as the trace list's search: service, span_name, remote_service (whom "
								+ "a span called: a service, a database system, a host), tag (key=value, or a key alone), "
								+ "min_duration and max_duration (microseconds), since (15m, 1h, 1d) or from and to "
								+ "(ISO-8601 instants), errors (a failed span), breaks (propagation broke), incomplete "
								+ "(an orphan, a duplicate or a cycle), finding (that kind of finding; then at most the "
								+ "newest " + TraceSearch.MAX_FINDING_SCAN + " traces that pass the others are "
								+ "examined). Returns at most " + MAX_TRACES + " traces (limit, default 20) and never "
								+ "any spans: use get_trace for one trace.",
						"""
								{"type": "object", "properties": {
								  "limit": {"type": "integer", "minimum": 1, "maximum": 50, "description": "traces to return, default 20"},
								  "service": {"type": "string", "description": "a service any span of the trace has"},
								  "span_name": {"type": "string", "description": "a span with this name"},
								  "remote_service": {"type": "string", "description": "a span that called this service, database system or host"},
								  "tag": {"type": "array", "items": {"type": "string"}, "maxItems": 20, "description": "tags a span has, all met: key=value, or a key alone for any value"},
								  "min_duration": {"type": "integer", "minimum": 0, "description": "least trace duration, microseconds"},
								  "max_duration": {"type": "integer", "minimum": 0, "description": "most trace duration, microseconds"},
								  "since": {"type": "string", "description": "began within this long before now: a number and s, m, h or d (15m)"},
								  "from": {"type": "string", "description": "began at or after this ISO-8601 instant"},
								  "to": {"type": "string", "description": "began at or before this ISO-8601 instant"},
								  "errors": {"type": "boolean", "description": "only traces with a failed span"},
								  "breaks": {"type": "boolean", "description": "only traces where propagation broke"},
								  "incomplete": {"type": "boolean", "description": "only traces with an orphan, a duplicate id or a cycle"},
								  "finding": {"type": "string", "enum": ["n_plus_one", "error_root_cause", "masked_timeout", "swallowed_error", "critical_path"]}
								}, "additionalProperties": false}""",
						this::searchTraces),
				tool("get_trace", "Summarise one trace with its breaks and findings",
						"One trace's summary: span count, depth, roots, orphans, duplicates, cycles, duration; its "
								+ "breaks (where W3C trace context was lost, with confidence and reason); and its "
								+ "findings (N+1 calls, error root cause with the chain to the root, masked timeouts, "
								+ "swallowed errors, the critical path's hot spot), each with confidence and evidence "
								+ "in words. Large traces are summarised, never listed: at most " + MAX_LISTED
								+ " breaks and " + MAX_LISTED + " findings, each naming at most " + MAX_LISTED
								+ " span ids (span_count gives the full number). An unknown trace id is an error.",
						"""
								{"type": "object", "properties": {
								  "trace_id": {"type": "string", "pattern": "^([0-9a-fA-F]{16}|[0-9a-fA-F]{32})$", "description": "16 or 32 hex characters"}
								}, "required": ["trace_id"], "additionalProperties": false}""",
						this::getTrace),
				tool("explain_traceparent", "Explain a traceparent header",
						"Parses a W3C traceparent header value strictly (W3C Trace Context level 1, as tracer's "
								+ "services accept it) and says what it carries (version, trace id, parent span id, "
								+ "sampled flag) or, if a service would refuse it, why: the field, the rule and the "
								+ "character index. Answers for one header of at most " + MAX_HEADER + " characters.",
						"""
								{"type": "object", "properties": {
								  "traceparent": {"type": "string", "description": "the header's value, e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
								}, "required": ["traceparent"], "additionalProperties": false}""",
						this::explainTraceparent));
	}

	private static SyncToolSpecification tool(String name, String title, String description, String schema,
			Function<Map<String, Object>, Map<String, Object>> handler) {
		McpSchema.Tool tool = McpSchema.Tool.builder()
			.name(name)
			.title(title)
			.description(description)
			.inputSchema(schema(schema))
			.annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, null))
			.build();
		return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
			Map<String, Object> arguments = (request.arguments() != null) ? request.arguments() : Map.of();
			try {
				Map<String, Object> answer = handler.apply(arguments);
				return CallToolResult.builder().structuredContent(answer).addTextContent(JSON.writeValueAsString(answer))
					.build();
			}
			catch (BadArgument ex) {
				return CallToolResult.builder().isError(true).addTextContent(ex.getMessage()).build();
			}
		}).build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> schema(String json) {
		return JSON.readValue(json, Map.class);
	}

	Map<String, Object> searchTraces(Map<String, Object> arguments) {
		known(arguments, "limit", "service", "span_name", "remote_service", "tag", "min_duration", "max_duration",
				"since", "from", "to", "errors", "breaks", "incomplete", "finding");
		int limit = (int) integer(arguments, "limit", 20, 1, MAX_TRACES);
		Long maxDuration = arguments.containsKey("max_duration")
				? integer(arguments, "max_duration", 0, 0, Long.MAX_VALUE) : null;
		TraceSearch.Parameters search = new TraceSearch.Parameters(string(arguments, "service"),
				string(arguments, "span_name"), string(arguments, "remote_service"), strings(arguments, "tag"),
				integer(arguments, "min_duration", 0, 0, Long.MAX_VALUE), maxDuration, string(arguments, "since"),
				string(arguments, "from"), string(arguments, "to"), bool(arguments, "errors"),
				bool(arguments, "breaks"), bool(arguments, "incomplete"));
		String findingName = string(arguments, "finding");
		Finding.Kind kind = null;
		if (findingName != null) {
			try {
				kind = StoreFindings.kindNamed(findingName);
			}
			catch (IllegalArgumentException ex) {
				throw new BadArgument("finding: " + ex.getMessage().replace(findingName, shortened(findingName)));
			}
		}
		TraceQuery query;
		try {
			query = TraceSearch.query(search, (kind != null) ? TraceSearch.MAX_FINDING_SCAN : limit,
					Instant.now(), breaks::tracesWithBreaks);
		}
		catch (ApiProblem ex) {
			throw new BadArgument(ex.getMessage());
		}
		List<TraceSummary> listed = store.recentTraces(query);
		if (kind != null) {
			listed = findings.having(listed, kind, limit);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("traces", listed.stream().map((trace) -> TraceSummaryDocuments.withBreaks(trace, breaks)).toList());
		answer.put("store", store.stats());
		return answer;
	}

	Map<String, Object> getTrace(Map<String, Object> arguments) {
		known(arguments, "trace_id");
		String traceId = requiredString(arguments, "trace_id", "16 or 32 hex characters");
		TraceId parsed;
		try {
			parsed = TraceId.parseHex(traceId);
		}
		catch (IllegalArgumentException ex) {
			throw new BadArgument("trace_id: " + ex.getMessage() + " in \"" + shortened(traceId) + "\"");
		}
		String id = parsed.value();
		List<Span> spans = store.trace(parsed);
		if (spans.isEmpty()) {
			throw new BadArgument("trace_id: no trace " + id + " in the store (never stored, or evicted)");
		}
		List<StoredSpan> stored = spans.stream().map(StoredSpan::new).toList();
		TraceTree<StoredSpan> tree = TraceTree.build(stored);
		Map<String, Object> answer = TraceSummaryDocuments.of(TraceSummary.of(id, spans));
		answer.put("trace_id", id);
		answer.put("depth", tree.depth());
		answer.put("roots", tree.roots().size());
		List<Map<String, Object>> breakDocuments = BreakDocuments.of(breaks.inTrace(parsed));
		answer.put("break_count", breakDocuments.size());
		answer.put("breaks", firstListed(breakDocuments));
		List<Finding> found = findings.of(tree);
		answer.put("finding_count", found.size());
		answer.put("findings", FindingDocuments.of(firstListed(found)).stream().map(TraceTools::bounded).toList());
		answer.put("viewer", "/?trace=" + id);
		return answer;
	}

	/** A finding's document with its span ids and its error chain cut to {@link #MAX_LISTED}. */
	private static Map<String, Object> bounded(Map<String, Object> document) {
		Map<String, Object> bounded = new LinkedHashMap<>(document);
		bounded.put("spans", firstListed((List<?>) bounded.get("spans")));
		Object facts = bounded.get("facts");
		if (facts instanceof Map<?, ?> map && map.get("chain") instanceof List<?> chain) {
			Map<Object, Object> cut = new LinkedHashMap<>(map);
			cut.put("chain", firstListed(chain));
			bounded.put("facts", cut);
		}
		return bounded;
	}

	/** The first {@link #MAX_LISTED} of a list: how far every listing of {@code get_trace} goes. */
	private static <T> List<T> firstListed(List<T> list) {
		return list.subList(0, Math.min(MAX_LISTED, list.size()));
	}

	Map<String, Object> explainTraceparent(Map<String, Object> arguments) {
		known(arguments, "traceparent");
		String header = requiredString(arguments, "traceparent", "the header's value, e.g. 00-<32 hex>-<16 hex>-01");
		if (header.length() > MAX_HEADER) {
			throw new BadArgument("traceparent: expected at most " + MAX_HEADER + " characters, found " + header.length());
		}
		ParseResult<TraceParent> result = TraceParentParser.parse(header, ParsePolicy.STRICT);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("accepted", result.isAccepted());
		if (result.isAccepted()) {
			TraceParent parsed = result.value();
			answer.put("version", parsed.version());
			answer.put("trace_id", parsed.traceId().value());
			answer.put("parent_span_id", parsed.parentId().value());
			answer.put("flags", parsed.flags().hex());
			answer.put("sampled", parsed.sampled());
			answer.put("meaning", "a service continues trace " + parsed.traceId().value() + " as a child of span "
					+ parsed.parentId().value() + (parsed.sampled() ? ", and records it (sampled)"
							: ", but the caller did not record it (not sampled)"));
		}
		else {
			Rejection rejection = result.rejection();
			answer.put("field", rejection.field());
			answer.put("index", rejection.index());
			answer.put("reason", rejection.message());
			answer.put("meaning", "a strict W3C service refuses this header and starts a new trace: the "
					+ "caller's trace breaks here");
		}
		return answer;
	}

	private static void known(Map<String, Object> arguments, String... names) {
		for (String key : arguments.keySet()) {
			if (!List.of(names).contains(key)) {
				throw new BadArgument(shortened(key) + ": not an argument of this tool; expected " + String.join(", ", names));
			}
		}
	}

	private static String requiredString(Map<String, Object> arguments, String name, String expected) {
		String text = string(arguments, name);
		if (text == null) {
			throw new BadArgument(name + ": missing; expected " + expected);
		}
		return text;
	}

	private static String string(Map<String, Object> arguments, String name) {
		Object value = arguments.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new BadArgument(name + ": expected a string, found " + shortened(String.valueOf(value)));
		}
		return text;
	}

	private static boolean bool(Map<String, Object> arguments, String name) {
		Object value = arguments.get(name);
		if (value != null && !(value instanceof Boolean)) {
			throw new BadArgument(name + ": expected true or false, found " + shortened(String.valueOf(value)));
		}
		return Boolean.TRUE.equals(value);
	}

	private static List<String> strings(Map<String, Object> arguments, String name) {
		Object value = arguments.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> items) || !items.stream().allMatch(String.class::isInstance)) {
			throw new BadArgument(name + ": expected a list of strings, found " + shortened(String.valueOf(value)));
		}
		return items.stream().map(String.class::cast).toList();
	}

	private static long integer(Map<String, Object> arguments, String name, long otherwise, long least, long most) {
		Object value = arguments.get(name);
		if (value == null) {
			return otherwise;
		}
		if (!(value instanceof Integer || value instanceof Long)) {
			throw new BadArgument(name + ": expected a whole number, found " + shortened(String.valueOf(value)));
		}
		long number = ((Number) value).longValue();
		if (number < least || number > most) {
			throw new BadArgument(name + ": expected " + least + " to " + most + ", found " + number);
		}
		return number;
	}

	/** Arguments are echoed in errors, never whole: an assistant may send anything. */
	private static String shortened(String text) {
		return (text.length() <= 80) ? text : text.substring(0, 80) + "...";
	}

	/** An argument the tool cannot answer for: a tool error, not a protocol error. */
	static final class BadArgument extends RuntimeException {

		BadArgument(String message) {
			super(message);
		}

	}

}
