package dev.tracer.core.breaks;

import java.util.Objects;

/**
 * One client call, judged once: what became of the context it carried. The break analysis emits one
 * for every call it settles; the propagation map counts them by edge (caller to callee).
 *
 * <pre>{@code
 * outcome          callee         reason                        when
 * CONTINUED        backend        null                          a span of the call's trace has it as parent
 * BROKEN           backend        dropped                       a lost call (any confidence): its reason key
 * BROKEN           backend        refused: <rule>               the callee refused the header, and why
 * UNTRACED         mysql          null                          the callee writes no spans (UntracedCall)
 * UNKNOWN_CALLEE   null           null                          nothing names the callee, no new trace matches
 * }</pre>
 *
 * @param call the client span, never null
 * @param caller the service that made the call, or null when its span names none
 * @param callee the service, store or host called, or null when unknown
 * @param outcome what became of the context, never null
 * @param confidence for {@code BROKEN}, the break's confidence; null otherwise
 * @param reason for {@code BROKEN}, a short stable key grouping breaks of one cause ({@code dropped},
 * {@code refused: <rule>}, {@code unknown}, ...); null otherwise
 */
public record CallOutcome(SpanRef call, String caller, String callee, Outcome outcome, Confidence confidence,
		String reason) {

	/** What became of a call's context. */
	public enum Outcome {

		/** The callee's span joined the call's trace. */
		CONTINUED,

		/** The context was lost on the way: a lost call. */
		BROKEN,

		/** The callee writes no spans: a database, a cache, a broker, a third party. */
		UNTRACED,

		/** Nothing names the callee and no new trace matches the call. */
		UNKNOWN_CALLEE

	}

	public CallOutcome {
		Objects.requireNonNull(call, "call");
		Objects.requireNonNull(outcome, "outcome");
		if ((outcome == Outcome.BROKEN) != (confidence != null && reason != null)) {
			throw new IllegalArgumentException(outcome + " with confidence " + confidence + " and reason " + reason);
		}
	}

}
