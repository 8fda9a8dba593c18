package dev.tracer.core.tree;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Each case draws its trace as a timeline, one column per microsecond, and the path it expects as
 * {@code span[start..end]} segments in time order, which is how {@link CriticalPath#toString} prints them.
 */
class CriticalPathTest {

	@Test
	void of_nullTree() {
		assertThatNullPointerException().isThrownBy(() -> CriticalPath.of(null)).withMessage("tree == null");
	}

	@Test
	void of_emptyTree_noSegments() {
		assertThat(CriticalPath.of(TraceTree.build(List.<Timed>of())).segments()).isEmpty();
	}

	/**
	 * <pre>
	 * 0123456789
	 * [========]   root 0..9
	 * </pre>
	 */
	@Test
	void of_rootAlone_ownsItsTime() {
		assertThat(path(timed("root", null, 0, 9))).isEqualTo("root[0..9]");
	}

	/**
	 * The class Javadoc's example: a overlaps b's start, so once b is taken the cursor is at 4 and a
	 * (ending at 5) no longer finishes before it.
	 * <pre>
	 * 0123456789
	 * [=========]  root 0..10
	 *  [===]       a    1..5
	 *     [===]    b    4..8
	 *      [)      c    5..6   child of b
	 * </pre>
	 */
	@Test
	void of_overlappingSiblings_latestEndWins() {
		assertThat(path(timed("root", null, 0, 10), timed("a", "root", 1, 4), timed("b", "root", 4, 4),
				timed("c", "b", 5, 1)))
			.isEqualTo("root[0..4] b[4..5] c[5..6] b[6..8] root[8..10]");
	}

	/**
	 * Sequential calls: each is on the path, the parent owns the gaps.
	 * <pre>
	 * 0123456789
	 * [========]   root 0..9
	 *  [=]         a    1..3
	 *     [==]     b    4..7
	 * </pre>
	 */
	@Test
	void of_sequentialChildren_allOnPath_parentOwnsGaps() {
		assertThat(path(timed("root", null, 0, 9), timed("a", "root", 1, 2), timed("b", "root", 4, 3)))
			.isEqualTo("root[0..1] a[1..3] root[3..4] b[4..7] root[7..9]");
	}

	/**
	 * Two children end together: the one that started first covers more of the parent's time.
	 * <pre>
	 * 0123456789
	 * [========]   root 0..9
	 *    [===]     late  3..7
	 *  [=====]     early 1..7
	 * </pre>
	 */
	@Test
	void of_tieOnEnd_earlierStartWins() {
		assertThat(path(timed("root", null, 0, 9), timed("late", "root", 3, 4), timed("early", "root", 1, 6)))
			.isEqualTo("root[0..1] early[1..7] root[7..9]");
	}

	/**
	 * Same start, same end: the first in the tree's order (input order, as starts tie) wins.
	 * <pre>
	 * 0123456789
	 * [========]   root   0..9
	 *   [==]       first  2..5
	 *   [==]       second 2..5
	 * </pre>
	 */
	@Test
	void of_tieOnStartAndEnd_firstInTreeOrderWins() {
		assertThat(path(timed("root", null, 0, 9), timed("first", "root", 2, 3), timed("second", "root", 2, 3)))
			.isEqualTo("root[0..2] first[2..5] root[5..9]");
	}

	/**
	 * A zero-duration child covers no time and is never on the path, even where it is the last to end.
	 * <pre>
	 * 0123456789
	 * [========]   root 0..9
	 *  [=]         a    1..3
	 *        |     zero 7..7
	 * </pre>
	 */
	@Test
	void of_zeroDurationChild_neverOnPath() {
		assertThat(path(timed("root", null, 0, 9), timed("a", "root", 1, 2), timed("zero", "root", 7, 0)))
			.isEqualTo("root[0..1] a[1..3] root[3..9]");
	}

	/**
	 * A root of zero duration is still the path, a segment of no length.
	 * <pre>
	 * 0123
	 *   |          root 2..2
	 *   |          child 2..2
	 * </pre>
	 */
	@Test
	void of_zeroDurationRoot_isThePathAlone() {
		CriticalPath<Timed> path = CriticalPath.of(TraceTree.build(List.of(timed("root", null, 2, 0),
				timed("child", "root", 2, 0))));

		assertThat(path.toString()).isEqualTo("CriticalPath root[2..2]");
		assertThat(path.segments().get(0).durationMicros()).isZero();
	}

	/**
	 * A child that outlives its parent (clock skew, or async work) counts only inside the parent's
	 * window, and its own children are clipped to what is left of it.
	 * <pre>
	 * 0123456789012
	 *   [====]       root  2..8
	 * [===]          early 0..4    clipped to 2..4
	 *       [=====]  late  6..12   clipped to 6..8
	 *          [=]   deep  9..11   child of late: outside 6..8, not on the path
	 * </pre>
	 */
	@Test
	void of_childrenOutsideParent_clippedToItsWindow() {
		assertThat(path(timed("root", null, 2, 6), timed("early", "root", 0, 4), timed("late", "root", 6, 6),
				timed("deep", "late", 9, 2)))
			.isEqualTo("early[2..4] root[4..6] late[6..8]");
	}

	/**
	 * A child entirely outside its parent's window has nothing left after clipping.
	 * <pre>
	 * 0123456789
	 * [==]         root    0..3
	 *       [==]   outside 6..9
	 * </pre>
	 */
	@Test
	void of_childEntirelyOutside_notOnPath() {
		assertThat(path(timed("root", null, 0, 3), timed("outside", "root", 6, 3))).isEqualTo("root[0..3]");
	}

	/**
	 * An orphan (parent absent) is a root of its own; the path starts at the root that ends last.
	 * <pre>
	 * 0123456789
	 * [======]     root   0..7
	 *   [==]       orphan 2..5   parent "gone" absent: ends first, not on the path
	 * </pre>
	 */
	@Test
	void of_orphanEndingEarlier_notOnPath() {
		assertThat(path(timed("root", null, 0, 7), timed("orphan", "gone", 2, 3))).isEqualTo("root[0..7]");
	}

	/**
	 * When the orphan ends last, the trace ends with it: the path is where the trace's end is decided.
	 * <pre>
	 * 0123456789
	 * [==]         root   0..3
	 *   [======]   orphan 2..9
	 *    [=]       child  3..5   child of orphan
	 * </pre>
	 */
	@Test
	void of_orphanEndingLast_pathStartsThere() {
		assertThat(path(timed("root", null, 0, 3), timed("orphan", "gone", 2, 7), timed("child", "orphan", 3, 2)))
			.isEqualTo("orphan[2..3] child[3..5] orphan[5..9]");
	}

	/**
	 * Two roots that end together: the first in the tree's order (earlier start) wins.
	 * <pre>
	 * 0123456789
	 * [========]   a 0..9
	 *     [====]   b 4..9
	 * </pre>
	 */
	@Test
	void of_rootsTieOnEnd_firstInTreeOrderWins() {
		assertThat(path(timed("b", "gone", 4, 5), timed("a", null, 0, 9))).isEqualTo("a[0..9]");
	}

	/**
	 * A cycle x -> y -> x is cut by the tree at x (first in the input), which becomes a root: the path
	 * walks the cut tree and terminates.
	 * <pre>
	 * 0123456789
	 * [========]   x 0..9   parent y (cut)
	 *  [====]      y 1..6   parent x
	 * </pre>
	 */
	@Test
	void of_cycle_walksTheCutTree() {
		TraceTree<Timed> tree = TraceTree.build(List.of(timed("x", "y", 0, 9), timed("y", "x", 1, 5)));

		assertThat(tree.cycles()).containsExactly(List.of("x", "y"));
		assertThat(CriticalPath.of(tree).toString()).isEqualTo("CriticalPath x[0..1] y[1..6] x[6..9]");
	}

	/** Both a cycle and a proper root: the proper root ends last and the cut cycle is left out. */
	@Test
	void of_cycleBesideRoot_rootEndingLastWins() {
		assertThat(path(timed("root", null, 0, 9), timed("x", "y", 1, 2), timed("y", "x", 1, 1))).isEqualTo("root[0..9]");
	}

	/** Unknown times (0 start, 0 duration) everywhere: the root is the path, of no length. */
	@Test
	void of_unknownTimes_rootOfNoLength() {
		assertThat(path(new Timed("root", null, 0, 0), new Timed("child", "root", 0, 0))).isEqualTo("root[0..0]");
	}

	/** A span that is on the path twice (before and after its child) is listed once by nodes(). */
	@Test
	void nodes_eachSpanOnce_rootFirst() {
		CriticalPath<Timed> path = CriticalPath.of(TraceTree.build(List.of(timed("root", null, 0, 9),
				timed("a", "root", 1, 2), timed("b", "root", 4, 3))));

		assertThat(path.nodes()).extracting((node) -> node.span().spanId()).containsExactly("root", "a", "b");
	}

	/**
	 * A chain of a million spans, each inside its parent: every span is on the path, which a recursive
	 * walk could not reach without overflowing the stack.
	 */
	@Test
	void of_millionChain_iterative() {
		int n = 1_000_000;
		List<Timed> spans = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			spans.add(timed("s" + i, (i == 0) ? null : "s" + (i - 1), i, 2L * (n - i)));
		}

		CriticalPath<Timed> path = CriticalPath.of(TraceTree.build(spans));

		// each span owns [i, i+1) before its child and the tail after it; the deepest owns its whole time
		assertThat(path.segments()).hasSize(2 * n - 1);
		assertThat(path.segments().get(0).toString()).isEqualTo("s0[0..1]");
		assertThat(path.segments().get(n - 1).toString()).isEqualTo("s999999[999999..1000001]");
		assertThat(path.segments().get(2 * n - 2).toString()).isEqualTo("s0[1999999..2000000]");
	}

	/** Segments never overlap and cover the root's window exactly when every child is inside its parent. */
	@Test
	void segments_tileTheRootWindow() {
		CriticalPath<Timed> path = CriticalPath.of(TraceTree.build(List.of(timed("root", null, 0, 100),
				timed("a", "root", 10, 30), timed("b", "root", 20, 60), timed("c", "b", 30, 10), timed("d", "b", 50, 25),
				timed("e", "d", 55, 5))));

		long cursor = 0;
		for (CriticalPath.Segment<Timed> segment : path.segments()) {
			assertThat(segment.startMicros()).isEqualTo(cursor);
			cursor = segment.endMicros();
		}
		assertThat(cursor).isEqualTo(100);
		assertThat(path.toString()).isEqualTo("CriticalPath root[0..20] b[20..30] c[30..40] b[40..50] d[50..55]"
				+ " e[55..60] d[60..75] b[75..80] root[80..100]");
	}

	/**
	 * The class Javadoc's asynchronous example, Kafka-shaped as Brave records it: a consumer's poll is the
	 * root, each message's handling is its child and runs long after it; a send (producer) in the handling
	 * has the next consumer's poll as its child. The path follows the hand-offs past each parent's end;
	 * the time the message waits in the broker (4..6) is no span's.
	 * <pre>
	 * 0123456789
	 * []           poll    0..1    consumer, root
	 *  [=]         on-msg  1..3    child of poll
	 *    []        send    3..4    child of on-msg, producer
	 *      []      poll2   6..7    child of send, consumer
	 *       [==]   on-msg2 7..10   child of poll2
	 * </pre>
	 */
	@Test
	void of_messagingHandOffs_followedPastTheParentsEnd() {
		TraceTree<Timed> tree = TraceTree.build(List.of(timed("poll", null, 0, 1), timed("on-msg", "poll", 1, 2),
				timed("send", "on-msg", 3, 1), timed("poll2", "send", 6, 1), timed("on-msg2", "poll2", 7, 3)));

		CriticalPath<Timed> path = CriticalPath.of(tree, ClockSkew.none(), CriticalPathTest::messaging);

		assertThat(path.toString())
			.isEqualTo("CriticalPath poll[0..1] on-msg[1..3] send[3..4] poll2[6..7] on-msg2[7..10]");
		assertThat(path.handedOff()).extracting((node) -> node.span().spanId())
			.containsExactlyInAnyOrder("on-msg", "send", "poll2", "on-msg2");
		assertThat(CriticalPath.of(tree).toString()).as("without the rule: the root's microsecond")
			.isEqualTo("CriticalPath poll[0..1]");
	}

	/**
	 * A handling whose reach (through its send's consumer, at 9) lies past the cursor is still taken for
	 * its own work: the second message's handling, which ends last, starts when the first one's ends.
	 * <pre>
	 * 0123456789
	 * []            poll      0..1   consumer, root
	 *  [==]         first     1..4   child of poll
	 *    []         send      3..4   child of first, producer
	 *         []    poll-late 8..9   child of send, consumer: after second has started
	 *     [=====]   second    4..10  child of poll, ends last
	 * </pre>
	 */
	@Test
	void of_messagingHandOffs_ownWorkTakenWhenItsReachIsPastTheCursor() {
		TraceTree<Timed> tree = TraceTree.build(List.of(timed("poll", null, 0, 1), timed("first", "poll", 1, 3),
				timed("send", "first", 3, 1), timed("poll-late", "send", 8, 1), timed("second", "poll", 4, 6)));

		assertThat(CriticalPath.of(tree, ClockSkew.none(), CriticalPathTest::messaging).toString())
			.isEqualTo("CriticalPath poll[0..1] first[1..3] send[3..4] second[4..10]");
	}

	/** Without messaging spans the rule is the synchronous one: a child past its parent is clipped. */
	@Test
	void of_noMessagingSpans_sameAsWithoutTheRule() {
		TraceTree<Timed> tree = TraceTree.build(List.of(timed("root", null, 2, 6), timed("early", "root", 0, 4),
				timed("late", "root", 6, 6), timed("deep", "late", 9, 2)));

		assertThat(CriticalPath.of(tree, ClockSkew.none(), CriticalPathTest::messaging).toString())
			.isEqualTo(CriticalPath.of(tree).toString());
	}

	private static boolean messaging(Timed span) {
		return span.spanId().startsWith("poll") || span.spanId().equals("send");
	}

	private static String path(Timed... spans) {
		return CriticalPath.of(TraceTree.build(List.of(spans))).toString().substring("CriticalPath ".length());
	}

	private static Timed timed(String spanId, String parentId, long start, long duration) {
		return new Timed(spanId, parentId, start, duration);
	}

	record Timed(String spanId, String parentId, long startMicros, long durationMicros) implements SpanLink {

		@Override
		public String traceId() {
			return "t1";
		}

	}

}
