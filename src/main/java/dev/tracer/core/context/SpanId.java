package dev.tracer.core.context;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The id of one span; in a {@code traceparent} it is the third field, {@code parent-id}: the caller's
 * span.
 *
 * <pre>
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 *                                     ^^^^^^^^^^^^^^^^
 * </pre>
 *
 * In W3C data the value is 16 lowercase hex characters, not all zeros ({@link #isW3C()}). LENIENT data
 * may hold any token, such as {@code span_a} or the 17-hex {@code 00f067aa0ba902b57}, so the
 * constructor only insists on what keeps a formatted header parseable: non-empty, no whitespace or
 * control character, no {@code -}.
 *
 * @param value the id as written on the wire
 */
public record SpanId(String value) {

	private static final int W3C_LENGTH = 16;

	/** 16 zeros: what W3C calls an invalid parent-id, used instead of null. */
	public static final SpanId INVALID = new SpanId("0".repeat(W3C_LENGTH));

	/**
	 * @throws NullPointerException if {@code value} is null
	 * @throws IllegalArgumentException if {@code value} is empty or holds whitespace, a control
	 * character or {@code -}
	 */
	public SpanId {
		Chars.checkToken("span-id", value);
	}

	/** A random W3C span id from {@link ThreadLocalRandom}, never all zeros. */
	public static SpanId random() {
		return random(ThreadLocalRandom.current());
	}

	/** A W3C span id from the given generator (seeded ones make tests repeatable), never all zeros. */
	public static SpanId random(RandomGenerator random) {
		Objects.requireNonNull(random, "random must not be null");
		long value;
		do {
			value = random.nextLong();
		}
		while (value == 0);
		return new SpanId(Hex.fromLong(value));
	}

	/** True when the value is 16 lowercase hex characters and not all zeros. */
	public boolean isW3C() {
		return Hex.isLowerHexNotAllZeros(this.value, W3C_LENGTH);
	}

	/** The value, as written in a header. */
	@Override
	public String toString() {
		return this.value;
	}

}
