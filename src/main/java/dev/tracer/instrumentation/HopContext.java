package dev.tracer.instrumentation;

import io.micrometer.tracing.Span;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.core.context.IncomingTracestate;
import dev.tracer.core.context.TraceState;

/**
 * This hop's trace context: one instance per request, made by {@link TraceContextFilter} before any
 * controller runs and kept as a request attribute; read by controllers and by {@link W3CPropagator} for
 * the calls this hop makes.
 *
 * <p>It is found through Spring's {@link RequestContextHolder} rather than as a request-scoped bean:
 * resolving a scoped bean through an {@code ObjectProvider} on every request and every outgoing call
 * was a large share of the demo's CPU under load, reading an attribute takes next to nothing
 * (docs/performance.md, "Why the hand-written parts stay").
 *
 * @param incoming the {@code traceparent} received and whether it was used
 * @param incomingTracestate the {@code tracestate} received and whether it was kept
 * @param span this hop's server span; null when the request was not traced (e.g. the span intake)
 */
public record HopContext(IncomingTraceparent incoming, IncomingTracestate incomingTracestate, Span span) {

	/** The request attribute that holds the hop's context. */
	static final String ATTRIBUTE = HopContext.class.getName();

	/**
	 * The context of the request this thread serves.
	 * @throws IllegalStateException outside a request, or for a path {@link TraceContextFilter} skips
	 */
	public static HopContext current() {
		HopContext hop = currentOrNull();
		if (hop == null) {
			throw new IllegalStateException("No hop context: this thread serves no request that TraceContextFilter saw");
		}
		return hop;
	}

	/**
	 * The context of the request this thread serves, or null outside one, for a path
	 * {@link TraceContextFilter} skips, or when the filter is off ({@code tracer.propagation.engine: boot}).
	 */
	public static HopContext currentOrNull() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes != null) ? (HopContext) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
				: null;
	}

	/** The list this hop passes on: what it received and accepted, {@link TraceState#EMPTY} otherwise. */
	public TraceState tracestate() {
		return incomingTracestate.kept();
	}

	/**
	 * Whether at least the right-most 7 bytes of the trace id are random (the Level 2 {@code random}
	 * flag): as the caller said for a continued trace; true for a trace started here, whose id Brave made
	 * from random bits.
	 */
	public boolean randomTraceId() {
		return incoming.valid() ? incoming.parsed().flags().random() : true;
	}

	/**
	 * This hop's trace id exactly as W3C writes it: 32 hex, whichever half is zero (Brave's own text
	 * would shorten or replace some; see {@link ExactTraceIds}); empty when tracing is off.
	 */
	public String traceId() {
		return ExactTraceIds.of(span.context());
	}

}
