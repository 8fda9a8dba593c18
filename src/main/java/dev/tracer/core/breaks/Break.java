package dev.tracer.core.breaks;

import java.util.List;
import java.util.Objects;

/**
 * One place where a trace's context was lost, seen from one side of the call. A broken call gives
 * two breaks when both sides are in the store: {@link Kind#LOST_DOWNSTREAM} in the caller's trace and
 * {@link Kind#RESTARTED_HERE} in the callee's, each naming the other as its link.
 *
 * <pre>{@code
 * trace A (frontend)                        trace B (backend)
 * GET /api/data (server)
 *   +-- http get (client) - - - - - - - ->  GET /api/data (server, a root)
 *       LOST_DOWNSTREAM                     RESTARTED_HERE
 *       client = it, server = B's root      server = it, client = A's client span
 * }</pre>
 *
 * @param kind which side this break is
 * @param client the call that lost its context: this break's span for {@link Kind#LOST_DOWNSTREAM}, the
 * linked call (or null) for {@link Kind#RESTARTED_HERE}
 * @param server the root that began a new trace: this break's span for {@link Kind#RESTARTED_HERE}, the
 * linked continuation (or null) for {@link Kind#LOST_DOWNSTREAM}
 * @param confidence how sure the break itself is, and what it rests on: {@link Confidence#DEFINITE}
 * (header evidence), {@link Confidence#PROBABLE} (a matching root) or {@link Confidence#POSSIBLE} (a
 * traced callee left no span and no new trace); see {@link BreakAnalysis} for each side's rules
 * @param link how sure the other piece is: {@code DEFINITE} (header evidence and a unique match),
 * {@code PROBABLE} (a unique match by time and request), {@code AMBIGUOUS} (several fit, see
 * {@code candidates}) or {@code NONE}
 * @param candidates the other pieces that fit, the first {@link #MAX_LISTED_CANDIDATES} in start order:
 * one when linked, several when ambiguous, none otherwise
 * @param candidateCount how many pieces fit, listed or not: an ambiguous break in a busy store may have
 * thousands, and one break must not grow with them
 * @param reason the break in words, one line
 */
public record Break(Kind kind, SpanRef client, SpanRef server, Confidence confidence, Confidence link,
		List<SpanRef> candidates, int candidateCount, String reason) {

	/** How many candidates a break lists at most; {@link #candidateCount()} counts the rest. */
	public static final int MAX_LISTED_CANDIDATES = 5;

	/** Which side of a broken call a break is. */
	public enum Kind {

		/** A client span with no child in its own trace: the context did not continue downstream. */
		LOST_DOWNSTREAM,

		/** A server span that is a root although a context was sent to it: a new trace began here. */
		RESTARTED_HERE

	}

	public Break {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(confidence, "confidence");
		Objects.requireNonNull(link, "link");
		Objects.requireNonNull(reason, "reason");
		candidates = List.copyOf(candidates);
		if (confidence == Confidence.AMBIGUOUS || confidence == Confidence.NONE) {
			throw new IllegalArgumentException("confidence " + confidence + ": a break is definite, probable or possible");
		}
		if (link == Confidence.POSSIBLE) {
			throw new IllegalArgumentException("link POSSIBLE: a link is definite, probable, ambiguous or none");
		}
		if (candidates.size() > MAX_LISTED_CANDIDATES || candidates.size() != Math.min(candidateCount, MAX_LISTED_CANDIDATES)) {
			throw new IllegalArgumentException(candidates.size() + " candidates listed of " + candidateCount);
		}
		if (here(kind, client, server) == null) {
			throw new NullPointerException((kind == Kind.LOST_DOWNSTREAM) ? "client" : "server");
		}
		boolean linked = link == Confidence.DEFINITE || link == Confidence.PROBABLE;
		SpanRef other = (kind == Kind.LOST_DOWNSTREAM) ? server : client;
		if (linked != (other != null)) {
			throw new IllegalArgumentException("link " + link + " with other piece " + other);
		}
		int expected = switch (link) {
			case DEFINITE, PROBABLE -> 1;
			case NONE -> 0;
			default -> -1;
		};
		if ((expected >= 0) ? candidateCount != expected : candidateCount == 0) {
			throw new IllegalArgumentException("link " + link + " with " + candidateCount + " candidates");
		}
	}

	/** A break whose candidates are all listed: at most {@link #MAX_LISTED_CANDIDATES}. */
	public Break(Kind kind, SpanRef client, SpanRef server, Confidence confidence, Confidence link,
			List<SpanRef> candidates, String reason) {
		this(kind, client, server, confidence, link, candidates, candidates.size(), reason);
	}

	/** The span where this break happened: the client span, or the root server span. */
	public SpanRef span() {
		return here(kind, client, server);
	}

	/** The trace this break belongs to. */
	public String traceId() {
		return span().traceId();
	}

	/** The continuation's trace (for a lost call) or the origin's (for a restart), or null when not linked. */
	public String otherTraceId() {
		SpanRef other = (kind == Kind.LOST_DOWNSTREAM) ? server : client;
		return (other != null) ? other.traceId() : null;
	}

	private static SpanRef here(Kind kind, SpanRef client, SpanRef server) {
		return (kind == Kind.LOST_DOWNSTREAM) ? client : server;
	}

}
