package dev.tracer.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracer.core.breaks.Break;
import dev.tracer.core.breaks.SpanRef;
import dev.tracer.core.breaks.UntracedCall;

/**
 * A break as the API writes it: plain ordered maps, names in snake_case, enums in lowercase.
 *
 * <pre>{@code
 * {"kind": "lost_downstream", "trace_id": "4bf9...", "span_id": "b7ad...",
 *  "confidence": "definite", "link": "probable", "other_trace_id": "0af7...",
 *  "client": {"trace_id": "4bf9...", "span_id": "b7ad...", "service": "frontend", "start": 1700000000010000},
 *  "server": {"trace_id": "0af7...", ...}, "candidates": [{...}], "candidate_count": 1,
 *  "reason": "backend received no traceparent from frontend's call GET /api/data: ..."}
 * }</pre>
 */
public final class BreakDocuments {

	private BreakDocuments() {
	}

	/**
	 * @param breaks the breaks, never null
	 * @return one document per break, in order
	 */
	public static List<Map<String, Object>> of(List<Break> breaks) {
		return breaks.stream().map(BreakDocuments::of).toList();
	}

	static Map<String, Object> of(Break b) {
		Map<String, Object> document = new LinkedHashMap<>(16);
		document.put("kind", EnumNames.lowercase(b.kind()));
		document.put("trace_id", b.traceId());
		document.put("span_id", b.span().spanId());
		document.put("confidence", EnumNames.lowercase(b.confidence()));
		document.put("link", EnumNames.lowercase(b.link()));
		document.put("other_trace_id", b.otherTraceId());
		document.put("client", span(b.client()));
		document.put("server", span(b.server()));
		document.put("candidates", b.candidates().stream().map(BreakDocuments::span).toList());
		document.put("candidate_count", b.candidateCount());
		document.put("reason", b.reason());
		return document;
	}

	/**
	 * A trace's untraced calls, summarised so that the answer does not grow with the trace: one line per
	 * callee with its count and what names it, newest callee order as the calls came.
	 *
	 * <pre>{@code
	 * {"count": 41, "by_callee": [{"callee": "mysql", "count": 40, "basis": "db.system"}, ...]}
	 * }</pre>
	 */
	public static Map<String, Object> untraced(List<UntracedCall> calls) {
		Map<String, Map<String, Object>> byCallee = new LinkedHashMap<>();
		for (UntracedCall call : calls) {
			Map<String, Object> line = byCallee.computeIfAbsent(call.callee(), (callee) -> {
				Map<String, Object> created = new LinkedHashMap<>(4);
				created.put("callee", callee);
				created.put("count", 0);
				created.put("basis", call.basis());
				return created;
			});
			line.put("count", (Integer) line.get("count") + 1);
		}
		Map<String, Object> document = new LinkedHashMap<>(4);
		document.put("count", calls.size());
		document.put("by_callee", List.copyOf(byCallee.values()));
		return document;
	}

	/** What a span's details say of a call to an untraced callee, or null when the span is none. */
	public static Map<String, Object> untracedCall(List<UntracedCall> calls, String spanId) {
		for (UntracedCall call : calls) {
			if (call.call().spanId().equals(spanId)) {
				Map<String, Object> document = new LinkedHashMap<>(4);
				document.put("callee", call.callee());
				document.put("basis", call.basis());
				return document;
			}
		}
		return null;
	}

	private static Map<String, Object> span(SpanRef ref) {
		if (ref == null) {
			return null;
		}
		Map<String, Object> span = new LinkedHashMap<>(8);
		span.put("trace_id", ref.traceId());
		span.put("span_id", ref.spanId());
		span.put("service", ref.service());
		span.put("start", ref.startMicros());
		return span;
	}

}
