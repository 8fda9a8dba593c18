package dev.tracer.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tracer.analysis.StoreBreaks;
import dev.tracer.core.context.TraceId;
import dev.tracer.store.TraceSummary;

/**
 * A trace's summary as the trace list ({@code GET /api/traces}) and the MCP tools write it:
 *
 * <pre>{@code
 * {"trace_id": "4bf9...", "root_service": "frontend", "root_name": "get /hello", "span_count": 4,
 *  "start": 1700000000000000, "duration": 350000, "error_count": 1, "services": ["backend", "frontend"],
 *  "orphans": 0, "duplicates": 0, "cycles": 0, "incomplete": false, "problem": null}
 * }</pre>
 */
public final class TraceSummaryDocuments {

	private TraceSummaryDocuments() {
	}

	/** The summary as a mutable ordered map, so a caller can add its own keys (the list adds breaks). */
	public static Map<String, Object> of(TraceSummary trace) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("trace_id", trace.traceId());
		summary.put("root_service", trace.rootService());
		summary.put("root_name", trace.rootName());
		summary.put("span_count", trace.spanCount());
		summary.put("start", trace.startMicros());
		summary.put("duration", trace.durationMicros());
		summary.put("error_count", trace.errorCount());
		summary.put("services", trace.services());
		summary.put("orphans", trace.orphans());
		summary.put("duplicates", trace.duplicates());
		summary.put("cycles", trace.cycles());
		summary.put("incomplete", trace.incomplete());
		summary.put("problem", trace.problem());
		return summary;
	}

	/**
	 * The summary as a list of traces writes it (the trace list, an opened file, the MCP search): with
	 * {@code "breaks"}, how many breaks the break analysis holds for the trace.
	 */
	public static Map<String, Object> withBreaks(TraceSummary trace, StoreBreaks breaks) {
		Map<String, Object> summary = of(trace);
		summary.put("breaks", breaks.countInTrace(TraceId.parseHex(trace.traceId())));
		return summary;
	}

}
