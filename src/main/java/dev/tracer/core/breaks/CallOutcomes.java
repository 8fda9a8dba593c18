package dev.tracer.core.breaks;

/**
 * The short, stable keys a broken {@link CallOutcome} carries as its {@code reason}, read from what the
 * root that began the new trace recorded (docs/breaks.md, "What became of each call"):
 *
 * <pre>{@code
 * the root recorded                                                   key
 * w3c.traceparent.valid=false, .invalid "trace-id: expected 32 ..."   refused: trace-id: expected 32 lowercase hex characters
 * no traceparent, propagation.other "b3"                              not W3C: b3
 * no traceparent, nothing else                                        dropped
 * the very traceparent the call sent, accepted                        not continued
 * nothing (several roots disagree, or none matched)                   unknown
 * }</pre>
 *
 * A refusal's key is the core's reason up to {@code ", found"}: the rule, without the character and
 * index that vary from one request to the next.
 */
public final class CallOutcomes {

	/** Nothing tells why: no root matched, or the roots that did disagree. */
	public static final String UNKNOWN = "unknown";

	/** The root received no traceparent and no other format's header. */
	public static final String DROPPED = "dropped";

	/** The root received the call's own traceparent, accepted it, and began a new trace anyway. */
	public static final String NOT_CONTINUED = "not continued";

	private CallOutcomes() {
	}

	/**
	 * The key for a call linked to a root that recorded these.
	 *
	 * @param refusal the core's reason the root refused its traceparent, or null
	 * @param received the traceparent the root received, or null
	 * @param paired whether the root received the very header the call sent
	 * @param otherPropagation the other formats' headers the root received ({@code propagation.other}), or null
	 * @return the key, never null
	 */
	public static String reasonKey(String refusal, String received, boolean paired, String otherPropagation) {
		if (refusal != null) {
			int found = refusal.indexOf(", found");
			return "refused: " + ((found > 0) ? refusal.substring(0, found) : refusal);
		}
		if (received == null) {
			return (otherPropagation != null && !otherPropagation.isBlank()) ? "not W3C: " + format(otherPropagation) : DROPPED;
		}
		return paired ? NOT_CONTINUED : UNKNOWN;
	}

	/** {@code b3,x-b3-traceid} is B3 (single or multi); {@code uber-trace-id} is Jaeger. */
	private static String format(String headers) {
		if (headers.contains("b3")) {
			return "b3";
		}
		if (headers.contains("uber-trace-id")) {
			return "jaeger";
		}
		return headers;
	}

}
