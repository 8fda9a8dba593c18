package dev.tracer.core.breaks;

/**
 * The counts of {@link BreakEngine}'s result and of its state at one moment: what {@code /api/breaks}
 * reports and what the bounds ({@link BreakLimits}) are checked against.
 *
 * @param breaks breaks held, both sides
 * @param untracedCalls calls to a callee that writes no spans
 * @param unknownCalleeCalls calls that name no callee and matched no new trace
 * @param orphans spans whose parent was absent when their trace settled
 * @param pendingCalls client spans of traces not yet settled: not judged yet
 * @param pendingTraces traces not yet settled
 * @param pendingSpans their spans, held until they settle (bounded by {@link BreakLimits#maxPendingSpans})
 * @param indexedRoots roots a call can still be matched with (bounded by {@link BreakLimits#maxIndexedRoots})
 * @param resultTraces traces with a result kept (bounded by {@link BreakLimits#maxResultTraces})
 * @param tracedNames services and hosts known to write spans (bounded by {@link BreakLimits#maxTracedNames})
 * @param spansAnalysed spans taken since the start
 * @param callsJudged client calls judged since the start, each once
 * @param settledEarly traces judged before they were quiet, to stay within the pending bound
 * @param rootsDroppedEarly roots taken out of the index early, to stay within its bound
 * @param resultsDropped traces whose result was forgotten to stay within its bound (not evictions)
 * @param tracedNamesDropped spans whose new names were not remembered, past the bound
 * @param candidatesCapped calls that fit more roots than {@link BreakLimits#maxCandidatesPerCall}: counted
 * that far ("at least"), the roots past it not told of the call
 */
public record BreakTotals(int breaks, int untracedCalls, int unknownCalleeCalls, int orphans, int pendingCalls,
		int pendingTraces, int pendingSpans, int indexedRoots, int resultTraces, int tracedNames, long spansAnalysed,
		long callsJudged, long settledEarly, long rootsDroppedEarly, long resultsDropped, long tracedNamesDropped,
		long candidatesCapped) {
}
