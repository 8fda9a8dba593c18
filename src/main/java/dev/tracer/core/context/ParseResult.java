package dev.tracer.core.context;

import java.util.Objects;

/**
 * Either a parsed value or the {@link Rejection} saying why there is none. Parsing wire input returns
 * this instead of throwing, so a bad header is a value the caller decides about: start a new trace
 * (web) or reply with an error (node).
 *
 * <pre>
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  accepted(TraceParent[...])
 * ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  rejected(version: ff is forbidden)
 * </pre>
 *
 * @param <T> the type of the parsed value
 */
public final class ParseResult<T> {

	private final T value;

	private final Rejection rejection;

	private ParseResult(T value, Rejection rejection) {
		this.value = value;
		this.rejection = rejection;
	}

	/**
	 * @throws NullPointerException if {@code value} is null
	 */
	public static <T> ParseResult<T> accepted(T value) {
		return new ParseResult<>(Objects.requireNonNull(value, "value must not be null"), null);
	}

	/**
	 * @throws NullPointerException if {@code rejection} is null
	 */
	public static <T> ParseResult<T> rejected(Rejection rejection) {
		return new ParseResult<>(null, Objects.requireNonNull(rejection, "rejection must not be null"));
	}

	public boolean isAccepted() {
		return this.rejection == null;
	}

	/**
	 * @throws IllegalStateException if the input was rejected; the message says why
	 */
	public T value() {
		if (this.rejection != null) {
			throw new IllegalStateException("No value, the input was rejected: " + this.rejection.message());
		}
		return this.value;
	}

	/**
	 * @throws IllegalStateException if the input was accepted
	 */
	public Rejection rejection() {
		if (this.rejection == null) {
			throw new IllegalStateException("No rejection, the input was accepted: " + this.value);
		}
		return this.rejection;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ParseResult<?> that) && Objects.equals(this.value, that.value)
				&& Objects.equals(this.rejection, that.rejection);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.value, this.rejection);
	}

	@Override
	public String toString() {
		return isAccepted() ? "accepted(" + this.value + ")" : "rejected(" + this.rejection.message() + ")";
	}

}
