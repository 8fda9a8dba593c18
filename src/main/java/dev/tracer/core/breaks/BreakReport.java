package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link BreakAnalysis} found in a set of spans. Every settled client span without a child is in
 * exactly one of {@code breaks} (as a lost call), {@code untracedCalls} and {@code unknownCalleeCalls}.
 *
 * @param breaks both sides of every broken call, ordered by the start of their span, then trace and span id
 * @param untracedCalls calls without a child to a callee that has no span among those analysed (a
 * database, a cache, a broker, a third party): facts, not breaks, ordered the same way
 * @param unknownCalleeCalls calls without a child that name no callee and match no new trace: nothing
 * shows that anything was lost, nor whom they called; neither breaks nor untraced, ordered the same way
 * @param orphans spans whose parent is not among the spans: their traces are incomplete, which is not a
 * break (the context arrived; a span of it did not), ordered the same way
 * @param pendingCalls client spans without a child whose traces have not yet been quiet for the settle
 * time: not judged yet
 */
public record BreakReport(List<Break> breaks, List<UntracedCall> untracedCalls, List<SpanRef> unknownCalleeCalls,
		List<SpanRef> orphans, int pendingCalls) {

	public BreakReport {
		breaks = List.copyOf(breaks);
		untracedCalls = List.copyOf(untracedCalls);
		unknownCalleeCalls = List.copyOf(unknownCalleeCalls);
		orphans = List.copyOf(orphans);
		if (pendingCalls < 0) {
			throw new IllegalArgumentException("pendingCalls < 0: " + pendingCalls);
		}
	}

	/** How many breaks each trace has, for traces with at least one. */
	public Map<String, Integer> countByTrace() {
		Map<String, Integer> counts = new HashMap<>();
		for (Break b : breaks) {
			counts.merge(b.traceId(), 1, Integer::sum);
		}
		return counts;
	}

	/**
	 * The breaks that happened in one trace: its lost calls and its restart.
	 *
	 * @param traceId the trace id, never null
	 * @return the trace's breaks, in report order
	 */
	public List<Break> inTrace(String traceId) {
		Objects.requireNonNull(traceId, "traceId");
		List<Break> found = new ArrayList<>();
		for (Break b : breaks) {
			if (b.traceId().equals(traceId)) {
				found.add(b);
			}
		}
		return found;
	}

	/**
	 * The untraced calls one trace made, for its spans' details.
	 *
	 * @param traceId the trace id, never null
	 * @return the trace's untraced calls, in report order
	 */
	public List<UntracedCall> untracedCallsInTrace(String traceId) {
		Objects.requireNonNull(traceId, "traceId");
		List<UntracedCall> found = new ArrayList<>();
		for (UntracedCall call : untracedCalls) {
			if (call.call().traceId().equals(traceId)) {
				found.add(call);
			}
		}
		return found;
	}

}
