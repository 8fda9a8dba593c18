package dev.tracer.core.context;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import dev.tracer.core.hex.Hex;

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
 * <p>A value of 16 lowercase hex characters is held as a long, as Brave does, and written as text only
 * when asked for (see {@link TraceId}). Two ids are equal when their values are.
 */
public final class SpanId {

	private static final int W3C_LENGTH = 16;

	/** 16 zeros: what W3C calls an invalid parent-id, used instead of null. */
	public static final SpanId INVALID = new SpanId(0);

	private final long bits;

	/** Whether the value is 16 lowercase hex characters, held in {@link #bits}. */
	private final boolean hex;

	/** The value as text; written on first use for a hex id, racy but harmless as in {@link TraceId}. */
	private String value;

	/**
	 * @param value the id as written on the wire
	 * @throws NullPointerException if {@code value} is null
	 * @throws IllegalArgumentException if {@code value} is empty or holds whitespace, a control
	 * character or {@code -}
	 */
	public SpanId(String value) {
		Chars.checkToken("span-id", value);
		this.hex = Hex.isLower(value, W3C_LENGTH);
		this.bits = this.hex ? Hex.decodeLower(value, 0, W3C_LENGTH) : 0;
		this.value = value;
	}

	private SpanId(long bits) {
		this.bits = bits;
		this.hex = true;
	}

	/** The id whose 16 hex characters are {@code bits}; the parser's way in. */
	static SpanId ofHex(long bits) {
		return new SpanId(bits);
	}

	/** A random W3C span id from {@link ThreadLocalRandom}, never all zeros. */
	public static SpanId random() {
		return random(ThreadLocalRandom.current());
	}

	/** A W3C span id from the given generator (seeded ones make tests repeatable), never all zeros. */
	public static SpanId random(RandomGenerator random) {
		Objects.requireNonNull(random, "random must not be null");
		long bits;
		do {
			bits = random.nextLong();
		}
		while (bits == 0);
		return new SpanId(bits);
	}

	/** The id as written on the wire. */
	public String value() {
		String text = this.value;
		if (text == null) {
			text = Hex.fromLong(this.bits);
			this.value = text;
		}
		return text;
	}

	/** True when the value is 16 lowercase hex characters and not all zeros. */
	public boolean isW3C() {
		return this.hex && this.bits != 0;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof SpanId that) || this.hex != that.hex) {
			return false;
		}
		return this.hex ? this.bits == that.bits : this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return this.hex ? Long.hashCode(this.bits) : this.value.hashCode();
	}

	/** The value, as written in a header. */
	@Override
	public String toString() {
		return value();
	}

}
