package dev.tracer.core.tree;

/**
 * The smallest span that can be put in a {@link TraceTree}: the three ids and an optional start.
 *
 * @param traceId the trace id, or null when unknown
 * @param spanId the span id, never null or empty
 * @param parentId the parent span id, or null for a root
 * @param startMicros epoch microseconds when the span started, or 0 when unknown
 */
public record SimpleSpan(String traceId, String spanId, String parentId, long startMicros) implements SpanLink {

	public SimpleSpan {
		if (spanId == null) {
			throw new NullPointerException("spanId");
		}
		if (spanId.isEmpty()) {
			throw new IllegalArgumentException("spanId is empty");
		}
	}

	/** A span whose start is unknown (0). */
	public SimpleSpan(String traceId, String spanId, String parentId) {
		this(traceId, spanId, parentId, 0L);
	}

}
