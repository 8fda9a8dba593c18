package dev.tracer.core.tree;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one rule for a span's times, which every intake applies, and the arithmetic on times that every
 * reader uses, so that no stored value, however it got in, can make a sum overflow.
 *
 * <p>The rule, in epoch microseconds (a start of 0 is Zipkin's "no timestamp"):
 *
 * <pre>
 * 0 &lt;= start &lt;= MAX_MICROS                   1970-01-01T00:00:00Z .. 2255-06-05T23:47:34.740991Z
 * 0 &lt;= duration                               a span ends no earlier than it starts
 * start + duration &lt;= MAX_MICROS              its end is a time the rule accepts too
 * </pre>
 *
 * {@link #MAX_MICROS} is {@code 2^53 - 1}, JavaScript's {@code Number.MAX_SAFE_INTEGER}: the latest time
 * the viewer (and any JSON reader that holds numbers as doubles) reads exactly. It is earlier than the
 * latest time OTLP can carry (signed nanoseconds end in 2262), so every accepted time also converts to
 * nanoseconds, and the sum or difference of any two accepted times fits a {@code long} with room to
 * spare. No clock that stamps real spans comes near it.
 *
 * <p>Spans stored before the rule, or read from a store tracer does not guard (a Zipkin server), can
 * hold anything: the readers' arithmetic ({@link #end}, {@link #plus}, {@link #minus}) saturates at
 * {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE} instead of wrapping round, so such a span sorts
 * last and never turns an end into a time before its start.
 */
public final class SpanTimes {

	/** The latest start or end the rule accepts: {@code 2^53 - 1} microseconds since the epoch. */
	public static final long MAX_MICROS = (1L << 53) - 1;

	private SpanTimes() {
	}

	/**
	 * Why a span's times break the rule, or null if they keep it. Never throws.
	 *
	 * @param startMicros epoch microseconds; 0 for none
	 * @param durationMicros microseconds; 0 for none
	 * @return the rule broken and the value, fit to show the sender, e.g. {@code duration -5: negative,
	 * a span cannot end before it starts}; null if the times keep the rule
	 */
	public static String problem(long startMicros, long durationMicros) {
		if (startMicros < 0) {
			return "start " + startMicros + " (" + instant(startMicros) + "): before 1970-01-01T00:00:00Z";
		}
		if (startMicros > MAX_MICROS) {
			return "start " + startMicros + " (" + instant(startMicros) + "): after " + instant(MAX_MICROS)
					+ ", the latest time tracer keeps (2^53-1 microseconds since the epoch)";
		}
		if (durationMicros < 0) {
			return "duration " + durationMicros + ": negative, a span cannot end before it starts";
		}
		if (durationMicros > MAX_MICROS - startMicros) {
			return "start " + startMicros + " + duration " + durationMicros + ": ends after " + instant(MAX_MICROS)
					+ ", the latest time tracer keeps (2^53-1 microseconds since the epoch)";
		}
		return null;
	}

	/** Whether the times keep the rule ({@link #problem} is null). */
	public static boolean valid(long startMicros, long durationMicros) {
		return problem(startMicros, durationMicros) == null;
	}

	/**
	 * Where a span ends: its start plus its duration, a negative duration counted as none, saturating at
	 * {@code Long.MAX_VALUE}.
	 */
	public static long end(long startMicros, long durationMicros) {
		return plus(startMicros, Math.max(0L, durationMicros));
	}

	/** {@code a + b}, saturating at {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE}. */
	public static long plus(long a, long b) {
		long sum = a + b;
		// overflow only when both have the sign the sum lacks (Hacker's Delight 2-13, as Math.addExact)
		if (((a ^ sum) & (b ^ sum)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return sum;
	}

	/** {@code a - b}, saturating at {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE}. */
	public static long minus(long a, long b) {
		long difference = a - b;
		if (((a ^ b) & (a ^ difference)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return difference;
	}

	/** The time from {@code from} to {@code to}, never negative: 0 when {@code to} is not later. */
	public static long between(long from, long to) {
		return Math.max(0L, minus(to, from));
	}

	private static String instant(long micros) {
		return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
	}

}
