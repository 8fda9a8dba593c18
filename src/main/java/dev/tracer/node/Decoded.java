package dev.tracer.node;

/**
 * What {@link MessageDecoder} makes of one frame of input: a {@link Message}, or {@link Unreadable}
 * input that cannot be taken as one.
 *
 * <pre>
 * {"src": "a", "dest": "b", "body": {...}}          Message
 * hello                                             Unreadable(null, null, malformed JSON: ...)
 * {"src": "c", "dest": 4, "body": {...}}            Unreadable("c", null, dest: expected a string, found a number)
 * {"src": "c", "dest": "d", "body": null}           Unreadable("c", "d", body: expected an object, found null)
 * </pre>
 */
sealed interface Decoded permits Message, Decoded.Unreadable {

	/**
	 * Input that is not a message the node can read: not JSON, not an object, neither an envelope nor a
	 * bare body, or an envelope with a bad {@code src}, {@code dest} or {@code body}. The addresses read
	 * before the problem are used in the error reply; the others come from the last envelope, and the
	 * session does not take these as its last envelope.
	 * @param src the envelope's {@code src} if it was read before the problem, else null
	 * @param dest the envelope's {@code dest} if it was read before the problem, else null
	 * @param error the reply
	 */
	record Unreadable(String src, String dest, NodeError error) implements Decoded {
	}

}
