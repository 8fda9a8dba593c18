package dev.tracer.core.context;

import java.util.Objects;

/**
 * Why a header was refused: which field, which rule, where.
 *
 * <pre>
 * 00-4bf9Z2f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 *        ^ trace-id: expected 32 lowercase hex characters, found 'Z' at index 7
 * </pre>
 *
 * @param field the spec's name of the field at fault: {@code traceparent} (the header as a whole,
 * its length or a separator), {@code version}, {@code trace-id}, {@code parent-id} or
 * {@code trace-flags}
 * @param reason the rule that failed, with what was found there
 * @param index 0-based position in the header as received (before spaces and tabs were trimmed), or
 * -1 when there was no header at all
 */
public record Rejection(String field, String reason, int index) {

	/**
	 * @throws NullPointerException if {@code field} or {@code reason} is null
	 * @throws IllegalArgumentException if {@code index} is below -1
	 */
	public Rejection {
		Objects.requireNonNull(field, "field must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
		if (index < -1) {
			throw new IllegalArgumentException("index must be -1 (no header) or a position, was " + index);
		}
	}

	/**
	 * The field and the reason, for logs and error replies:
	 * {@code trace-id: expected 32 lowercase hex characters, found 'Z' at index 7}.
	 */
	public String message() {
		return this.field + ": " + this.reason;
	}

}
