package dev.tracer.core.context;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import dev.tracer.core.hex.Hex;

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
 * <p>A value of 32 lowercase hex characters is held as two longs, as Brave does: the parser decodes
 * it while validating and never copies the characters, and the string is only written when asked
 * for. Any other token is held as the string it is. Two ids are equal when their values are.
 */
public final class TraceId {

	private static final int W3C_LENGTH = 32;

	private static final int HALF = W3C_LENGTH / 2;

	/** 32 zeros: what W3C calls an invalid trace-id, used instead of null. */
	public static final TraceId INVALID = new TraceId(0, 0);

	private final long high;

	private final long low;

	/** Whether the value is 32 lowercase hex characters, held in {@link #high} and {@link #low}. */
	private final boolean hex;

	/**
	 * The value as text. For a hex id it is written on first use; a racy write is harmless because
	 * every thread writes an equal, immutable string (the idiom of {@code String.hashCode}).
	 */
	private String value;

	/**
	 * @param value the id as written on the wire
	 * @throws NullPointerException if {@code value} is null
	 * @throws IllegalArgumentException if {@code value} is empty or holds whitespace, a control
	 * character or {@code -}
	 */
	public TraceId(String value) {
		Chars.checkToken("trace-id", value);
		this.hex = Hex.isLower(value, W3C_LENGTH);
		this.high = this.hex ? Hex.decodeLower(value, 0, HALF) : 0;
		this.low = this.hex ? Hex.decodeLower(value, HALF, HALF) : 0;
		this.value = value;
	}

	private TraceId(long high, long low) {
		this.high = high;
		this.low = low;
		this.hex = true;
	}

	/**
	 * The id whose 32 hex characters are {@code high} then {@code low}: the parser's way in, and the way
	 * back from an engine that holds ids as two longs (Brave). Either half may be zero: W3C only rules
	 * out all 32 zeros, so {@code ofHex(0, 0xabcdef0123456789L)} is
	 * {@code 0000000000000000abcdef0123456789}, never the 16-character id Brave would print for it.
	 */
	public static TraceId ofHex(long high, long low) {
		return new TraceId(high, low);
	}

	/**
	 * The one text under which tracer compares, stores in its documents and links a hex trace id: 32
	 * lowercase hex. A 16-hex id (Zipkin's and B3's 64-bit id, and what Zipkin's model and Brave write
	 * for a 128-bit id whose high half is zero) is the same trace as the 32-hex id with sixteen zeros in
	 * front, as Brave and Zipkin count it, so it is left-padded. Never throws: any other text (not 16 or
	 * 32 hex) is only lowercased, so it still compares equal to itself and to nothing else.
	 *
	 * <pre>
	 * abcdef0123456781                  -> 0000000000000000abcdef0123456781
	 * 0000000000000000ABCDEF0123456781  -> 0000000000000000abcdef0123456781
	 * 4bf92f3577b34da6a3ce929d0e0e4736  -> 4bf92f3577b34da6a3ce929d0e0e4736 (the same string)
	 * </pre>
	 *
	 * @param id a trace id as stored or asked for, never null
	 * @return its W3C form
	 */
	public static String w3cForm(String id) {
		if (id.length() == W3C_LENGTH && Hex.isLower(id, W3C_LENGTH)) {
			return id;
		}
		String lower = id.toLowerCase(Locale.ROOT);
		if (lower.length() == HALF && Hex.isLower(lower, HALF)) {
			return "0".repeat(HALF) + lower;
		}
		return lower;
	}

	/**
	 * The trace id a user, a link or a store names a trace by: 16 or 32 hex characters of either case,
	 * read once at the boundary (an HTTP path, an MCP argument) and passed down as this value, so that
	 * stores and analyses compare one way and print one way ({@link #value()}: 32 lowercase hex). A
	 * 16-hex id is the 32-hex id with sixteen zeros in front, as in {@link #w3cForm}.
	 *
	 * @param id the id as given, never null
	 * @return the id, in hex form
	 * @throws IllegalArgumentException naming the rule, when {@code id} is not 16 or 32 hex characters
	 */
	public static TraceId parseHex(String id) {
		Objects.requireNonNull(id, "id");
		if (id.length() != W3C_LENGTH && id.length() != HALF) {
			throw new IllegalArgumentException("expected 16 or 32 hex characters, found " + id.length() + " characters");
		}
		for (int i = 0; i < id.length(); i++) {
			if (Hex.value(id.charAt(i)) < 0) {
				throw new IllegalArgumentException(
						"expected 16 or 32 hex characters, found " + Chars.quote(id.charAt(i)) + " at index " + i);
			}
		}
		String lower = id.toLowerCase(Locale.ROOT);
		return (lower.length() == HALF) ? new TraceId(0, Hex.decodeLower(lower, 0, HALF))
				: new TraceId(Hex.decodeLower(lower, 0, HALF), Hex.decodeLower(lower, HALF, HALF));
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
		return new TraceId(high, low);
	}

	/** The id as written on the wire. */
	public String value() {
		String text = this.value;
		if (text == null) {
			text = Hex.fromLongs(this.high, this.low);
			this.value = text;
		}
		return text;
	}

	/** The first 16 hex characters as a long; 0 when the value is not 32 lowercase hex characters. */
	public long high() {
		return this.high;
	}

	/** The last 16 hex characters as a long; 0 when the value is not 32 lowercase hex characters. */
	public long low() {
		return this.low;
	}

	/** True when the value is 32 lowercase hex characters and not all zeros. */
	public boolean isW3C() {
		return this.hex && (this.high | this.low) != 0;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof TraceId that) || this.hex != that.hex) {
			return false;
		}
		return this.hex ? this.high == that.high && this.low == that.low : this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return this.hex ? Long.hashCode(this.high * 31 + this.low) : this.value.hashCode();
	}

	/** The value, as written in a header. */
	@Override
	public String toString() {
		return value();
	}

}
