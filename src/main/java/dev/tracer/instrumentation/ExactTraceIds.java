package dev.tracer.instrumentation;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.brave.bridge.BraveTraceContext;

import org.springframework.core.Ordered;

import dev.tracer.core.context.TraceId;
import dev.tracer.core.context.TraceParent;

/**
 * Keeps every W3C trace id exact through Brave, which holds it as two longs and reads two of them its
 * own way (Brave 6.3, {@code brave.propagation.TraceContext} and {@code brave.Tracer}):
 *
 * <pre>
 * received trace-id                    Brave holds          Brave's own reading
 * 0000000000000000abcdef0123456789     high=0, low=abcd..   a 64-bit id: traceIdString() is 16 hex
 * 4bf92f3577b34da60000000000000000     high=4bf9.., low=0   "no trace id": Tracer.decorateContext
 *                                                           starts a new trace with new random ids
 * </pre>
 *
 * Brave has no flag for "128-bit with a zero high half" and no way to keep a zero low half, so:
 * <ul>
 * <li>a zero high half is written from the two longs with {@link TraceId#ofHex}, always 32 hex
 * (Brave's own text is used only when it is 32 hex, which it is for every other id);</li>
 * <li>a zero low half is handed to Brave as a stand-in (the caller's parent-id, never zero), and the
 * exact id rides beside it in the context's {@code extra}, which Brave copies to every child span of
 * the hop; {@link #of} reads it back;</li>
 * <li>{@link Restorer} writes it into every finished span before the reporter sees it.</li>
 * </ul>
 * Log lines still show Brave's own text (16 hex, or the stand-in): the MDC is written by Brave.
 */
final class ExactTraceIds {

	private ExactTraceIds() {
	}

	/** The exact trace id, riding in a Brave context's {@code extra} when Brave holds a stand-in. */
	record Carried(TraceId traceId) {
	}

	/**
	 * A Brave context for a remote parent, its trace id exact whatever its halves.
	 * @param parent a W3C {@code traceparent} (STRICT: 32 hex trace id, 16 hex parent id, neither zero)
	 */
	static TraceContext remoteParent(TraceParent parent) {
		TraceId traceId = parent.traceId();
		long parentId = Long.parseUnsignedLong(parent.parentId().value(), 16);
		brave.propagation.TraceContext.Builder builder = brave.propagation.TraceContext.newBuilder()
			.traceIdHigh(traceId.high())
			.traceId(traceId.low())
			.spanId(parentId)
			.sampled(parent.sampled());
		if (traceId.low() == 0) {
			builder.traceId(parentId).addExtra(new Carried(traceId));
		}
		return BraveTraceContext.fromBrave(builder.build());
	}

	/**
	 * The W3C trace id of a context: exact for a Brave context, the engine's own text for any other
	 * (Micrometer's no-op context, whose id is empty, when tracing is off).
	 */
	static String of(TraceContext context) {
		if (!(context instanceof BraveTraceContext)) {
			return context.traceId();
		}
		return of(BraveTraceContext.toBrave(context));
	}

	private static String of(brave.propagation.TraceContext context) {
		Carried carried = context.findExtra(Carried.class);
		if (carried != null) {
			return carried.traceId().value();
		}
		// with both halves non-zero Brave's own text is exact, and it is kept with the context
		return (context.traceIdHigh() != 0) ? context.traceIdString()
				: TraceId.ofHex(0, context.traceId()).value();
	}

	/**
	 * Puts the exact id back into each finished span whose context carries one, first of all span
	 * handlers, so the reporter sends the id the trace has. A zero high half needs nothing: Brave's
	 * {@code MutableSpan.traceId} and Zipkin's {@code Span.normalizeTraceId} both write it as the low 16
	 * hex by design (a 64-bit id and a 128-bit one with a zero high half are one trace to them), and the
	 * store finds the trace by either form.
	 */
	static final class Restorer extends SpanHandler implements Ordered {

		@Override
		public boolean end(brave.propagation.TraceContext context, MutableSpan span, Cause cause) {
			Carried carried = context.findExtra(Carried.class);
			if (carried != null) {
				span.traceId(carried.traceId().value());
			}
			return true;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
