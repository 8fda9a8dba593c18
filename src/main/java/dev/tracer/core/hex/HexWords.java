package dev.tracer.core.hex;

/**
 * Eight lowercase hex characters checked and decoded at once, one ASCII byte each in a long, first
 * character most significant (SWAR: SIMD within a register). The traceparent parser reads its ids this
 * way, and the trace tree its span ids: a loop with a table lookup per character cost them a quarter
 * to a half more ({@link #valueOf(String, int)}).
 *
 * <pre>{@code
 * "00f067aa" -> 0x3030663036376161L -> lowerDigits: ALL_DIGITS -> value: 0x00f067aaL
 * }</pre>
 */
public final class HexWords {

	private static final long HIGH_BITS = 0x8080808080808080L;

	/** What {@link #lowerDigits(long)} returns when all eight bytes are digits. */
	public static final long ALL_DIGITS = HIGH_BITS;

	private HexWords() {
	}

	/**
	 * Bit 7 of each byte is set where that byte is {@code 0-9} or {@code a-f}, so the word is all
	 * lowercase hex when the result is {@link #ALL_DIGITS}. Adding {@code 0x80 - bound} to an ASCII byte
	 * sets its bit 7 exactly when the byte is at least {@code bound}, and cannot carry into the next
	 * byte. A byte of 0x80 or more may carry, but it fails the check itself, so the word still fails.
	 */
	public static long lowerDigits(long word) {
		long digit = atLeast(word, '0') & ~atLeast(word, '9' + 1);
		return (digit | letters(word)) & ~word & HIGH_BITS;
	}

	/** The 32-bit value of a word of eight lowercase hex digits, as checked by {@link #lowerDigits}. */
	public static long value(long word) {
		// Each byte's low nibble is its value, plus 9 for a letter ('a' is 0x61: 1 + 9 = 10).
		long nibbles = (word & 0x0f0f0f0f0f0f0f0fL) + (letters(word) >>> 7) * 9;
		// Then the eight nibbles are squeezed together: pairs into bytes, bytes into 16 bits, into 32 bits.
		long packed = (nibbles | (nibbles >>> 4)) & 0x00ff00ff00ff00ffL;
		packed = (packed | (packed >>> 8)) & 0x0000ffff0000ffffL;
		return (packed | (packed >>> 16)) & 0x00000000ffffffffL;
	}

	/**
	 * The value of the eight characters of {@code s} from {@code from} if all are lowercase hex, else -1.
	 * The characters are packed into one word, a byte each, and checked and decoded together: the parser
	 * reads its ids this way, and the trace tree its span ids (a table lookup per character cost them a
	 * quarter to a half more).
	 *
	 * @throws IndexOutOfBoundsException if {@code s} has fewer than eight characters from {@code from}
	 */
	public static long valueOf(String s, int from) {
		char c0 = s.charAt(from);
		char c1 = s.charAt(from + 1);
		char c2 = s.charAt(from + 2);
		char c3 = s.charAt(from + 3);
		char c4 = s.charAt(from + 4);
		char c5 = s.charAt(from + 5);
		char c6 = s.charAt(from + 6);
		char c7 = s.charAt(from + 7);
		// Packing keeps only the low byte of each character, so anything above ASCII is refused first:
		// U+0130 would otherwise pass as '0' (0x30).
		if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) > 0x7f) {
			return -1;
		}
		long word = ((long) c0 << 56) | ((long) c1 << 48) | ((long) c2 << 40) | ((long) c3 << 32)
				| ((long) c4 << 24) | ((long) c5 << 16) | ((long) c6 << 8) | c7;
		return (lowerDigits(word) == ALL_DIGITS) ? value(word) : -1;
	}

	private static long letters(long word) {
		return atLeast(word, 'a') & ~atLeast(word, 'f' + 1) & HIGH_BITS;
	}

	/** Bit 7 of each ASCII byte set where the byte is at least {@code bound}. */
	private static long atLeast(long word, int bound) {
		return word + (0x0101010101010101L * (0x80 - bound));
	}

}
