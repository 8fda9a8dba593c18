package dev.tracer.core.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tracer.core.tree.TraceTree.Node;

/**
 * The critical path of a trace: the chain of work that decides when the trace ends, as segments of
 * time, each owned by one span.
 *
 * <pre>{@code
 * time   0    2    4    6    8    10
 * root   [=========================]       root  0..4    its own time before b
 * a        [=========]                     b     4..5    a ends after b starts: not on the path
 * b                [==========]            c     5..6
 * c                   [==]  (child of b)   b     6..8
 *                                          root  8..10
 * }</pre>
 *
 * <p>The rule (the test class draws each case with its own timeline):
 *
 * <ol>
 * <li>The path starts at the root that ends last (ties: the first root in the tree's order). Other roots,
 * such as orphans or the span a cycle was cut at, are not on it: they end no later than it does.
 * <li>Within a span's window, from its end backwards: take the child that finishes last at or before
 * the cursor, give the time between that child's end and the cursor to the span itself, walk into the
 * child (its window is its own time, clipped), and move the cursor to the child's start. When no child
 * finishes before the cursor, the time left back to the span's start is the span's own.
 * <li>Children are clipped to their parent's window first: a child that starts before or ends after its
 * parent counts only for the part inside. A child with nothing left (zero duration, or entirely
 * outside) is never on the path: it covers no time.
 * <li>Ties between children that end at the same moment go to the one that started first (it covers
 * more of the parent's time), then to the first in the tree's order.
 * </ol>
 *
 * <p>Only spans on the path have their children sorted, so the cost is {@code O(n log n)} at most, and
 * the walk keeps its own stack: a chain of a million spans is as safe as a shallow tree. Times are read
 * from {@link SpanLink#startMicros()} and {@link SpanLink#durationMicros()}; an unknown duration is 0.
 * Given a {@link ClockSkew}, each span counts where that rule places it (docs/design.md, decision 14).
 *
 * @param <S> the span type
 */
public final class CriticalPath<S extends SpanLink> {

	private final List<Segment<S>> segments;

	private CriticalPath(List<Segment<S>> segments) {
		this.segments = segments;
	}

	/**
	 * The critical path of a tree.
	 *
	 * @param tree the tree, never null
	 * @return the path; its segments are empty only when the tree is
	 */
	public static <S extends SpanLink> CriticalPath<S> of(TraceTree<S> tree) {
		return of(tree, ClockSkew.none());
	}

	/**
	 * The critical path of a tree with its spans placed as {@link ClockSkew} places them: a child that a
	 * host's clock put outside its parent counts where it is drawn, not where it was recorded.
	 *
	 * @param tree the tree, never null
	 * @param skew the shifts of the tree's spans, never null; {@link ClockSkew#none()} for recorded times
	 * @return the path; its segments are empty only when the tree is
	 */
	public static <S extends SpanLink> CriticalPath<S> of(TraceTree<S> tree, ClockSkew<S> skew) {
		if (tree == null) {
			throw new NullPointerException("tree == null");
		}
		if (skew == null) {
			throw new NullPointerException("skew == null");
		}
		Node<S> root = lastToEnd(tree.roots(), skew);
		if (root == null) {
			return new CriticalPath<>(List.of());
		}
		List<Segment<S>> backwards = new ArrayList<>();
		ArrayList<Frame<S>> stack = new ArrayList<>();
		long rootStart = skew.start(root);
		long rootEnd = skew.end(root);
		stack.add(new Frame<>(root, rootStart, rootEnd, skew));
		while (!stack.isEmpty()) {
			Frame<S> frame = stack.get(stack.size() - 1);
			Clipped<S> child = frame.nextChildEndingBy(frame.cursor);
			if (child != null) {
				if (frame.cursor > child.end) {
					backwards.add(new Segment<>(frame.node, child.end, frame.cursor));
				}
				frame.cursor = child.start;
				stack.add(new Frame<>(child.node, child.start, child.end, skew));
				continue;
			}
			if (frame.cursor > frame.start) {
				backwards.add(new Segment<>(frame.node, frame.start, frame.cursor));
			}
			stack.remove(stack.size() - 1);
		}
		if (backwards.isEmpty()) {
			// A root of zero duration is still where the trace ends: it is the path, of no length.
			backwards.add(new Segment<>(root, rootStart, rootEnd));
		}
		Collections.reverse(backwards);
		return new CriticalPath<>(Collections.unmodifiableList(backwards));
	}

