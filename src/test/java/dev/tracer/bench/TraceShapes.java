package dev.tracer.bench;

import java.util.Random;

/**
 * The three trace shapes that {@link TraceTreeBenchmark} and {@link TraceViewBenchmark} build, as one rule:
 *
 * <pre>{@code
 * chain    s0 <- s1 <- s2 <- ... <- s(n-1)     each span the child of the one before
 * wide     s0 -> s1..s10, s1 -> s11..s20, ...   a 10-ary tree
 * random   parent of s(i) = a random s(j), j < i
 * }</pre>
 *
 * Each benchmark shuffles the random shape's list itself, after making its spans.
 */
final class TraceShapes {

	/** Children per span in the wide shape. */
	static final int FAN_OUT = 10;

	private TraceShapes() {
	}

	/**
	 * The parent of span {@code i}, for {@code i > 0}: span 0 is the root. The random shape draws one
	 * {@code nextInt} from {@code random}; the others draw nothing.
	 */
	static int parent(String shape, int i, Random random) {
		return switch (shape) {
			case "chain" -> i - 1;
			case "wide" -> (i - 1) / FAN_OUT;
			case "random" -> random.nextInt(i);
			default -> throw new IllegalArgumentException("shape: expected chain, wide or random, found " + shape);
		};
	}

}
