package dev.tracer.core.breaks;

/**
 * The bounds on what {@link BreakEngine} holds, each counted when reached, so that no traffic grows
 * its memory or its time per span without limit.
 *
 * <pre>{@code
 * pending spans    spans of traces not yet quiet for the settle time; past it, the oldest trace is
 *                  judged early (counted: settledEarly)
 * indexed roots    roots that a lost call can still be matched with; past it, the oldest leaves the
 *                  index early (counted: rootsDroppedEarly)
 * result traces    traces whose breaks, untraced calls and roots are kept for readers; past it, the
 *                  oldest trace's result is forgotten (counted: resultsDropped)
 * traced names     services and hosts seen writing spans (whether a callee is traced); past it, new
 *                  names are not remembered (counted: tracedNamesDropped)
 * candidates       roots counted for one call (the work a call costs: a hot route in a burst has
 *                  thousands in one window); past it the call says "at least" and the roots past it
 *                  are not told of it (counted: candidatesCapped)
 * }</pre>
 *
 * @param maxPendingSpans 1 or more
 * @param maxIndexedRoots 1 or more
 * @param maxResultTraces 1 or more
 * @param maxTracedNames 1 or more
 * @param maxCandidatesPerCall more than {@link Break#MAX_LISTED_CANDIDATES}
 */
public record BreakLimits(int maxPendingSpans, int maxIndexedRoots, int maxResultTraces, int maxTracedNames,
		int maxCandidatesPerCall) {

	/** Enough for a store of 100,000 spans receiving a few thousand spans a second. */
	public static final BreakLimits DEFAULTS = new BreakLimits(200_000, 100_000, 100_000, 10_000, 256);

	public BreakLimits {
		if (maxPendingSpans < 1 || maxIndexedRoots < 1 || maxResultTraces < 1 || maxTracedNames < 1) {
			throw new IllegalArgumentException("every limit must be 1 or more: pending spans " + maxPendingSpans
					+ ", indexed roots " + maxIndexedRoots + ", result traces " + maxResultTraces + ", traced names "
					+ maxTracedNames);
		}
		if (maxCandidatesPerCall <= Break.MAX_LISTED_CANDIDATES) {
			throw new IllegalArgumentException("candidates per call: expected more than " + Break.MAX_LISTED_CANDIDATES
					+ ", found " + maxCandidatesPerCall);
		}
	}

}
