package dev.tracer.core.context;

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

	private Hex() {
	}

	/** Returns 0..15 for {@code 0-9a-f}, -1 for anything else (uppercase included). */
	static int lowerValue(char c) {
		return (c < 128) ? LOWER_VALUES[c] : -1;
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

	/** True when {@code s} is exactly {@code length} lowercase hex characters, not all {@code 0}. */
	static boolean isLowerHexNotAllZeros(String s, int length) {
		if (s.length() != length) {
			return false;
		}
		int nonZero = 0;
		for (int i = 0; i < length; i++) {
			char c = s.charAt(i);
			if (lowerValue(c) < 0) {
				return false;
			}
			nonZero |= c ^ '0';
		}
		return nonZero != 0;
	}

}
