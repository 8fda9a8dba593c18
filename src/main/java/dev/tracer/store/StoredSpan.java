package dev.tracer.store;

import dev.tracer.core.breaks.HopSpan;
import dev.tracer.core.context.TraceId;
import zipkin2.Span;

/**
 * A Zipkin span as the core's trace tree and break analysis see it. Zipkin has already normalised the ids (lowercase
 * hex, left-padded); the trace id is given in W3C form ({@link TraceId#w3cForm}), because Zipkin's model
 * writes a 32-hex id whose high half is zero as its low 16 hex, and tracer names a trace by one id
 * whichever form it came in.
 *
 * <pre>{@code
 * Span.traceId()    -> traceId()        32 hex: a 16-hex id left-padded with zeros
 * Span.id()         -> spanId()
 * Span.parentId()   -> parentId()       null for a root
 * Span.timestamp()  -> startMicros()    0 when absent
 * Span.duration()   -> durationMicros() 0 when absent
 * Span.kind()       -> kind()           PRODUCER, CONSUMER and none are OTHER
 * Span.localServiceName(), remoteServiceName(), tags().get(key) as they are
 * }</pre>
 *
 * @param span the Zipkin span, never null
 */
public record StoredSpan(Span span) implements HopSpan {

	public StoredSpan {
		if (span == null) {
			throw new NullPointerException("span");
		}
	}

	@Override
	public String traceId() {
		return TraceId.w3cForm(span.traceId());
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

}
