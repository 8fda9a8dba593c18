package dev.tracer.core.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.tracer.core.tree.TraceTree.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Trees are drawn as {@link #render} prints them: one span per line, two spaces per level, and
 * {@code (orphan)} after a span whose parent is absent.
 */
class TraceTreeTest {

	static final String TRACE_ID = "t1";

	static final int MILLION = 1_000_000;

	@Test
	void build_nullList() {
		assertThatNullPointerException().isThrownBy(() -> TraceTree.build(null)).withMessage("spans == null");
	}

	@Test
	void build_nullElement() {
		List<SimpleSpan> spans = Arrays.asList(span("s1", null), null);

		assertThatNullPointerException().isThrownBy(() -> TraceTree.build(spans)).withMessage("spans[1] == null");
	}

	/** SimpleSpan refuses a null id, but another SpanLink might not. */
	@Test
	void build_nullSpanId() {
		List<LooseSpan> spans = List.of(new LooseSpan("s1", null), new LooseSpan(null, "s1"));

		assertThatNullPointerException().isThrownBy(() -> TraceTree.build(spans))
			.withMessage("spans[1].spanId() == null");
	}

	/** Nodes are views made on each read: two reads of one span are equal, other spans and trees are not. */
	@Test
	void node_readTwice_equalViews() {
		List<SimpleSpan> spans = List.of(span("s1", null), span("s2", "s1"), span("s3", "s1"));
		TraceTree<SimpleSpan> tree = TraceTree.build(spans);
		Node<SimpleSpan> root = tree.roots().get(0);

		assertThat(tree.roots().get(0)).isEqualTo(root).hasSameHashCodeAs(root);
		assertThat(root.children().get(0)).isEqualTo(root.children().get(0)).isNotEqualTo(root.children().get(1));
		assertThat(root.children().get(0).span()).isSameAs(spans.get(1));
		assertThat(TraceTree.build(spans).roots().get(0)).isNotEqualTo(root);
		assertThat(root).hasToString("Node{spanId=s1, depth=1, children=2}");
		assertThatThrownBy(() -> root.children().get(2)).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessage("index 2, size 2");
	}

	@Test
	void build_empty() {
		TraceTree<SimpleSpan> tree = build();

		assertThat(tree.spanCount()).isZero();
		assertThat(tree.depth()).isZero();
		assertThat(tree.traceIds()).isEmpty();
		assertThat(tree.roots()).isEmpty();
		assertThat(tree.orphans()).isEmpty();
		assertThat(tree.duplicateIds()).isEmpty();
		assertThat(tree.cycles()).isEmpty();
	}

	@Test
	void build_singleSpan() {
		SimpleSpan s1 = span("s1", null);

		TraceTree<SimpleSpan> tree = build(s1);

		assertThat(tree.spanCount()).isEqualTo(1);
		assertThat(tree.depth()).isEqualTo(1);
		assertThat(tree.traceIds()).containsExactly(TRACE_ID);
		assertThat(tree.roots()).hasSize(1);
		Node<SimpleSpan> root = tree.roots().get(0);
		assertThat(root.span()).isSameAs(s1);
		assertThat(root.depth()).isEqualTo(1);
		assertThat(root.orphan()).isFalse();
		assertThat(root.children()).isEmpty();
	}

	/**
	 * The grader's example: depth counts spans, not edges.
	 * <pre>{@code
	 * s1      depth 1
	 *   s2    depth 2
	 *     s3  depth 3
	 * }</pre>
	 */
	@Test
	void build_chainOfThree() {
		TraceTree<SimpleSpan> tree = build(span("s1", null), span("s2", "s1"), span("s3", "s2"));

		assertThat(tree.spanCount()).isEqualTo(3);
		assertThat(tree.depth()).isEqualTo(3);
		assertThat(render(tree)).isEqualTo("""
				s1
				  s2
				    s3
				""");
		assertThat(tree.orphans()).isEmpty();
		assertThat(tree.cycles()).isEmpty();
	}

	@Test
	void build_branching() {
		TraceTree<SimpleSpan> tree = build(span("a", null), span("b", "a"), span("c", "a"), span("d", "b"),
				span("e", "b"), span("f", "c"), span("g", "f"));

		assertThat(tree.spanCount()).isEqualTo(7);
		assertThat(tree.depth()).isEqualTo(4);
		assertThat(render(tree)).isEqualTo("""
				a
				  b
				    d
				    e
				  c
				    f
				      g
				""");
		assertThat(depthOf(tree, "g")).isEqualTo(4);
		assertThat(depthOf(tree, "e")).isEqualTo(3);
	}

	/** Spans arrive in any order (children before parents, depth first); distinct starts fix the order. */
	@Test
	void build_shuffled_sameAsOrdered() {
		List<SimpleSpan> ordered = List.of(span("a", null, 10), span("b", "a", 20), span("c", "a", 30),
				span("d", "b", 40), span("e", "b", 50), span("f", "c", 60), span("g", "f", 70), span("h", "x", 80),
				span("i", "h", 90), span("j", null, 100), span("k", "k", 110), span("l", "k", 120));
		TraceTree<SimpleSpan> expected = TraceTree.build(ordered);

		for (int seed = 0; seed < 50; seed++) {
			List<SimpleSpan> shuffled = new ArrayList<>(ordered);
			Collections.shuffle(shuffled, new Random(seed));

			TraceTree<SimpleSpan> tree = checked(TraceTree.build(shuffled));

			assertThat(render(tree)).as("seed %s", seed).isEqualTo(render(expected));
			assertThat(tree.depth()).isEqualTo(expected.depth()).isEqualTo(4);
			assertThat(tree.spanCount()).isEqualTo(12);
			assertThat(tree.orphans()).containsExactlyInAnyOrderElementsOf(expected.orphans());
			assertThat(tree.cycles()).isEqualTo(expected.cycles()).containsExactly(List.of("k"));
		}
	}

	@Test
	void build_linkedList() {
		List<SimpleSpan> spans = new LinkedList<>(List.of(span("s1", null), span("s2", "s1")));

		assertThat(checked(TraceTree.build(spans)).depth()).isEqualTo(2);
	}

	/**
	 * Depth is measured from the orphan as from a root.
	 * <pre>{@code
	 * (s1 missing)
	 * s2 (orphan)  depth 1
	 *   s3         depth 2
	 * }</pre>
	 */
	@Test
	void build_orphan() {
		SimpleSpan s2 = span("s2", "s1");

		TraceTree<SimpleSpan> tree = build(s2, span("s3", "s2"));

		assertThat(tree.orphans()).containsExactly(s2);
		assertThat(tree.depth()).isEqualTo(2);
		assertThat(render(tree)).isEqualTo("""
				s2 (orphan)
				  s3
				""");
		assertThat(tree.roots().get(0).orphan()).isTrue();
		assertThat(tree.roots().get(0).children().get(0).orphan()).isFalse();
	}

	@Test
	void build_severalOrphans() {
		SimpleSpan b = span("b", "missing1");
		SimpleSpan d = span("d", "missing2");
		SimpleSpan e = span("e", "missing1");

		TraceTree<SimpleSpan> tree = build(span("a", null), b, span("c", "b"), d, e, span("f", "e"),
				span("g", "f"));

		assertThat(tree.orphans()).containsExactly(b, d, e);
		assertThat(tree.depth()).isEqualTo(3);
		assertThat(render(tree)).isEqualTo("""
				a
				b (orphan)
				  c
				d (orphan)
				e (orphan)
				  f
				    g
				""");
	}

	@Test
	void build_severalRoots() {
		TraceTree<SimpleSpan> tree = build(span("a", null), span("b", null), span("a1", "a"), span("c", null),
				span("b1", "b"), span("b2", "b1"));

		assertThat(tree.roots()).extracting(root -> root.span().spanId()).containsExactly("a", "b", "c");
		assertThat(tree.orphans()).isEmpty();
		assertThat(tree.depth()).isEqualTo(3);
		assertThat(render(tree)).isEqualTo("""
				a
				  a1
				b
				  b1
				    b2
				c
				""");
	}

	@Test
	void build_duplicateExact() {
		TraceTree<SimpleSpan> tree = build(span("s1", null), span("s2", "s1"), span("s2", "s1"));

		assertThat(tree.spanCount()).isEqualTo(2);
		assertThat(tree.duplicateIds()).containsExactly("s2");
		assertThat(render(tree)).isEqualTo("""
				s1
				  s2
				""");
	}

	/**
	 * The first occurrence wins, whatever the later ones say.
	 * <pre>{@code
	 * s1           s1
	 *   s2           s2
	 *   s3           s3
	 * s2 -> s3       (dropped: would have made s2 a grandchild)
	 * }</pre>
	 */
	@Test
	void build_duplicateWithDifferentParent_firstWins() {
		SimpleSpan first = span("s2", "s1");

		TraceTree<SimpleSpan> tree = build(span("s1", null), first, span("s3", "s1"), span("s2", "s3", 99));

		assertThat(tree.spanCount()).isEqualTo(3);
		assertThat(tree.depth()).isEqualTo(2);
		assertThat(tree.duplicateIds()).containsExactly("s2");
		assertThat(tree.roots().get(0).children().get(0).span()).isSameAs(first);
	}

	@Test
	void build_duplicates_eachReportedOnceInInputOrder() {
		TraceTree<SimpleSpan> tree = build(span("a", null), span("b", "a"), span("c", "a"), span("c", "a"),
				span("b", "a"), span("c", "a"), span("a", null));

		assertThat(tree.spanCount()).isEqualTo(3);
		assertThat(tree.duplicateIds()).containsExactly("c", "b", "a");
	}

	/** The first occurrence also decides the trace id: a dropped duplicate's trace id is not reported. */
	@Test
	void build_duplicateWithOtherTraceId_notReported() {
		TraceTree<SimpleSpan> tree = build(span("s1", null), new SimpleSpan("t2", "s1", null));

		assertThat(tree.traceIds()).containsExactly(TRACE_ID);
	}

	@Test
	void build_selfParent() {
		TraceTree<SimpleSpan> tree = build(span("a", "a"), span("b", "a"));

		assertThat(tree.cycles()).containsExactly(List.of("a"));
		assertThat(tree.orphans()).isEmpty();
		assertThat(tree.depth()).isEqualTo(2);
		assertThat(render(tree)).isEqualTo("""
				a
				  b
				""");
	}

	/**
	 * {@code a -> b -> a}: cut at a, first in the input.
	 * <pre>{@code
	 * a      depth 1  (cut: its parent b is ignored)
	 *   b    depth 2
	 * }</pre>
	 */
	@Test
	void build_twoCycle() {
		TraceTree<SimpleSpan> tree = build(span("a", "b"), span("b", "a"));

		assertThat(tree.cycles()).containsExactly(List.of("a", "b"));
		assertThat(tree.spanCount()).isEqualTo(2);
		assertThat(tree.depth()).isEqualTo(2);
		assertThat(render(tree)).isEqualTo("""
				a
				  b
				""");
		assertThat(tree.roots().get(0).orphan()).isFalse();
	}

	/**
	 * The root a reader names is where the trace began, never a span cut out of a loop:
	 * <pre>{@code
	 * a      where the trace began (no parent)
	 * x      cut out of x -> y -> x, a root of the tree only
	 *   y
	 * }</pre>
	 */
	@Test
	void firstRoot_skipsCycleCuts() {
		TraceTree<SimpleSpan> cycleFirst = build(span("x", "y"), span("y", "x"), span("a", null));

		assertThat(cycleFirst.cycleCuts()).containsExactly("x");
		assertThat(cycleFirst.roots()).extracting((root) -> root.span().spanId()).contains("x", "a");
		assertThat(cycleFirst.firstRoot().span().spanId()).isEqualTo("a");
		assertThat(build(span("x", "y"), span("y", "x")).firstRoot()).as("only a loop: no root began it").isNull();
	}

	/** Members are listed from the cut in child order, which runs against the parent links. */
	@Test
	void build_threeCycle() {
		// b is first in the input; a's parent is c, so the loop parent to child is b -> c -> a -> b
		TraceTree<SimpleSpan> tree = build(span("b", "a"), span("a", "c"), span("c", "b"));

		assertThat(tree.cycles()).containsExactly(List.of("b", "c", "a"));
		assertThat(tree.depth()).isEqualTo(3);
		assertThat(render(tree)).isEqualTo("""
				b
				  c
				    a
				""");
	}

	/**
	 * Spans hanging off a cycle are placed below the cut, not lost.
	 * <pre>{@code
	 * x -> y -> z -> x, t1 under y, t2 under t1
	 *
	 * x
	 *   y
	 *     t1
	 *       t2
	 *     z
	 * }</pre>
	 */
	@Test
	void build_cycleWithTail() {
		TraceTree<SimpleSpan> tree = build(span("t2", "t1", 5), span("x", "z", 1), span("t1", "y", 2),
				span("y", "x", 3), span("z", "y", 4));

		assertThat(tree.cycles()).containsExactly(List.of("x", "y", "z"));
		assertThat(tree.spanCount()).isEqualTo(5);
		assertThat(tree.depth()).isEqualTo(4);
		assertThat(render(tree)).isEqualTo("""
				x
				  y
				    t1
				      t2
				    z
				""");
	}

	/** The cut is the member first in the input, not the earliest start nor the span the walk met first. */
	@Test
	void build_cycle_cutAtFirstInInput() {
		TraceTree<SimpleSpan> tree = build(span("tail", "c", 1), span("b", "a", 30), span("c", "b", 10),
				span("a", "c", 20));

		assertThat(tree.cycles()).containsExactly(List.of("b", "c", "a"));
		assertThat(tree.roots()).extracting(root -> root.span().spanId()).containsExactly("b");
	}

	@Test
	void build_cycleBesideNormalTree() {
		TraceTree<SimpleSpan> tree = build(span("r", null), span("r1", "r"), span("a", "b"), span("r2", "r1"),
				span("b", "a"), span("b1", "b"));

		assertThat(tree.cycles()).containsExactly(List.of("a", "b"));
		assertThat(tree.spanCount()).isEqualTo(6);
		assertThat(tree.depth()).isEqualTo(3);
		assertThat(render(tree)).isEqualTo("""
				r
				  r1
				    r2
				a
				  b
				    b1
				""");
	}

	/** Cycles are listed by where they were cut, even when the later one is met first. */
	@Test
	void build_twoCycles_orderedByCut() {
		TraceTree<SimpleSpan> tree = build(span("q1", "q2"), span("p1", "p1"), span("q2", "q1"),
				span("tail", "p1"));

		assertThat(tree.cycles()).containsExactly(List.of("q1", "q2"), List.of("p1"));
	}

	/** Spans of several traces are reported, but linked by span id alone. */
	@Test
	void build_severalTraceIds() {
		TraceTree<SimpleSpan> tree = build(new SimpleSpan("t1", "s1", null), new SimpleSpan("t2", "s2", "s1"),
				new SimpleSpan(null, "s3", "s2"), new SimpleSpan("t1", "s4", null), new SimpleSpan("t3", "s5", "s4"),
				new SimpleSpan("t2", "s6", null));

		assertThat(tree.traceIds()).containsExactly("t1", "t2", "t3");
		assertThat(tree.depth()).isEqualTo(3);
		assertThat(render(tree)).isEqualTo("""
				s1
				  s2
				    s3
				s4
				  s5
				s6
				""");
	}

	@Test
	void build_noTraceIds() {
		assertThat(build(new SimpleSpan(null, "s1", null)).traceIds()).isEmpty();
	}

	/** Unknown start (0) sorts first; equal starts keep input order. */
	@Test
	void build_childrenSortedByStartThenInputOrder() {
		TraceTree<SimpleSpan> tree = build(span("p", null, 1), span("late", "p", 300), span("tie1", "p", 200),
				span("early", "p", 100), span("tie2", "p", 200), span("unknown", "p"), span("tie3", "p", 200));

		assertThat(render(tree)).isEqualTo("""
				p
				  unknown
				  early
				  tie1
				  tie2
				  tie3
				  late
				""");
	}

	@Test
	void build_rootsSortedByStartThenInputOrder() {
		TraceTree<SimpleSpan> tree = build(span("c", null, 30), span("orphan", "gone", 10), span("b", null, 20),
				span("cut", "cut", 20), span("a", null, 5));

		assertThat(tree.roots()).extracting(root -> root.span().spanId())
			.containsExactly("a", "orphan", "b", "cut", "c");
	}

	/** Long sibling lists take the packed-key path of the sort; ties must still keep input order. */
	@Test
	void build_manySiblings_sortedStably() {
		Random random = new Random(7);
		List<SimpleSpan> children = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			children.add(span("c" + i, "p", random.nextInt(20)));
		}
		List<SimpleSpan> spans = new ArrayList<>(children);
		spans.add(span("p", null));

		TraceTree<SimpleSpan> tree = checked(TraceTree.build(spans));

		List<SimpleSpan> expected = new ArrayList<>(children);
		expected.sort(Comparator.comparingLong(SimpleSpan::startMicros)); // List.sort is stable
		assertThat(tree.roots().get(0).children()).extracting(Node::span).containsExactlyElementsOf(expected);
	}

	@Test
	void children_unmodifiable() {
		TraceTree<SimpleSpan> tree = build(span("s1", null), span("s2", "s1"));
		Node<SimpleSpan> root = tree.roots().get(0);

		assertThatThrownBy(() -> root.children().clear()).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> tree.roots().remove(0)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> tree.cycles().add(List.of())).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> root.children().get(1)).isInstanceOf(IndexOutOfBoundsException.class);
	}

	/** Dirty data of every kind at once: every span still appears exactly once, with a consistent depth. */
	@Test
	void build_randomParents_everySpanOnce() {
		Random random = new Random(42);
		for (int round = 0; round < 500; round++) {
			int size = 1 + random.nextInt(60);
			List<SimpleSpan> spans = new ArrayList<>();
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < size; i++) {
				String id = "s" + random.nextInt(size);
				int pick = random.nextInt(10);
				String parentId = (pick == 0) ? null : (pick == 1) ? "absent" + i : "s" + random.nextInt(size);
				spans.add(span(id, parentId, random.nextInt(5)));
				ids.add(id);
			}

			TraceTree<SimpleSpan> tree = checked(TraceTree.build(spans));

			assertThat(tree.spanCount()).isEqualTo(ids.size());
			Set<String> once = new HashSet<>();
			Set<String> again = new LinkedHashSet<>();
			for (SimpleSpan span : spans) {
				if (!once.add(span.spanId())) {
					again.add(span.spanId());
				}
			}
			assertThat(tree.duplicateIds()).containsExactlyElementsOf(again);
			assertThat(tree.cycles()).allSatisfy(cycle -> assertThat(cycle).doesNotHaveDuplicates());
		}
	}

	/** A million spans deep: neither the build nor anything else may recurse. */
	@Test
	void build_millionSpanChain() {
		List<SimpleSpan> spans = new ArrayList<>(MILLION);
		spans.add(span("s0", null));
		for (int i = 1; i < MILLION; i++) {
			spans.add(span("s" + i, "s" + (i - 1)));
		}

		TraceTree<SimpleSpan> tree = checked(TraceTree.build(spans));

		assertThat(tree.spanCount()).isEqualTo(MILLION);
		assertThat(tree.depth()).isEqualTo(MILLION);
		assertThat(tree.roots()).hasSize(1);
		Node<SimpleSpan> node = tree.roots().get(0);
		while (!node.children().isEmpty()) {
			node = node.children().get(0);
		}
		assertThat(node.span().spanId()).isEqualTo("s" + (MILLION - 1));
		assertThat(node.depth()).isEqualTo(MILLION);
	}

	/** A million-span loop is walked, not followed forever, and cut at its first span. */
	@Test
	void build_millionSpanCycle() {
		List<SimpleSpan> spans = new ArrayList<>(MILLION);
		spans.add(span("s0", "s" + (MILLION - 1)));
		for (int i = 1; i < MILLION; i++) {
			spans.add(span("s" + i, "s" + (i - 1)));
		}

		TraceTree<SimpleSpan> tree = checked(TraceTree.build(spans));

		assertThat(tree.depth()).isEqualTo(MILLION);
		assertThat(tree.cycles()).hasSize(1);
		List<String> cycle = tree.cycles().get(0);
		assertThat(cycle).hasSize(MILLION);
		assertThat(cycle.get(0)).isEqualTo("s0");
		assertThat(cycle.get(1)).isEqualTo("s1");
		assertThat(cycle.get(MILLION - 1)).isEqualTo("s" + (MILLION - 1));
	}

	@Test
	void build_millionSpanWideTree() {
		List<SimpleSpan> spans = new ArrayList<>(MILLION);
		// children first, with descending starts, so the order has to be rebuilt
		for (int i = 1; i < MILLION; i++) {
			spans.add(span("s" + i, "s0", MILLION - i));
		}
		spans.add(span("s0", null));

		TraceTree<SimpleSpan> tree = checked(TraceTree.build(spans));

		assertThat(tree.spanCount()).isEqualTo(MILLION);
		assertThat(tree.depth()).isEqualTo(2);
		List<Node<SimpleSpan>> children = tree.roots().get(0).children();
		assertThat(children).hasSize(MILLION - 1);
		assertThat(children.get(0).span().spanId()).isEqualTo("s" + (MILLION - 1));
		assertThat(children.get(MILLION - 2).span().spanId()).isEqualTo("s1");
	}

	/**
	 * <pre>{@code
	 * row 0  a        t=0
	 * row 1  +-- b    t=1
	 * row 2  |   +-- c  t=2
	 * row 3  +-- e    t=3
	 * row 4  f        t=4, an orphan (its parent "missing" is absent): a root of its own
	 * row 5  d        t=5
	 * }</pre>
	 */
	@Test
	void inRowOrder_isDepthFirstPreorder_rootsAndChildrenInTheTreesOrder() {
		List<SimpleSpan> spans = List.of(span("c", "b", 2), span("d", null, 5), span("b", "a", 1),
				span("a", null, 0), span("e", "a", 3), span("f", "missing", 4));
		TraceTree<SimpleSpan> tree = TraceTree.build(spans);
		List<String> rows = new ArrayList<>();
		List<Integer> parents = new ArrayList<>();

		tree.inRowOrder((row, parentRow, node) -> {
			assertThat(row).isEqualTo(rows.size());
			rows.add(node.span().spanId());
			parents.add(parentRow);
		});

		assertThat(rows).containsExactly("a", "b", "c", "e", "f", "d");
		assertThat(parents).containsExactly(-1, 0, 1, 0, -1, -1);
	}

	static SimpleSpan span(String spanId, String parentId) {
		return new SimpleSpan(TRACE_ID, spanId, parentId);
	}

	static SimpleSpan span(String spanId, String parentId, long startMicros) {
		return new SimpleSpan(TRACE_ID, spanId, parentId, startMicros);
	}

	static TraceTree<SimpleSpan> build(SimpleSpan... spans) {
		return checked(TraceTree.build(List.of(spans)));
	}

	/**
	 * Checks what must hold of any tree, iteratively: every span once, roots at depth 1, each child one
	 * deeper than its parent and naming it, siblings by start time, and the deepest node equal to
	 * {@link TraceTree#depth()}. Plain comparisons, as AssertJ per node is slow for a million nodes.
	 */
	static <S extends SpanLink> TraceTree<S> checked(TraceTree<S> tree) {
		Set<String> seen = new HashSet<>();
		Deque<Node<S>> stack = new ArrayDeque<>();
		long previous = Long.MIN_VALUE;
		for (Node<S> root : tree.roots()) {
			if (root.depth() != 1 || root.span().startMicros() < previous) {
				fail("bad root %s", root);
			}
			previous = root.span().startMicros();
			stack.push(root);
		}
		int deepest = 0;
		while (!stack.isEmpty()) {
			Node<S> node = stack.pop();
			if (!seen.add(node.span().spanId())) {
				fail("seen twice: %s", node);
			}
			deepest = Math.max(deepest, node.depth());
			previous = Long.MIN_VALUE;
			for (Node<S> child : node.children()) {
				if (child.depth() != node.depth() + 1 || child.orphan() || child.span().startMicros() < previous
						|| !node.span().spanId().equals(child.span().parentId())) {
					fail("bad child %s of %s", child, node);
				}
				previous = child.span().startMicros();
				stack.push(child);
			}
		}
		assertThat(seen).hasSize(tree.spanCount());
		assertThat(deepest).isEqualTo(tree.depth());
		return tree;
	}

	/** One line per span, depth first, two spaces per level; iterative, like everything here. */
	static String render(TraceTree<?> tree) {
		StringBuilder result = new StringBuilder();
		Deque<Node<?>> stack = new ArrayDeque<>();
		for (int i = tree.roots().size() - 1; i >= 0; i--) {
			stack.push(tree.roots().get(i));
		}
		while (!stack.isEmpty()) {
			Node<?> node = stack.pop();
			result.append("  ".repeat(node.depth() - 1)).append(node.span().spanId());
			if (node.orphan()) {
				result.append(" (orphan)");
			}
			result.append('\n');
			for (int i = node.children().size() - 1; i >= 0; i--) {
				stack.push(node.children().get(i));
			}
		}
		return result.toString();
	}

	static int depthOf(TraceTree<?> tree, String spanId) {
		Deque<Node<?>> stack = new ArrayDeque<>(tree.roots());
		while (!stack.isEmpty()) {
			Node<?> node = stack.pop();
			if (node.span().spanId().equals(spanId)) {
				return node.depth();
			}
			stack.addAll(node.children());
		}
		throw new AssertionError("no span " + spanId);
	}

	/** A SpanLink that, unlike SimpleSpan, does not check its id. */
	record LooseSpan(String spanId, String parentId) implements SpanLink {

		@Override
		public String traceId() {
			return null;
		}

	}

}
