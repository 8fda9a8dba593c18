package dev.tracer.store;

import dev.tracer.core.tree.SpanLink;
import zipkin2.Span;

/**
 * A Zipkin span as the core's trace tree sees it. Zipkin has already normalised the ids (lowercase
 * hex, left-padded), so they are passed through unchanged.
 *
 * <pre>{@code
 * Span.traceId()    -> traceId()
 * Span.id()         -> spanId()
 * Span.parentId()   -> parentId()       null for a root
 * Span.timestamp()  -> startMicros()    0 when absent
 * Span.duration()   -> durationMicros() 0 when absent
 * }</pre>
 *
 * @param span the Zipkin span, never null
 */
public record StoredSpan(Span span) implements SpanLink {

	public StoredSpan {
		if (span == null) {
			throw new NullPointerException("span");
		}
	}

	@Override
	public String traceId() {
		return span.traceId();
	}

	@Override
	public String spanId() {
		return span.id();
	}

	@Override
	public String parentId() {
		return span.parentId();
	}

	@Override
	public long startMicros() {
		return span.timestampAsLong();
	}

	@Override
	public long durationMicros() {
		return span.durationAsLong();
	}

}
