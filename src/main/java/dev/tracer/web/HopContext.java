package dev.tracer.web;

import io.micrometer.tracing.Span;

import dev.tracer.core.context.TraceState;

/**
 * This hop's trace context: one instance per request (request scope), filled by
 * {@link TraceContextFilter} before any controller runs, read by controllers and by
 * {@link W3CPropagator} for the calls this hop makes.
 */
public final class HopContext {

	private IncomingTraceparent incoming;

	private IncomingTracestate incomingTracestate;

	private Span span;

	void start(IncomingTraceparent incoming, IncomingTracestate incomingTracestate, Span span) {
		this.incoming = incoming;
		this.incomingTracestate = incomingTracestate;
		this.span = span;
	}

	/** The {@code traceparent} received and whether it was used. */
	public IncomingTraceparent incoming() {
		return incoming;
	}

	/** The {@code tracestate} received and whether it was kept. */
	public IncomingTracestate incomingTracestate() {
		return incomingTracestate;
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

	/** This hop's server span; null when the request was not traced (e.g. the span intake). */
	public Span span() {
		return span;
	}

}
