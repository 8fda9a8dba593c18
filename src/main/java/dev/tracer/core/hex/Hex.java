package dev.tracer.core.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lowercase hex a character at a time, by lookup table: ids are formatted and checked on every request.
 * {@link HexWords} reads eight characters at once where a whole id is read.
 */
public final class Hex {

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

	/**
	 * Returns 0..15 for {@code 0-9a-f}, -1 for anything else (uppercase included). Without a branch, so
	 * the parser can OR the results of a whole id together and test the sign once.
	 */
	public static int lowerValue(char c) {
		// The mask keeps the index in the table; the shift turns any c above 127 into -1.
		return LOWER_VALUES[c & 0x7f] | ((0x7f - c) >> 31);
	}

	/** True when {@code s} is exactly {@code length} characters of {@code 0-9a-f}. */
	public static boolean isLower(String s, int length) {
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
	public static long decodeLower(String s, int from, int count) {
		long value = 0;
		for (int i = from; i < from + count; i++) {
			value = (value << 4) | lowerValue(s.charAt(i));
		}
		return value;
	}

	/** True for {@code 0-9a-f}; two unsigned range checks, cheaper than a table in the hot loop. */
	public static boolean isLower(char c) {
		return (char) (c - '0') <= 9 || (char) (c - 'a') <= 5;
	}

	/** Returns 0..15 for a hex digit of either case, -1 for anything else. */
	public static int value(char c) {
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return lowerValue(c);
	}

	public static boolean isUpper(char c) {
		return c >= 'A' && c <= 'F';
	}

	/** 16 lowercase hex characters, most significant nibble first. */
	public static String fromLong(long value) {
		byte[] out = new byte[16];
		write(out, 0, value);
		return new String(out, StandardCharsets.ISO_8859_1);
	}

	/** 32 lowercase hex characters: {@code high} then {@code low}. */
	public static String fromLongs(long high, long low) {
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
	public static String byteToHex(int value) {
		return new String(new byte[] { DIGITS[(value >>> 4) & 0xf], DIGITS[value & 0xf] },
				StandardCharsets.ISO_8859_1);
	}

}
