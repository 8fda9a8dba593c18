package dev.tracer.core.findings;

import java.util.List;
import java.util.Objects;

/**
 * One thing an expert would point at in a trace, with how sure it is and why.
 *
 * <pre>{@code
 * kind        N_PLUS_ONE
 * confidence  DEFINITE
 * spanId      a1b2c3d4e5f60718                  the span to look at first: here the parent
 * spans       [a1b2..., 0001..., 0002..., ...]  what the viewer marks, at most maxSpansPerFinding ids
 * spanCount   41                                how many spans the finding covers (spans may be cut)
 * summary     frontend's GET /orders calls "select * from item where id = ?" 40 times one after another
 * evidence    ["40 calls of one statement shape against db under one parent", "they do not overlap", ...]
 * facts       NPlusOne[...]                     the numbers behind the words
 * }</pre>
 *
 * @param kind what was found
 * @param confidence how sure the finding is
 * @param spanId the span the finding is about, never null
 * @param spans the span ids it selects, in the order they matter (the group, the chain to the root)
 * @param spanCount how many spans it selects, {@code spans.size()} or more when the list was cut
 * @param summary the finding in one line
 * @param evidence each claim the finding rests on, in words
 * @param facts the figures behind the words, by kind
 */
public record Finding(Kind kind, Confidence confidence, String spanId, List<String> spans, int spanCount,
		String summary, List<String> evidence, Facts facts) {

	/** What a finding says. */
	public enum Kind {

		/** A parent calls one operation of one downstream many times, one after another. */
		N_PLUS_ONE,

		/** The deepest failed span whose failure no failed child explains, and its way to the root. */
		ERROR_ROOT_CAUSE,

		/** A span failed (by a timeout, as it looks) while a child without error ran nearly all its time. */
		MASKED_TIMEOUT,

		/** A failure stopped at a caller that did not fail: it was handled, retried or ignored. */
		SWALLOWED_ERROR,

		/** One span's own work owns most of the critical path. */
		CRITICAL_PATH

	}

	/** How sure a finding is: said for each rule in docs/findings.md. */
	public enum Confidence {

		/** The data shows it without any interpretation left. */
		DEFINITE,

		/** The data fits it and one reading is most likely, but another is possible. */
		PROBABLE

	}

	public Finding {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(confidence, "confidence");
		Objects.requireNonNull(spanId, "spanId");
		Objects.requireNonNull(summary, "summary");
		Objects.requireNonNull(facts, "facts");
		spans = List.copyOf(spans);
		evidence = List.copyOf(evidence);
		if (spanCount < spans.size()) {
			throw new IllegalArgumentException("spanCount " + spanCount + " < spans listed " + spans.size());
		}
	}

	/** The figures of a finding, one record per kind. */
	public sealed interface Facts permits NPlusOne, ErrorChain, MaskedTimeout, HotSpots {
	}

	/**
	 * @param parentId the span that makes the calls
	 * @param operation the repeated operation: service and statement shape, route or name
	 * @param count the calls
	 * @param wallMicros from the first call's start to the last call's end
	 * @param sumMicros the calls' durations added up
	 * @param parentShare the time some call runs, as a share of the parent's duration (0 when unknown)
	 * @param serial whether the calls never overlap (else partly parallel)
	 */
	public record NPlusOne(String parentId, String operation, int count, long wallMicros, long sumMicros,
			double parentShare, boolean serial) implements Facts {
	}

	/**
	 * @param causeId the span where the failure started
	 * @param topId the highest span of the unbroken chain of failed spans above the cause
	 * @param swallowedBy the caller of {@code topId} that did not fail, or null when the failure reached a root
	 * @param chain span ids from the cause up to its root, cut at maxSpansPerFinding
	 * @param cause which cause this is, from 1
	 * @param causes how many independent causes the trace has
	 * @param message what the cause's span says of its error, or null
	 */
	public record ErrorChain(String causeId, String topId, String swallowedBy, List<String> chain, int cause,
			int causes, String message) implements Facts {

		public ErrorChain {
			chain = List.copyOf(chain);
		}

	}

	/**
	 * @param failedId the span that failed
	 * @param slowIds the child without error that ran nearly all the failed span's time, then its own such
	 * child, and so on down to where the time went
	 * @param coverage the share of the failed span's time the first slow child ran
	 * @param timeoutSaid whether the failed span itself says timeout (status 504 or 408, or the word)
	 */
	public record MaskedTimeout(String failedId, List<String> slowIds, double coverage, boolean timeoutSaid)
			implements Facts {

		public MaskedTimeout {
			slowIds = List.copyOf(slowIds);
		}

	}

	/**
	 * @param pathMicros the critical path's length
	 * @param contributors the spans owning most of it, most first
	 */
	public record HotSpots(long pathMicros, List<Contributor> contributors) implements Facts {

		public HotSpots {
			contributors = List.copyOf(contributors);
		}

	}

	/**
	 * @param spanId the span
	 * @param service its local service, or null
	 * @param name its name, or null
	 * @param ownMicros its own time on the critical path
	 * @param share {@code ownMicros} as a share of the path
	 */
	public record Contributor(String spanId, String service, String name, long ownMicros, double share) {
	}

}