	private static <S extends SpanLink> Node<S> lastToEnd(List<Node<S>> roots, ClockSkew<S> skew) {
		Node<S> best = null;
		long bestEnd = Long.MIN_VALUE;
		for (Node<S> root : roots) {
			long end = skew.end(root);
			// strictly later: on a tie the first root in the tree's order stays
			if (best == null || end > bestEnd) {
				best = root;
				bestEnd = end;
			}
		}
		return best;
	}

	/** The segments in time order; consecutive segments never overlap. */
	public List<Segment<S>> segments() {
		return segments;
	}

	/** The path's spans, each once, in the order the path first reaches them (root first). */
	public List<Node<S>> nodes() {
		List<Node<S>> nodes = new ArrayList<>();
		// A span whose child is on the path owns time before and after the child: it appears twice.
		Set<Node<S>> seen = new HashSet<>();
		for (Segment<S> segment : segments) {
			if (seen.add(segment.node())) {
				nodes.add(segment.node());
			}
		}
		return nodes;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("CriticalPath");
		for (Segment<S> segment : segments) {
			text.append(' ').append(segment);
		}
		return text.toString();
	}

	/**
	 * Time on the critical path that belongs to one span: its own work, not a child's.
	 *
	 * @param node the span
	 * @param startMicros where the segment starts, epoch microseconds
	 * @param endMicros where it ends, never before the start
	 */
	public record Segment<S extends SpanLink>(Node<S> node, long startMicros, long endMicros) {

		public Segment {
			if (node == null) {
				throw new NullPointerException("node");
			}
			if (endMicros < startMicros) {
				throw new IllegalArgumentException("endMicros < startMicros: " + endMicros + " < " + startMicros);
			}
		}

		/** The segment's length in microseconds. */
		public long durationMicros() {
			return SpanTimes.minus(endMicros, startMicros);
		}

		@Override
		public String toString() {
			return node.span().spanId() + "[" + startMicros + ".." + endMicros + "]";
		}

	}

	/** A span being walked: its clipped window, the cursor moving back from its end, its candidates. */
	private static final class Frame<S extends SpanLink> {

		final Node<S> node;

		final long start;

		final long end;

		final ClockSkew<S> skew;

		long cursor;

		/** Clipped children, latest end first; made when first asked for. */
		Clipped<S>[] candidates;

		int next;

		Frame(Node<S> node, long start, long end, ClockSkew<S> skew) {
			this.node = node;
			this.start = start;
			this.end = end;
			this.skew = skew;
			this.cursor = end;
		}

		/** The child that ends last at or before the cursor, or null; never the same child twice. */
		Clipped<S> nextChildEndingBy(long cursor) {
			if (candidates == null) {
				candidates = clippedChildren();
			}
			// Candidates are by end, latest first, and the cursor only moves back: skipped ones stay skipped.
			while (next < candidates.length && candidates[next].end > cursor) {
				next++;
			}
			return (next < candidates.length) ? candidates[next++] : null;
		}

		@SuppressWarnings("unchecked")
		private Clipped<S>[] clippedChildren() {
			List<Node<S>> children = node.children();
			Clipped<S>[] clipped = new Clipped[children.size()];
			int count = 0;
			for (int order = 0; order < children.size(); order++) {
				Node<S> child = children.get(order);
				long childStart = skew.start(child);
				long childEnd = skew.end(child);
				long from = Math.max(childStart, start);
				long to = Math.min(childEnd, end);
				if (to > from) {
					clipped[count++] = new Clipped<>(child, from, to, order);
				}
			}
			clipped = Arrays.copyOf(clipped, count);
			Arrays.sort(clipped, Clipped.LATEST_END_FIRST);
			return clipped;
		}

	}

	/** A child's window clipped to its parent's, and its place among its siblings. */
	private record Clipped<S extends SpanLink>(Node<S> node, long start, long end, int order) {

		static final Comparator<Clipped<?>> LATEST_END_FIRST = Comparator.<Clipped<?>>comparingLong(Clipped::end)
			.reversed()
			.thenComparingLong(Clipped::start)
			.thenComparingInt(Clipped::order);

	}

}
