package dev.tracer.core.breaks;

import java.util.Objects;

/**
 * A span a break names: enough to find it in the store and to say whose it is.
 *
 * @param traceId the span's trace id, never null
 * @param spanId the span's id, never null
 * @param service the span's local service, or null when unknown
 * @param startMicros epoch microseconds when it started, or 0 when unknown
 */
public record SpanRef(String traceId, String spanId, String service, long startMicros) {

	public SpanRef {
		Objects.requireNonNull(traceId, "traceId");
		Objects.requireNonNull(spanId, "spanId");
	}

	static SpanRef of(HopSpan span) {
		return new SpanRef(span.traceId(), span.spanId(), span.localService(), span.startMicros());
	}

}
