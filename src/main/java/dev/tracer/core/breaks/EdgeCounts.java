package dev.tracer.core.breaks;

import java.util.List;
import java.util.Objects;

/**
 * The calls from one service to another over a window of the {@link PropagationMap}, by what became of
 * their context. {@link #verdict()} is the one rule for how an edge is drawn.
 *
 * @param caller the calling service, never null ({@link PropagationMap#UNNAMED} when its spans name none)
 * @param callee the called service, store or host, or null for the calls whose callee nothing names
 * @param continued calls whose callee joined the trace
 * @param broken calls that lost the context, at any confidence
 * @param possible of {@code broken}, those only an absence says broke ({@link Confidence#POSSIBLE})
 * @param untraced calls to a callee that writes no spans
 * @param unknownCallee calls whose callee nothing names
 * @param reasons the broken calls by reason key, most first (ties by key), never null
 */
public record EdgeCounts(String caller, String callee, long continued, long broken, long possible, long untraced,
		long unknownCallee, List<ReasonCount> reasons) {

	/** How an edge is drawn. */
	public enum Verdict {

		/** At least one call broke on header or matching-root evidence: drawn red. */
		BROKEN,

		/** Calls broke, but only an absence says so ({@link Confidence#POSSIBLE}): drawn as a warning, not a fault. */
		POSSIBLY_BROKEN,

		/** Every judged call continued the trace. */
		CONTINUED,

		/** Only calls to a callee that writes no spans, or to one nothing names: drawn neutral, never red. */
		UNTRACED

	}

	/**
	 * @param reason the break's reason key ({@code dropped}, {@code refused: <rule>}, ...)
	 * @param count how many broken calls of the edge have it
	 */
	public record ReasonCount(String reason, long count) {

		public ReasonCount {
			Objects.requireNonNull(reason, "reason");
		}

	}

	public EdgeCounts {
		Objects.requireNonNull(caller, "caller");
		reasons = List.copyOf(reasons);
	}

	/** Every call of the edge, whatever became of it. */
	public long calls() {
		return continued + broken + untraced + unknownCallee;
	}

	/**
	 * The share of the calls whose context could be followed (continued or broken) that broke; 0 when
	 * there are none. Untraced calls are left out: their callee could never have continued the trace.
	 */
	public double brokenShare() {
		long judged = continued + broken;
		return (judged == 0) ? 0 : (double) broken / judged;
	}

	public Verdict verdict() {
		if (broken > possible) {
			return Verdict.BROKEN;
		}
		if (broken > 0) {
			return Verdict.POSSIBLY_BROKEN;
		}
		return (continued > 0) ? Verdict.CONTINUED : Verdict.UNTRACED;
	}

}
