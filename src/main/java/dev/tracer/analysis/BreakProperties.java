package dev.tracer.analysis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tracer.core.breaks.BreakLimits;
import dev.tracer.core.breaks.BreakRules;

/**
 * The break analysis's tolerances and bounds ({@code tracer.breaks.*}); see {@link BreakRules} and
 * {@link BreakLimits}.
 *
 * @param settle how long a trace must have been quiet (no span arrived, none ended) before a call in it
 * without a child is judged: the services report every 100 ms ({@code tracer.reporting.message-timeout}),
 * so a few seconds covers a batch, a retry and a slow network
 * @param skew how far apart two services' clocks may be: a new trace is a call's continuation only if
 * it started within the call's window widened by this much on both sides. Larger finds continuations
 * across badly synchronised hosts, and makes busy paths ambiguous sooner
 * @param tick how often quiet traces are settled when nothing arrives and nobody reads
 * @param maxPendingSpans spans of unsettled traces held; past it the oldest trace is judged early (counted)
 * @param maxIndexedRoots roots a lost call can still be matched with; past it the oldest leaves early (counted)
 * @param maxResultTraces traces whose breaks and untraced calls are kept; past it the oldest is forgotten
 * (counted). The in-memory store's evictions forget theirs first; with the Zipkin store this is the bound
 * @param maxTracedNames service names and hosts remembered as traced (counted past it)
 * @param maxCandidatesPerCall new traces counted for one lost call: past it the break says "at least" (a hot
 * route in a burst has thousands in one window, and nothing tells them apart); bounds the work per call
 */
@ConfigurationProperties("tracer.breaks")
public record BreakProperties(@DefaultValue("5s") Duration settle, @DefaultValue("50ms") Duration skew,
		@DefaultValue("500ms") Duration tick, @DefaultValue("200000") int maxPendingSpans,
		@DefaultValue("100000") int maxIndexedRoots, @DefaultValue("100000") int maxResultTraces,
		@DefaultValue("10000") int maxTracedNames, @DefaultValue("256") int maxCandidatesPerCall) {

	public BreakProperties {
		if (settle.isNegative() || skew.isNegative()) {
			throw new IllegalArgumentException("tracer.breaks.settle and .skew must not be negative: " + settle + ", " + skew);
		}
		if (tick.isNegative() || tick.isZero()) {
			throw new IllegalArgumentException("tracer.breaks.tick: expected more than 0, found " + tick);
		}
	}

	BreakRules rules() {
		return new BreakRules(micros(settle), micros(skew));
	}

	/** The bounds, checked by {@link BreakLimits}: a bad value fails the start naming the properties. */
	BreakLimits limits() {
		try {
			return new BreakLimits(maxPendingSpans, maxIndexedRoots, maxResultTraces, maxTracedNames,
					maxCandidatesPerCall);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("tracer.breaks.max-*: " + ex.getMessage(), ex);
		}
	}

	private static long micros(Duration duration) {
		return duration.toNanos() / 1_000L;
	}

}
