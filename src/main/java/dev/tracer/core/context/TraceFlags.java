package dev.tracer.core.context;

import dev.tracer.core.hex.Hex;

/**
 * The 8-bit {@code trace-flags} field: the fourth field of a {@code traceparent}, two hex digits.
 *
 * <pre>
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01   sampled
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03   sampled, random trace-id (Level 2)
 * </pre>
 *
 * It is a bit field: read a flag by masking its bit, never by comparing the whole value, because bits
 * unknown today may be set by newer senders.
 *
 * @param bits the flags, 0 to 255
 */
public record TraceFlags(int bits) {

	private static final int SAMPLED_BIT = 0x01;

	private static final int RANDOM_BIT = 0x02;

	// All 256 values and their text exist up front, so parsing and formatting flags allocate nothing.
	private static final TraceFlags[] ALL = new TraceFlags[256];

	private static final String[] HEX = new String[256];

	static {
		for (int i = 0; i < ALL.length; i++) {
			ALL[i] = new TraceFlags(i);
			HEX[i] = Hex.byteToHex(i);
		}
	}

	/** {@code 00}: no flag set. */
	public static final TraceFlags NONE = ALL[0];

	/** {@code 01}: the caller may have recorded trace data. */
	public static final TraceFlags SAMPLED = ALL[SAMPLED_BIT];

	/**
	 * @throws IllegalArgumentException if {@code bits} is outside 0 to 255
	 */
	public TraceFlags {
		checkRange(bits);
	}

	/**
	 * The flags with these bits, shared instances.
	 * @throws IllegalArgumentException if {@code bits} is outside 0 to 255
	 */
	public static TraceFlags of(int bits) {
		checkRange(bits);
		return ALL[bits];
	}

	private static void checkRange(int bits) {
		if (bits < 0 || bits > 0xff) {
			throw new IllegalArgumentException("trace-flags must be between 0 and 255 (0x00 to 0xff), was " + bits);
		}
	}

	/** Bit {@code 0x01}: the caller may have recorded trace data. */
	public boolean sampled() {
		return (this.bits & SAMPLED_BIT) != 0;
	}

	/** Bit {@code 0x02} (Level 2): the rightmost 7 bytes of the trace-id are random. */
	public boolean random() {
		return (this.bits & RANDOM_BIT) != 0;
	}

	/**
	 * Only the flags this version defines, sampled and random, as a sender must write them: "Vendors
	 * will set all unparsed / unknown trace-flags to 0 on outgoing requests" ({@code ff} becomes
	 * {@code 03}).
	 */
	public TraceFlags known() {
		return ALL[this.bits & (SAMPLED_BIT | RANDOM_BIT)];
	}

	/** These flags with the sampled and random bits set as given, and no other. */
	public static TraceFlags of(boolean sampled, boolean random) {
		return ALL[(sampled ? SAMPLED_BIT : 0) | (random ? RANDOM_BIT : 0)];
	}

	/** Two lowercase hex digits, as written in a header: {@code 01}. */
	public String hex() {
		return HEX[this.bits];
	}

}
