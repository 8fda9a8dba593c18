package dev.tracer.core.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
 * <li>Asynchronous hand-offs: an edge is asynchronous when either end is a messaging span (a producer or
 * a consumer, as the caller's predicate says). The parent does not wait for such a child: a producer's
 * consumer, or the handling of a message under its consumer's poll, may run long after the parent
 * ended. Such a child is not clipped to its parent; its <em>reach</em> (its own end, or the latest
 * reach among its asynchronous descendants, through any span between) extends the window its
 * ancestors are walked in, and the path follows the child whose reach is latest, past its parent's end.
 * Time in a window past a span's own end that no child covers (a message waiting in a broker) is owned
 * by no span: the path has a gap there. A child whose reach lies past the cursor but whose own work
 * ends before it is still taken for its own work, clipped as rule 3 says.
 * </ol>
 *
 * <pre>{@code
 * time   0    2    4    6    8    10
 * poll   []                                 consumer, root   poll   0..1
 * on-msg [===]      (child of poll)                          on-msg 1..3   (async: poll is messaging)
 * send     [=]      (child of on-msg, producer)              send   3..4
 * poll2           []   (child of send)                       -- gap 4..6: in the broker
 * on-msg2          [=====] (child of poll2)                  poll2  6..7, on-msg2 7..10
 * }</pre>
 *
 * Jaeger UI's critical path clips every child to its parent, so on such a trace it is the first poll's
 * few microseconds; without messaging spans this rule is exactly rules 1 to 4.
 *
 * <p>Only spans on the path have their children sorted, so the cost is {@code O(n log n)} at most (plus
 * one {@code O(n)} pass for rule 5's reach), and
 * the walk keeps its own stack: a chain of a million spans is as safe as a shallow tree. Times are read
 * from {@link SpanLink#startMicros()} and {@link SpanLink#durationMicros()}; an unknown duration is 0.
 * Given a {@link ClockSkew}, each span counts where that rule places it (docs/design.md, decision 14).
 *
 * @param <S> the span type
 */
public final class CriticalPath<S extends SpanLink> {

	private final List<Segment<S>> segments;

	private final Set<Node<S>> handedOff;

	private CriticalPath(List<Segment<S>> segments, Set<Node<S>> handedOff) {
		this.segments = segments;
		this.handedOff = handedOff;
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
		return of(tree, skew, (span) -> false);
	}

	/**
	 * The critical path of a tree with its spans placed by {@link ClockSkew}, following asynchronous
	 * hand-offs (rule 5) past their parents' ends.
	 *
	 * @param tree the tree, never null
	 * @param skew the shifts of the tree's spans, never null; {@link ClockSkew#none()} for recorded times
	 * @param messaging whether a span is a producer or a consumer: its edges to its parent and its
	 * children are asynchronous; never null
	 * @return the path; its segments are empty only when the tree is
	 */
	public static <S extends SpanLink> CriticalPath<S> of(TraceTree<S> tree, ClockSkew<S> skew,
			Predicate<? super S> messaging) {
		if (tree == null) {
			throw new NullPointerException("tree == null");
		}
		if (skew == null) {
			throw new NullPointerException("skew == null");
		}
		if (messaging == null) {
			throw new NullPointerException("messaging == null");
		}
		Reach<S> reach = Reach.of(tree, skew, messaging);
		Node<S> root = lastToEnd(tree.roots(), reach);
		if (root == null) {
			return new CriticalPath<>(List.of(), Set.of());
		}
		List<Segment<S>> backwards = new ArrayList<>();
		Set<Node<S>> handedOff = new HashSet<>();
		ArrayList<Frame<S>> stack = new ArrayList<>();
		long rootStart = skew.start(root);
		long rootEnd = skew.end(root);
		stack.add(new Frame<>(root, rootStart, reach.of(root), rootEnd, reach));
		while (!stack.isEmpty()) {
			Frame<S> frame = stack.get(stack.size() - 1);
			Clipped<S> child = frame.nextChildEndingBy(frame.cursor);
			if (child != null) {
				frame.own(child.end, backwards);
				frame.cursor = child.start;
				if (child.asynchronous) {
					handedOff.add(child.node);
				}
				stack.add(new Frame<>(child.node, child.start, child.end, child.ownEnd, reach));
				continue;
			}
			frame.own(frame.start, backwards);
			stack.remove(stack.size() - 1);
		}
		if (backwards.isEmpty()) {
			// A root of zero duration is still where the trace ends: it is the path, of no length.
			backwards.add(new Segment<>(root, rootStart, rootEnd));
		}
		Collections.reverse(backwards);
		return new CriticalPath<>(Collections.unmodifiableList(backwards), Collections.unmodifiableSet(handedOff));
	}

	private static <S extends SpanLink> Node<S> lastToEnd(List<Node<S>> roots, Reach<S> reach) {
		Node<S> best = null;
		long bestEnd = Long.MIN_VALUE;
		for (Node<S> root : roots) {
			long end = reach.of(root);
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

	/**
	 * The spans the path reached across an asynchronous edge (rule 5) past their parent's end: a
	 * consumer after its producer, a message's handling after its poll. Empty when the path never
	 * leaves a parent's window.
	 */
	public Set<Node<S>> handedOff() {
		return handedOff;
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

	/**
	 * Each span's reach (rule 5): how late the work it started may end, its own end or, through
	 * asynchronous hand-offs, a descendant's. Kept only where it lies past the span's own end, which on
	 * a trace without messaging spans is nowhere.
	 */
	private static final class Reach<S extends SpanLink> {

		final ClockSkew<S> skew;

		final Predicate<? super S> messaging;

		final Map<Node<S>, Long> beyondEnd = new HashMap<>();

		private Reach(ClockSkew<S> skew, Predicate<? super S> messaging) {
			this.skew = skew;
			this.messaging = messaging;
		}

		static <S extends SpanLink> Reach<S> of(TraceTree<S> tree, ClockSkew<S> skew, Predicate<? super S> messaging) {
			Reach<S> reach = new Reach<>(skew, messaging);
			// preorder with an explicit stack, then children before parents: no recursion however deep
			List<Node<S>> preorder = new ArrayList<>(tree.spanCount());
			ArrayList<Node<S>> stack = new ArrayList<>(tree.roots());
			while (!stack.isEmpty()) {
				Node<S> node = stack.remove(stack.size() - 1);
				preorder.add(node);
				stack.addAll(node.children());
			}
			for (int i = preorder.size() - 1; i >= 0; i--) {
				Node<S> node = preorder.get(i);
				long end = skew.end(node);
				long latest = end;
				for (Node<S> child : node.children()) {
					if (reach.asynchronous(node, child) || reach.beyondEnd.containsKey(child)) {
						latest = Math.max(latest, reach.of(child));
					}
				}
				if (latest > end) {
					reach.beyondEnd.put(node, latest);
				}
			}
			return reach;
		}

		long of(Node<S> node) {
			Long beyond = beyondEnd.get(node);
			return (beyond != null) ? beyond : skew.end(node);
		}

		boolean asynchronous(Node<S> parent, Node<S> child) {
			return messaging.test(parent.span()) || messaging.test(child.span());
		}

	}

	/**
	 * A span being walked: its window (up to its reach, clipped), the part of it that is its own work, the
	 * cursor moving back from the window's end, its candidates.
	 */
	private static final class Frame<S extends SpanLink> {

		final Node<S> node;

		final long start;

		final long end;

		final long ownEnd;

		final Reach<S> reach;

		long cursor;

		/** Clipped children, latest end first; made when first asked for. */
		Clipped<S>[] candidates;

		int next;

		Frame(Node<S> node, long start, long end, long ownEnd, Reach<S> reach) {
			this.node = node;
			this.start = start;
			this.end = end;
			this.ownEnd = Math.min(ownEnd, end);
			this.reach = reach;
			this.cursor = end;
		}

		/** The span's own time from {@code from} to the cursor; past its own end the time is no span's. */
		void own(long from, List<Segment<S>> backwards) {
			long to = Math.min(cursor, ownEnd);
			if (to > from) {
				backwards.add(new Segment<>(node, from, to));
			}
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
			List<Clipped<S>> clipped = new ArrayList<>(children.size());
			ClockSkew<S> skew = reach.skew;
			for (int order = 0; order < children.size(); order++) {
				Node<S> child = children.get(order);
				long childStart = skew.start(child);
				long childEnd = skew.end(child);
				long from = Math.max(childStart, start);
				boolean asynchronous = reach.asynchronous(node, child);
				// its own work, clipped to this span's own window (rule 3), or to the window for a hand-off
				long to = Math.min(childEnd, asynchronous ? end : ownEnd);
				long reachTo = Math.min(reach.of(child), end);
				if (reachTo > to && reachTo > from) {
					clipped.add(new Clipped<>(child, from, reachTo, to, order, asynchronous && reachTo > ownEnd));
				}
				if (to > from) {
					clipped.add(new Clipped<>(child, from, to, to, order, asynchronous && to > ownEnd));
				}
			}
			Clipped<S>[] sorted = clipped.toArray(new Clipped[0]);
			Arrays.sort(sorted, Clipped.LATEST_END_FIRST);
			return sorted;
		}

	}

	/**
	 * A child's window clipped to its parent's, the end of its own work within it, its place among its
	 * siblings, and whether the path reaches it past its parent's end (rule 5). A child whose reach lies
	 * past its own end is a candidate twice: for its reach, and for its own work alone.
	 */
	private record Clipped<S extends SpanLink>(Node<S> node, long start, long end, long ownEnd, int order,
			boolean asynchronous) {

		static final Comparator<Clipped<?>> LATEST_END_FIRST = Comparator.<Clipped<?>>comparingLong(Clipped::end)
			.reversed()
			.thenComparingLong(Clipped::start)
			.thenComparingInt(Clipped::order);

	}

}
