package dev.tracer.core.breaks;

/**
 * How sure a verdict of the break analysis is. Never a silent guess: when several pieces fit, the
 * verdict is {@link #AMBIGUOUS} and lists them all.
 */
public enum Confidence {

	/** Header evidence says so: a refused {@code traceparent}, or the very header the caller sent. */
	DEFINITE,

	/** Timing and request say so, one way only, without header evidence. */
	PROBABLE,

	/** Several pieces fit; they are listed, none is chosen. */
	AMBIGUOUS,

	/** No piece fits: the other side is not traced, has not arrived, or was evicted. */
	NONE

}
