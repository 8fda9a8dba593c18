package dev.tracer.core.breaks;

/**
 * The two tolerances of the break analysis.
 *
 * <pre>{@code
 * settle  a call with no child is lost only once its trace has been quiet this long: spans are
 *         reported in batches and over a network, so the callee's may still be on their way
 * skew    a callee's clock may differ from its caller's by this much: a new trace is taken as a
 *         call's continuation when it lies within the call's window widened by it on both sides
 * }</pre>
 *
 * @param settleMicros microseconds a trace must have been quiet, 0 or more
 * @param skewMicros microseconds of clock difference tolerated between two services, 0 or more
 */
public record BreakRules(long settleMicros, long skewMicros) {

	public BreakRules {
		if (settleMicros < 0) {
			throw new IllegalArgumentException("settleMicros < 0: " + settleMicros);
		}
		if (skewMicros < 0) {
			throw new IllegalArgumentException("skewMicros < 0: " + skewMicros);
		}
	}

}
