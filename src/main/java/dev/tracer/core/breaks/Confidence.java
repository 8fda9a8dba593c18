package dev.tracer.core.breaks;

/**
 * How sure a verdict of the break analysis is, and what it rests on. A break's own confidence is
 * {@link #DEFINITE}, {@link #PROBABLE} or {@link #POSSIBLE}; its link to the other piece is
 * {@link #DEFINITE}, {@link #PROBABLE}, {@link #AMBIGUOUS} or {@link #NONE}. Never a silent guess:
 * when several pieces fit, the link is {@link #AMBIGUOUS}, counts them and lists the first few.
 */
public enum Confidence {

	/**
	 * Header evidence says so: the callee recorded a {@code traceparent} it refused, or received the very
	 * header the caller sent and began a new trace anyway.
	 */
	DEFINITE,

	/** A matching root says so, without header evidence: one new trace of the same request, in time. */
	PROBABLE,

	/**
	 * Only an absence says so: a call to a service that is traced left no span and no new trace. Its
	 * span may be unsampled, late or evicted, or the call never reached it; not drawn as a fault.
	 */
	POSSIBLE,

	/** Several pieces fit; they are counted and the first few listed, none is chosen. */
	AMBIGUOUS,

	/** No piece fits: the other side has not arrived, was evicted, or was never recorded. */
	NONE

}
