package dev.tracer.core.context;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W3C-valid trace ids on the edges of how engines hold them, for round-trip property tests in the core
 * and over HTTP. Brave and OpenTelemetry's predecessors hold a trace id as two longs, so the edges are
 * the halves:
 *
 * <pre>
 * 0000000000000000 abcdef0123456789   high half zero: a 64-bit id to Brave, 16 hex if printed as such
 * 4bf92f3577b34da6 0000000000000000   low half zero: "no trace id" to Brave
 * 0000000000000000 0000000000000001   the smallest valid id
 * 00000000000a3ce9 29d0e0e473600000   leading and trailing zeros inside each half
 * ffffffffffffffff ffffffffffffffff   all f: a negative long in each half
 * random
 * </pre>
 */
public final class EdgeTraceIds {

	private static final String ZEROS = "0000000000000000";

	private EdgeTraceIds() {
	}

	/** {@code perFamily} ids of each family above (the fixed ones once), seeded: the same list every run. */
	public static List<String> generate(long seed, int perFamily) {
		SplittableRandom random = new SplittableRandom(seed);
		List<String> ids = new ArrayList<>();
		ids.add(ZEROS + "0000000000000001");
		ids.add("0000000000000001" + ZEROS);
		ids.add("ffffffffffffffffffffffffffffffff");
		ids.add(ZEROS + "ffffffffffffffff");
		ids.add("ffffffffffffffff" + ZEROS);
		for (int i = 0; i < perFamily; i++) {
			ids.add(ZEROS + nonZeroHalf(random));
			ids.add(nonZeroHalf(random) + ZEROS);
			ids.add(withZeros(random, nonZeroHalf(random)) + withZeros(random, nonZeroHalf(random)));
			ids.add(nonZeroHalf(random) + nonZeroHalf(random));
		}
		return ids;
	}

	private static String nonZeroHalf(SplittableRandom random) {
		long bits;
		do {
			bits = random.nextLong();
		}
		while (bits == 0);
		return String.format("%016x", bits);
	}

	/** The half with a run of zeros at its start or its end, but never all zeros. */
	private static String withZeros(SplittableRandom random, String half) {
		int zeros = 1 + random.nextInt(15);
		String result = random.nextBoolean() ? ZEROS.substring(0, zeros) + half.substring(zeros)
				: half.substring(0, 16 - zeros) + ZEROS.substring(0, zeros);
		return result.equals(ZEROS) ? ZEROS.substring(1) + "1" : result;
	}

}
