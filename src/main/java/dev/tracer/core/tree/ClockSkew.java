package dev.tracer.core.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.tracer.core.tree.TraceTree.Node;

/**
 * Clock skew between hosts, as a shift per span: the one rule by which the waterfall, the critical path
 * and the break analysis's time windows place a span whose host's clock disagrees with its parent's
 * (docs/design.md, decision 14). Recorded times are never changed; a shift is added when read.
 *
 * <pre>{@code
 * recorded                                adjusted
 * orders    [=========== 100 ms ==========]    [=========== 100 ms ==========]
 * payments  [== 60 ==]  starts 12.3 ms early     [== 60 ==]   shifted +32.3 ms, centred
 *   (child on payments' host)  [=]               (inherits the +32.3 ms)     [=]
 * }</pre>
 *
 * <p>The rule, walking from the roots down (Jaeger's server-side adjuster and Zipkin's
 * {@code CorrectForClockSkew} do much the same; read, not copied):
 * <ol>
 * <li>A root is not shifted.
 * <li>A span on the same host as its parent, or on an unknown host, is shifted as its parent: one
 * clock, one correction.
 * <li>A span on another host keeps its recorded times (shift 0: its own clock, trusted) unless it
 * starts before its parent or ends after it, as the parent is placed. Then it is moved, with its
 * duration kept, to the middle of its parent: the time left over is the network's, split evenly, as
 * both projects assume. A span longer than its parent cannot fit; it is moved to start with it.
 * <li>A span that need not lie within its parent ({@link Clocks#fitsParent}: a message consumer runs
 * after its producer ended) is never moved by step 3.
 * <li>A span that is an RPC's two halves ({@link SharedSpans}) is placed by its client half; its server
 * half is then placed within the client half by steps 2 and 3, and the span's children are placed
 * within, and shifted as, the server half, whose host's clock they share.
 * </ol>
 * Each move of step 3 is a {@link Skew}, reported with both hosts, so a page can say what it did.
 *
 * @param <S> the span type
 */
public final class ClockSkew<S extends SpanLink> {

	/**
	 * What the rule needs of a span beyond its ids and times.
	 *
	 * @param <S> the span type
	 */
	public interface Clocks<S> {

		/** The host whose clock stamped the span (a service and address), or null when unknown. */
		String host(S span);

		/** Whether the span's work lies within its parent's, as a synchronous call's does. */
		default boolean fitsParent(S span) {
			return true;
		}

		/** The server half of a span that is an RPC's two halves, as a span of its own; else null. */
		default S serverHalf(S span) {
			return null;
		}

	}

	/**
	 * A shift decided by the rule's step 3: the span (or its server half) was outside its parent on
	 * another host.
	 *
	 * @param node the span
	 * @param serverHalf whether the shift is its server half's rather than its own
	 * @param shiftMicros what was added to the recorded start, in microseconds (negative: moved earlier)
	 * @param parentHost the host it was placed against
	 * @param host its own host
	 */
	public record Skew<S extends SpanLink>(Node<S> node, boolean serverHalf, long shiftMicros, String parentHost,
			String host) {

		public Skew {
			Objects.requireNonNull(node, "node");
		}

	}

	private final long[] shift;

	private final long[] serverShift;

	private final List<Skew<S>> skews;

	private ClockSkew(long[] shift, long[] serverShift, List<Skew<S>> skews) {
		this.shift = shift;
		this.serverShift = serverShift;
		this.skews = skews;
	}

	/** No adjustment: every span at its recorded times. */
	public static <S extends SpanLink> ClockSkew<S> none() {
		return new ClockSkew<>(null, null, List.of());
	}

