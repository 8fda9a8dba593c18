package dev.tracer.web;

import io.micrometer.tracing.Span;

/**
 * This hop's trace context: one instance per request (request scope), filled by
 * {@link TraceContextFilter} before any controller runs.
 */
public final class HopContext {

	private IncomingTraceparent incoming;

	private String tracestate;

	private Span span;

	void start(IncomingTraceparent incoming, String tracestate, Span span) {
		this.incoming = incoming;
		this.tracestate = tracestate;
		this.span = span;
	}

	/** The {@code traceparent} received and whether it was used. */
	public IncomingTraceparent incoming() {
		return incoming;
	}

	/**
	 * The {@code tracestate} received (several headers joined with {@code ","} as one list), or null. Not
	 * used when the {@code traceparent} was invalid: W3C ties the two together.
	 */
	public String tracestate() {
		return tracestate;
	}

	/** This hop's server span; null when the request was not traced (e.g. the span intake). */
	public Span span() {
		return span;
	}

}
