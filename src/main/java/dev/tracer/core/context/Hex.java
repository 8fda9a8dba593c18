package dev.tracer.core.context;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Lowercase hex by lookup table: ids are formatted and checked on every request. */
final class Hex {

	private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	/** Value of each ASCII lowercase hex digit, -1 for every other ASCII character. */
	private static final byte[] LOWER_VALUES = new byte[128];

	static {
		Arrays.fill(LOWER_VALUES, (byte) -1);
		for (int i = 0; i < DIGITS.length; i++) {
			LOWER_VALUES[DIGITS[i]] = (byte) i;
		}
	}

	/** Eight bytes of an array as one long, the first byte most significant. */
	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final long HIGH_BITS = 0x8080808080808080L;

	/** What {@link #lowerDigits(long)} returns when all eight bytes are digits. */
	static final long ALL_DIGITS = HIGH_BITS;

	private Hex() {
	}

	/** Bytes {@code index} to {@code index + 7} as one word, for {@link #lowerDigits} and {@link #wordValue}. */
	static long word(byte[] bytes, int index) {
		return (long) WORDS.get(bytes, index);
	}

	/**
	 * Checks eight characters at once (SWAR): bit 7 of each byte is set where that byte is {@code 0-9}
	 * or {@code a-f}, so the word is all lowercase hex when the result is {@link #ALL_DIGITS}. Adding
	 * {@code 0x80 - bound} to an ASCII byte sets its bit 7 exactly when the byte is at least
	 * {@code bound}, and cannot carry into the next byte. A byte of 0x80 or more may carry, but it
	 * fails the check itself, so the word still fails.
	 */
	static long lowerDigits(long word) {
		long digit = atLeast(word, '0') & ~atLeast(word, '9' + 1);
		return (digit | letters(word)) & ~word & HIGH_BITS;
	}

	/** The 32-bit value of a word of eight lowercase hex digits (checked by {@link #lowerDigits}). */
	static long wordValue(long word) {
		// Each byte's low nibble is its value, plus 9 for a letter ('a' is 0x61: 1 + 9 = 10).
		long nibbles = (word & 0x0f0f0f0f0f0f0f0fL) + (letters(word) >>> 7) * 9;
		// Then squeeze the eight nibbles together: pairs into bytes, bytes into 16 bits, into 32 bits.
		long packed = (nibbles | (nibbles >>> 4)) & 0x00ff00ff00ff00ffL;
		packed = (packed | (packed >>> 8)) & 0x0000ffff0000ffffL;
		return (packed | (packed >>> 16)) & 0x00000000ffffffffL;
	}

	private static long letters(long word) {
		return atLeast(word, 'a') & ~atLeast(word, 'f' + 1) & HIGH_BITS;
	}

	/** Bit 7 of each ASCII byte set where the byte is at least {@code bound}. */
	private static long atLeast(long word, int bound) {
		return word + (0x0101010101010101L * (0x80 - bound));
	}

	/**
	 * Returns 0..15 for {@code 0-9a-f}, -1 for anything else (uppercase included). Without a branch, so
	 * the parser can OR the results of a whole id together and test the sign once.
	 */
	static int lowerValue(char c) {
		// The mask keeps the index in the table; the shift turns any c above 127 into -1.
		return LOWER_VALUES[c & 0x7f] | ((0x7f - c) >> 31);
	}

	/** True when {@code s} is exactly {@code length} characters of {@code 0-9a-f}. */
	static boolean isLower(String s, int length) {
		if (s.length() != length) {
			return false;
		}
		int bad = 0;
		for (int i = 0; i < length; i++) {
			bad |= lowerValue(s.charAt(i));
		}
		return bad >= 0;
	}

	/** The value of {@code count} (at most 16) lowercase hex characters of {@code s} from {@code from}. */
	static long decodeLower(String s, int from, int count) {
		long value = 0;
		for (int i = from; i < from + count; i++) {
			value = (value << 4) | lowerValue(s.charAt(i));
		}
		return value;
	}

	/** True for {@code 0-9a-f}; two unsigned range checks, cheaper than a table in the hot loop. */
	static boolean isLower(char c) {
		return (char) (c - '0') <= 9 || (char) (c - 'a') <= 5;
	}

	/** Returns 0..15 for a hex digit of either case, -1 for anything else. */
	static int value(char c) {
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return lowerValue(c);
	}

	static boolean isUpper(char c) {
		return c >= 'A' && c <= 'F';
	}

	/** 16 lowercase hex characters, most significant nibble first. */
	static String fromLong(long value) {
		byte[] out = new byte[16];
		write(out, 0, value);
		return new String(out, StandardCharsets.ISO_8859_1);
	}

	/** 32 lowercase hex characters: {@code high} then {@code low}. */
	static String fromLongs(long high, long low) {
		byte[] out = new byte[32];
		write(out, 0, high);
		write(out, 16, low);
		return new String(out, StandardCharsets.ISO_8859_1);
	}

	private static void write(byte[] out, int offset, long value) {
		for (int i = offset + 15; i >= offset; i--) {
			out[i] = DIGITS[(int) (value & 0xf)];
			value >>>= 4;
		}
	}

	/** Two lowercase hex characters for the low 8 bits of {@code value}. */
	static String byteToHex(int value) {
		return new String(new byte[] { DIGITS[(value >>> 4) & 0xf], DIGITS[value & 0xf] },
				StandardCharsets.ISO_8859_1);
	}

	static void appendByte(StringBuilder out, int value) {
		out.append((char) DIGITS[(value >>> 4) & 0xf]).append((char) DIGITS[value & 0xf]);
	}

}