	/**
	 * The shifts of every span of a tree, breadth-first from the roots without recursion.
	 *
	 * @param tree the tree, never null
	 * @param clocks the hosts and halves of its spans, never null
	 * @return the shifts
	 */
	public static <S extends SpanLink> ClockSkew<S> of(TraceTree<S> tree, Clocks<S> clocks) {
		Objects.requireNonNull(tree, "tree");
		Objects.requireNonNull(clocks, "clocks");
		int n = tree.spanCount();
		long[] shift = new long[n];
		long[] serverShift = new long[n];
		List<Skew<S>> skews = new ArrayList<>(0);
		ArrayDeque<Node<S>> queue = new ArrayDeque<>(tree.roots());
		for (Node<S> root : tree.roots()) {
			placeServerHalf(root, clocks, shift, serverShift, skews);
		}
		// each span's host is read once: as a child here, then again as a parent, from this array
		String[] hostOf = new String[n];
		for (Node<S> root : tree.roots()) {
			hostOf[root.index()] = clocks.host(root.span());
		}
		while (!queue.isEmpty()) {
			Node<S> parent = queue.poll();
			List<Node<S>> children = parent.children();
			if (children.isEmpty()) {
				continue;
			}
			S parentSpan = parent.span();
			S inner = clocks.serverHalf(parentSpan);
			// children are the server's work when the parent is an RPC
			S frame = (inner != null) ? inner : parentSpan;
			long frameShift = (inner != null) ? serverShift[parent.index()] : shift[parent.index()];
			String frameHost = (inner != null) ? clocks.host(inner) : hostOf[parent.index()];
			for (Node<S> child : children) {
				S span = child.span();
				String host = clocks.host(span);
				hostOf[child.index()] = host;
				long own = place(span, host, clocks.fitsParent(span), frame, frameHost, frameShift);
				shift[child.index()] = own;
				if (own != 0 && !sameClock(host, frameHost)) {
					skews.add(new Skew<>(child, false, own, frameHost, host));
				}
				placeServerHalf(child, clocks, shift, serverShift, skews);
				queue.add(child);
			}
		}
		return new ClockSkew<>(shift, serverShift, Collections.unmodifiableList(skews));
	}

	private static <S extends SpanLink> void placeServerHalf(Node<S> node, Clocks<S> clocks, long[] shift,
			long[] serverShift, List<Skew<S>> skews) {
		S span = node.span();
		long own = shift[node.index()];
		S server = clocks.serverHalf(span);
		if (server == null) {
			serverShift[node.index()] = own;
			return;
		}
		String clientHost = clocks.host(span);
		String serverHost = clocks.host(server);
		long placed = place(server, serverHost, true, span, clientHost, own);
		serverShift[node.index()] = placed;
		if (placed != 0 && !sameClock(serverHost, clientHost)) {
			skews.add(new Skew<>(node, true, placed, clientHost, serverHost));
		}
	}

	/** Steps 2 to 4 for one span against the span it must lie within, placed by frameShift. */
	private static <S extends SpanLink> long place(S span, String host, boolean fitsParent, S frame, String frameHost,
			long frameShift) {
		if (sameClock(host, frameHost)) {
			return frameShift;
		}
		long start = span.startMicros();
		long frameStart = frame.startMicros();
		if (!fitsParent || start == 0 || frameStart == 0) {
			return 0L;
		}
		long duration = Math.max(0L, span.durationMicros());
		long frameDuration = Math.max(0L, frame.durationMicros());
		long parentStart = SpanTimes.plus(frameStart, frameShift);
		long parentEnd = SpanTimes.end(parentStart, frameDuration);
		if (start >= parentStart && SpanTimes.end(start, duration) <= parentEnd) {
			return 0L;
		}
		if (duration > frameDuration) {
			return SpanTimes.minus(parentStart, start);
		}
		return SpanTimes.minus(SpanTimes.plus(parentStart, (frameDuration - duration) / 2), start);
	}

	/** An unknown host is taken to be its parent's: nothing says the clocks differ. */
	private static boolean sameClock(String host, String parentHost) {
		return host == null || parentHost == null || host.equals(parentHost);
	}

	/** Microseconds added to the span's recorded start (and end) where it is drawn; 0 when none. */
	public long shift(Node<S> node) {
		return (shift == null) ? 0L : shift[node.index()];
	}

	/** Microseconds added to the recorded times of the span's server half; {@link #shift} if it has none. */
	public long serverShift(Node<S> node) {
		return (serverShift == null) ? 0L : serverShift[node.index()];
	}

	/** The span's start as placed: recorded start plus {@link #shift}; an unknown start (0) stays 0. */
	public long start(Node<S> node) {
		long start = node.span().startMicros();
		return (start == 0) ? 0L : SpanTimes.plus(start, shift(node));
	}

	/** The span's end as placed: {@link #start} plus its duration (0 when unknown). */
	public long end(Node<S> node) {
		return SpanTimes.end(start(node), Math.max(0L, node.span().durationMicros()));
	}

	/** Each shift decided by step 3, in breadth-first order: what a page marks. */
	public List<Skew<S>> skews() {
		return skews;
	}

}
