package dev.tracer.store;

import dev.tracer.core.findings.FindingSpan;
import zipkin2.Span;

/**
 * A Zipkin span as the core's trace tree break analysis and findings see it. Zipkin has already normalised the ids (lowercase
 * hex, left-padded), so they are passed through unchanged.
 *
 * <pre>{@code
 * Span.traceId()    -> traceId()
 * Span.id()         -> spanId()
 * Span.parentId()   -> parentId()       null for a root
 * Span.timestamp()  -> startMicros()    0 when absent
 * Span.duration()   -> durationMicros() 0 when absent
 * Span.kind()       -> kind()           PRODUCER, CONSUMER and none are OTHER
 * Span.name()       -> name()
 * Span.localServiceName(), remoteServiceName(), tags().get(key) as they are
 * an "error" tag    -> failed()         the one rule for a span in error: Brave tags it on an exception
 *                                      or a 5xx, the OTLP intake on status ERROR (OtlpSpans)
 * }</pre>
 *
 * @param span the Zipkin span, never null
 */
public record StoredSpan(Span span) implements FindingSpan {

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

	@Override
	public Kind kind() {
		if (span.kind() == Span.Kind.CLIENT) {
			return Kind.CLIENT;
		}
		return (span.kind() == Span.Kind.SERVER) ? Kind.SERVER : Kind.OTHER;
	}

	@Override
	public String localService() {
		return span.localServiceName();
	}

	@Override
	public String remoteService() {
		return span.remoteServiceName();
	}

	@Override
	public String tag(String key) {
		return span.tags().get(key);
	}

	@Override
	public String name() {
		return span.name();
	}

	@Override
	public boolean failed() {
		return span.tags().containsKey("error");
	}

}
