package dev.tracer.core.context;

/**
 * The span tags that carry each hop's trace-context evidence, named once: the web filter writes them
 * on server spans, the client observation on client spans, and the viewer and the break analysis read
 * them back from the store.
 *
 * <pre>{@code
 * server span (every traced request)
 *   w3c.traceparent.received  00-4bf9...-00f0...-01     as received, escaped; absent when there was none
 *   w3c.traceparent.valid     true | false              whether the STRICT core accepted it
 *   w3c.traceparent.invalid   trace-id: expected ...    the core's reason; only for a received, invalid header
 *   w3c.tracestate.received   congo=t61rcWkgMzE         as received (several headers joined), escaped
 *   w3c.tracestate.verdict    absent | kept | dropped
 *   w3c.tracestate.dropped    not used: the traceparent is invalid    why; only when dropped
 *   propagation.other         b3,x-b3-traceid           other formats' headers received (lowercase, sorted); absent when none
 * client span (every instrumented outgoing call)
 *   w3c.traceparent.sent      00-4bf9...-b7ad...-01     the header this hop wrote
 * }</pre>
 *
 * <p>Received values are escaped with the parser's own rule (anything outside printable ASCII as a
 * backslash-u escape) and cut at {@link #MAX_RECEIVED_CHARS} characters by {@link #received}, so a
 * hostile header neither reaches a log or a page raw nor grows the store.
 */
public final class TraceTags {

	/** The {@code traceparent} as received, escaped; absent when the request had none. */
	public static final String TRACEPARENT_RECEIVED = "w3c.traceparent.received";

	/** {@code "true"} or {@code "false"}: whether the STRICT core accepted the received header. */
	public static final String TRACEPARENT_VALID = "w3c.traceparent.valid";

	/** The core's reason a received {@code traceparent} was invalid; absent when valid or missing. */
	public static final String TRACEPARENT_INVALID = "w3c.traceparent.invalid";

	/** The {@code tracestate} as received, all headers joined with {@code ","}, escaped. */
	public static final String TRACESTATE_RECEIVED = "w3c.tracestate.received";

	/** {@link #ABSENT}, {@link #KEPT} or {@link #DROPPED}. */
	public static final String TRACESTATE_VERDICT = "w3c.tracestate.verdict";

	/** Why the received {@code tracestate} was dropped; absent otherwise. */
	public static final String TRACESTATE_DROPPED = "w3c.tracestate.dropped";

	/**
	 * The headers of other propagation formats a request carried ({@code b3}, {@code x-b3-traceid},
	 * {@code uber-trace-id}), lowercase, sorted, joined with {@code ","}; absent when it carried none.
	 * Tells a call whose context was sent in another format from one whose context was dropped.
	 */
	public static final String OTHER_PROPAGATION = "propagation.other";

	/** The {@code traceparent} written on an outgoing call, on its client span. */
	public static final String TRACEPARENT_SENT = "w3c.traceparent.sent";

	/** Verdict: no {@code tracestate} was received. */
	public static final String ABSENT = "absent";

	/** Verdict: the received list is passed on. */
	public static final String KEPT = "kept";

	/** Verdict: the received list was not used; {@link #TRACESTATE_DROPPED} says why. */
	public static final String DROPPED = "dropped";

	/**
	 * Characters of a received value kept: a {@code tracestate} may be 512 characters by the spec
	 * (32 members), so a valid list is always kept whole.
	 */
	public static final int MAX_RECEIVED_CHARS = 512;

	private TraceTags() {
	}

	/**
	 * A received header value as it is tagged: escaped and cut at {@link #MAX_RECEIVED_CHARS} characters.
	 *
	 * <pre>{@code
	 * "00-4bf9...-01"   -> "00-4bf9...-01"
	 * "00-4bf9" + LF + "..."   -> "00-4bf9" + backslash-u000a + "..."   a line feed, escaped
	 * 10,000 x "a"      -> 512 x "a" + "... (9488 more characters)"
	 * }</pre>
	 *
	 * @param value the value, never null
	 * @return the printable form
	 */
	public static String received(String value) {
		if (value == null) {
			throw new NullPointerException("value == null");
		}
		return Chars.printable(value, MAX_RECEIVED_CHARS);
	}

}
