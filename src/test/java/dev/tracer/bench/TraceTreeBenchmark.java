package dev.tracer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import dev.tracer.core.tree.SimpleSpan;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.testing.W3CSamples;

/**
 * {@link TraceTree#build} of one trace of {@code size} spans in three shapes. Issue 5's goals: a
 * million spans in at most 0.4 s, and linear: the 1,000,000 / 100,000 ratio at most 11.
 *
 * <pre>{@code
 * chain    s0 <- s1 <- s2 <- ... <- s(n-1)     depth n, input in order
 * wide     s0 -> s1..s10, s1 -> s11..s20, ...   every span has 10 children (a 10-ary tree), input in order
 * random   parent of s(i) = a random s(j), j < i, then the input shuffled
 * }</pre>
 *
 * Span ids are 16 lowercase hex characters, one trace id for all, and starts that grow with the span's
 * number, so the random shape's children really get sorted. A parent id is its own {@code String}, equal
 * to the parent's span id but not the same object, as when both come from parsed JSON. The list is made
 * once per fork ({@code Level.Trial}, with a fixed seed) and checked once: span count and depth must be
 * what the shape says. Every build decodes the 16-hex ids to longs again (nothing is cached in the
 * strings for it), so that cost is measured; reading the spans in from JSON is not part of this benchmark.
 *
 * <p>Settings: average time in ms/op; one fork per case with {@code -Xmx4g} (a million spans and their
 * tree are a few hundred MB, more than a small default heap) and otherwise the JVM's defaults; 3 warm-up
 * and 5 measured iterations of 2 s each. An iteration runs whole builds until its 2 s are over, so a
 * 1M case at about 0.1 to 0.5 s per build still gets several builds per iteration and 20 or more
 * measured in all, while the 10k cases get thousands. About 18 s per case, under 3 minutes for the nine.
 */
public class TraceTreeBenchmark extends BigInputBenchmark {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final long START_MICROS = 1_700_000_000_000_000L;

	@Param({ "10000", "100000", "1000000" })
	int size;

	@Param({ "chain", "wide", "random" })
	String shape;

	private List<SimpleSpan> spans;

	@Setup(Level.Trial)
	public void prepare() {
		spans = spans(shape, size, new Random(42));
		TraceTree<SimpleSpan> tree = TraceTree.build(spans);
		if (tree.spanCount() != size || tree.roots().size() != 1 || !tree.orphans().isEmpty()) {
			throw new IllegalStateException(shape + " " + size + ": " + tree.spanCount() + " spans, "
					+ tree.roots().size() + " roots, " + tree.orphans().size() + " orphans");
		}
		int depth = switch (shape) {
			case "chain" -> size;
			case "wide" -> wideDepth(size);
			default -> tree.depth();
		};
		if (tree.depth() != depth) {
			throw new IllegalStateException(shape + " " + size + ": depth " + tree.depth() + ", expected " + depth);
		}
	}

	@Benchmark
	public TraceTree<SimpleSpan> build() {
		return TraceTree.build(spans);
	}

	static List<SimpleSpan> spans(String shape, int size, Random random) {
		String[] ids = new String[size];
		for (int i = 0; i < size; i++) {
			ids[i] = hex16(i + 1L);
		}
		List<SimpleSpan> spans = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			int parent = (i == 0) ? -1 : TraceShapes.parent(shape, i, random);
			// new String: equal to the parent's id, not the same object, as after parsing
			String parentId = (parent < 0) ? null : new String(ids[parent]);
			spans.add(new SimpleSpan(TRACE_ID, ids[i], parentId, START_MICROS + i));
		}
		if (shape.equals("random")) {
			Collections.shuffle(spans, random);
		}
		return spans;
	}

	/** Spans per level 1, 10, 100, ...: the depth of a complete 10-ary tree of {@code size} spans. */
	private static int wideDepth(int size) {
		int depth = 0;
		long level = 1;
		for (long covered = 0; covered < size; level *= TraceShapes.FAN_OUT) {
			covered += level;
			depth++;
		}
		return depth;
	}

	private static String hex16(long value) {
		char[] chars = new char[16];
		for (int i = 15; i >= 0; i--) {
			chars[i] = Character.forDigit((int) (value & 0xf), 16);
			value >>>= 4;
		}
		return new String(chars);
	}

}
