package dev.tracer.core.tree;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A trace rebuilt from a flat list of spans, tolerant of the data real systems report: missing
 * parents, the same span twice, parent links that loop, and spans of several traces mixed together.
 *
 * <pre>{@code
 * input (any order)          tree                     depth
 * s1  parent -               s1                       1
 * s2  parent s1              +-- s2                   2
 * s3  parent s2              |   +-- s3               3
 * s4  parent s1              +-- s4                   2
 * s5  parent s9  (absent)    s5   orphan, a root      1
 * s2  parent s4  (again)     merged into the first s2, reported in duplicateIds
 * }</pre>
 *
 * <p>Rules (docs/design.md, decision 4):
 * <ul>
 * <li><b>Depth counts spans</b>, not edges: a root has depth 1 and a chain of three spans has depth 3.
 * <li><b>Roots</b> are spans whose parent id is null or absent from the input. A span whose parent id
 * is given but absent is also an <b>orphan</b>: it is measured from as a root and reported.
 * <li><b>Duplicates</b> (the same span id more than once) are merged: the first occurrence is kept,
 * later ones are dropped whatever they say, and the id is reported once.
 * <li><b>Cycles</b> (a span that is its own parent, {@code a -> b -> a}, longer loops) are found and
 * reported. A cycle has no natural root, yet every span should appear exactly once in the tree and
 * get a depth, so each cycle is cut at the member that came first in the input: that span loses its
 * parent link and becomes a root of depth 1, and the rest of the loop (and any span hanging off it)
 * hangs below it. Input order is chosen over start time because it is always defined and it is what
 * the user sees first; the cut is reported in {@link #cycles()}, so nothing is hidden.
 * <li><b>Several trace ids</b> are reported in {@link #traceIds()}, but spans are still linked by span id
 * alone: a parent link that crosses traces is kept, as the data says.
 * <li>Children, and the roots, are ordered by {@link SpanLink#startMicros()}, then by input order.
 * </ul>
 *
 * <p>Nothing here recurses: a chain of a million spans is as safe as a wide tree. {@link #build} runs
 * six steps, each a method of {@code Build}: index the distinct spans, resolve parents, link children,
 * measure depth, cut cycles (then link and measure again), order siblings by start. They work on
 * primitive arrays, and the tree keeps them: a {@link Node} is a view made when it is asked for, so a
 * million spans cost a few arrays, not a million objects for the collector to copy:
 * <pre>{@code
 * spans    s1   s2   s3   s4          distinct spans, input order = index u
 * parent   -1    0    1    0          index of the parent, -1 for a root
 * offsets   0    2    3    3    3     CSR: children of u are children[offsets[u] .. offsets[u + 1])
 * children  1    3    2               s1 -> s2, s4;  s2 -> s3
 * depth     1    2    3    2          breadth-first from the roots, through a queue int[]
 * }</pre>
 *
 * @param <S> the span type, returned as given by {@link Node#span()} and {@link #orphans()}
 */
public final class TraceTree<S extends SpanLink> {

	/** The parent of a root, and what the index answers for an absent id. */
	private static final int NONE = SpanIndex.NONE;

	/** A parent id that step 1 decoded to a key of the hex space. */
	private static final int HEX_PARENT = -2;

	/** A parent id of any other shape. */
	private static final int TEXT_PARENT = -3;

	/** Spans decoded before they are indexed; the block's keys stay in the L1 cache. */
	private static final int BLOCK = 256;

	/**
	 * Sibling lists up to this long are insertion-sorted; longer ones would cost it quadratic time. See
	 * sortByStart for why this hand-written sort stays.
	 */
	private static final int INSERTION_SORT_MAX = 32;

	private final int spanCount;

	private final int depth;

	private final List<String> traceIds;

	private final List<Node<S>> roots;

	private final List<S> orphans;

	private final List<String> duplicateIds;

	private final List<List<String>> cycles;

	// The tree itself, by span index u (distinct spans in input order), as build() left it.
	private final Object[] spans;

	private final int[] depthOf;

	private final boolean[] orphan;

	private final int[] offsets;

	private final int[] children;

	private TraceTree(Build<S> build) {
		this.spanCount = build.spanCount;
		this.depth = build.depth;
		this.traceIds = Collections.unmodifiableList(new ArrayList<>(build.traceIds));
		this.orphans = Collections.unmodifiableList(build.orphans);
		this.duplicateIds = Collections.unmodifiableList(new ArrayList<>(build.duplicateIds));
		List<List<String>> cycles = new ArrayList<>(build.cycles.size());
		for (Cycle cycle : build.cycles) {
			cycles.add(cycle.members());
		}
		this.cycles = Collections.unmodifiableList(cycles);
		this.spans = build.spans;
		this.depthOf = build.depthOf;
		this.orphan = build.orphan;
		this.offsets = build.offsets;
		this.children = build.children;
		this.roots = new NodeList(build.roots, 0, build.roots.length);
	}

	/**
	 * Builds the tree of the given spans without recursion, in time linear in their number plus the
	 * sorting of sibling lists that arrive out of start order.
	 *
	 * @param spans the spans, in any order; duplicates, orphans and cycles are tolerated
	 * @return the tree, never null
	 * @throws NullPointerException if the list, an element or an element's span id is null
	 */
	public static <S extends SpanLink> TraceTree<S> build(List<S> spans) {
		if (spans == null) {
			throw new NullPointerException("spans == null");
		}
		Build<S> build = new Build<>(spans.toArray());
		build.indexDistinctSpans();
		build.resolveParents();
		build.linkChildren();
		build.measureDepth();
		if (build.cutCycles()) {
			build.linkChildren();
			build.measureDepth();
		}
		build.orderByStart();
		return new TraceTree<>(build);
	}

	/** Number of distinct span ids; a duplicate counts once. */
	public int spanCount() {
		return spanCount;
	}

	/** Spans on the longest root-to-leaf chain; 0 when there are no spans. */
	public int depth() {
		return depth;
	}

	/** Distinct non-null trace ids of the kept spans, in input order. */
	public List<String> traceIds() {
		return traceIds;
	}

	/** Called for each span, in row order ({@link #inRowOrder}). */
	@FunctionalInterface
	public interface RowVisitor<S extends SpanLink> {

		/**
		 * @param row the row, from 0
		 * @param parentRow the parent's row, always before this one; -1 for a root
		 * @param node the span
		 */
		void row(int row, int parentRow, Node<S> node);

	}

	/**
	 * Visits the spans in row order: depth-first, preorder, roots and children in the tree's order. The
	 * one definition of a row number: the viewer's rows, find's answers and the findings' walks all
	 * count this way. Iterative, with two arrays as the stack, however deep the tree.
	 *
	 * @param visitor called once per span
	 */
	public void inRowOrder(RowVisitor<S> visitor) {
		int n = spanCount();
		// every span is pushed once, so n entries always suffice
		@SuppressWarnings("unchecked")
		Node<S>[] nodes = new Node[n];
		int[] parentRows = new int[n];
		int top = 0;
		List<Node<S>> roots = roots();
		for (int i = roots.size() - 1; i >= 0; i--) {
			nodes[top] = roots.get(i);
			parentRows[top++] = -1;
		}
		int row = 0;
		while (top > 0) {
			Node<S> node = nodes[--top];
			nodes[top] = null;
			visitor.row(row, parentRows[top], node);
			List<Node<S>> children = node.children();
			// last to first, so the first child is popped, and numbered, next
			for (int i = children.size() - 1; i >= 0; i--) {
				nodes[top] = children.get(i);
				parentRows[top++] = row;
			}
			row++;
		}
	}

	/**
	 * Spans with no parent in the tree: parent id null, parent id absent (orphans), and the span each
	 * cycle was cut at. Ordered by start time, then input order.
	 */
	public List<Node<S>> roots() {
		return roots;
	}

	/** Spans whose non-null parent id is absent from the input, in input order. */
	public List<S> orphans() {
		return orphans;
	}

	/** Span ids that occurred more than once, each once, in the order their first repeat appears in the input. */
	public List<String> duplicateIds() {
		return duplicateIds;
	}

	/**
	 * Each cycle's member ids, starting at the span it was cut at (the member first in the input) and
	 * following child order: {@code [a, b, c]} means {@code a -> b -> c -> a}, parent to child. Cycles
	 * are ordered by where they were cut in the input.
	 */
	public List<List<String>> cycles() {
		return cycles;
	}

	/** The ids of the spans each cycle was cut at: roots of this tree that began nothing. */
	public Set<String> cycleCuts() {
		Set<String> cuts = new HashSet<>();
		for (List<String> cycle : cycles) {
			cuts.add(cycle.get(0));
		}
		return cuts;
	}

	/**
	 * The trace's root as a reader names it: the first root that is not where a cycle was cut (a span cut
	 * out of a loop is a root of the tree, not where the trace began).
	 *
	 * @return the root, or null when the tree has none, or only cycle cuts
	 */
	public Node<S> firstRoot() {
		Set<String> cuts = cycleCuts();
		for (Node<S> root : roots) {
			if (!cuts.contains(root.span().spanId())) {
				return root;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "TraceTree{spanCount=" + spanCount + ", depth=" + depth + ", traceIds=" + traceIds + ", roots="
				+ roots.size() + ", orphans=" + orphans.size() + ", duplicateIds=" + duplicateIds.size()
				+ ", cycles=" + cycles.size() + "}";
	}

	/**
	 * One span in the tree, with its depth and its children.
	 *
	 * <pre>{@code
	 * s1  depth 1          children [s2, s4]
	 * +-- s2  depth 2      children [s3]
	 * |   +-- s3  depth 3  children []
	 * +-- s4  depth 2      children []
	 * }</pre>
	 *
	 * @param <S> the span type
	 */
	public static final class Node<S extends SpanLink> {

		private final TraceTree<S> tree;

		private final int index;

		private Node(TraceTree<S> tree, int index) {
			this.tree = tree;
			this.index = index;
		}

		/** The span, as given to {@link TraceTree#build}. */
		@SuppressWarnings("unchecked")
		public S span() {
			return (S) tree.spans[index];
		}

		/** Spans from the root down to this one, this one included: 1 for a root. */
		public int depth() {
			return tree.depthOf[index];
		}

		/** The children, by start time then input order; unmodifiable. */
		public List<Node<S>> children() {
			int from = tree.offsets[index];
			int count = tree.offsets[index + 1] - from;
			return (count == 0) ? Collections.emptyList() : tree.new NodeList(tree.children, from, count);
		}

		/** Whether this span names a parent that is absent from the input; such a span is a root. */
		public boolean orphan() {
			return tree.orphan[index];
		}

		/** The span's number in its tree, 0 to spanCount - 1: for analyses that keep a value per span. */
		int index() {
			return index;
		}

		TraceTree<S> tree() {
			return tree;
		}

		/** Two nodes are equal when they are the same span of the same tree. */
		@Override
		public boolean equals(Object other) {
			return (other instanceof Node<?> that) && this.tree == that.tree && this.index == that.index;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(tree) * 31 + index;
		}

		@Override
		public String toString() {
			// Children by count only: printing them would recurse down the whole tree.
			return "Node{spanId=" + span().spanId() + ", depth=" + depth() + (orphan() ? ", orphan" : "")
					+ ", children=" + (tree.offsets[index + 1] - tree.offsets[index]) + "}";
		}

	}

	/**
	 * One build's working state, a method per step, called in order by {@link #build}. From step 1 on,
	 * a span is its index u: distinct spans numbered in input order.
	 */
	private static final class Build<S extends SpanLink> {

		/**
		 * The input, copied once (get(i) on a LinkedList would make the build quadratic). The copy is
		 * ours, so step 1 squeezes the duplicates out of it in place and it becomes the tree's span array.
		 */
		final Object[] spans;

		final Set<String> traceIds = new LinkedHashSet<>();

		final Set<String> duplicateIds = new LinkedHashSet<>();

		final List<S> orphans = new ArrayList<>(0);

		final List<Cycle> cycles = new ArrayList<>(0);

		int spanCount;

		long[] start;

		/** Span id to index; needed by steps 1 and 2 only. */
		SpanIndex index;

		/**
		 * Index of each span's parent, or NONE; between steps 1 and 2, HEX_PARENT (its key is in
		 * parentKeys) or TEXT_PARENT (read again from the span).
		 */
		int[] parent;

		long[] parentKeys;

		boolean[] orphan;

		int[] offsets;

		int[] children;

		int[] roots;

		int[] depthOf;

		/** Spans step 4 reached from the roots. */
		int reached;

		int depth;

		Build(Object[] spans) {
			this.spans = spans;
		}

		@SuppressWarnings("unchecked")
		S span(int u) {
			return (S) spans[u];
		}

		/**
		 * Step 1: number the distinct spans. The first span with an id is kept and later ones are dropped
		 * whatever they say, so every later step sees each id once; each repeated id is reported once.
		 * A block of spans has its ids decoded first (its parent's too, so step 2 reads no span), then is
		 * indexed: a loop of few instructions keeps many probes of the table in flight at once, where
		 * decoding between them would leave one or two (the figure: docs/performance.md, "Why the
		 * hand-written parts stay").
		 */
		void indexDistinctSpans() {
			Object[] spans = this.spans;
			int size = spans.length;
			SpanIndex index = new SpanIndex(size);
			long[] start = new long[size];
			int[] parent = new int[size];
			long[] parentKeys = new long[size];
			long[] blockKeys = new long[Math.min(size, BLOCK)];
			boolean[] blockHex = new boolean[blockKeys.length];
			int[] blockLengths = new int[blockKeys.length];
			String lastTraceId = null;
			int n = 0;
			for (int from = 0; from < size; from += BLOCK) {
				int to = Math.min(from + BLOCK, size);
				for (int i = from; i < to; i++) {
					// Only the lengths, in a loop this short: spans, ids and their bytes scattered in the heap
					// are fetched for many spans at once, not one after another in the loop below.
					// blockLengths is never read; storing into it keeps the JIT from dropping these loads.
					// It pays where the spans lie shuffled in the heap (docs/performance.md, "Why the
					// hand-written parts stay"); spans in heap order are prefetched by the hardware either way.
					S span = checkedSpanAt(i);
					String parentId = span.parentId();
					blockLengths[i - from] = span.spanId().length() + ((parentId != null) ? parentId.length() : 0);
				}
				for (int i = from; i < to; i++) {
					S span = span(i);
					blockHex[i - from] = SpanIndex.hexKey(span.spanId(), blockKeys, i - from);
					String parentId = span.parentId();
					parent[i] = (parentId == null) ? NONE
							: SpanIndex.hexKey(parentId, parentKeys, i) ? HEX_PARENT : TEXT_PARENT;
					start[i] = span.startMicros();
				}
				for (int i = from; i < to; i++) {
					S span = span(i);
					int first = blockHex[i - from] ? index.putHex(blockKeys[i - from], n)
							: index.putText(span.spanId(), n);
					if (first != NONE) {
						duplicateIds.add(span.spanId());
						continue;
					}
					spans[n] = span;
					start[n] = start[i];
					parent[n] = parent[i];
					parentKeys[n] = parentKeys[i];
					n++;
					String traceId = span.traceId();
					// Usually every span has the same trace id: skip the set unless it changes.
					if (traceId != null && !traceId.equals(lastTraceId)) {
						lastTraceId = traceId;
						traceIds.add(traceId);
					}
				}
			}
			// The spans of dropped duplicates are not the tree's to keep alive.
			Arrays.fill(spans, n, size, null);
			spanCount = n;
			this.index = index;
			this.start = start;
			this.parent = parent;
			this.parentKeys = parentKeys;
		}

		@SuppressWarnings("unchecked")
		private S checkedSpanAt(int i) {
			S span = (S) spans[i];
			if (span == null) {
				throw new NullPointerException("spans[" + i + "] == null");
			}
			if (span.spanId() == null) {
				throw new NullPointerException("spans[" + i + "].spanId() == null");
			}
			return span;
		}

		/**
		 * Step 2: each parent id to its span's index. It waits for step 1 because a parent may come after
		 * its children in the input. A parent id that names no span makes an orphan: a root, reported.
		 */
		void resolveParents() {
			int n = spanCount;
			int[] parent = this.parent;
			long[] parentKeys = this.parentKeys;
			SpanIndex index = this.index;
			boolean[] orphan = new boolean[n];
			for (int u = 0; u < n; u++) {
				int held = parent[u];
				int p = (held == HEX_PARENT) ? index.getHex(parentKeys[u])
						: (held == TEXT_PARENT) ? index.getText(span(u).parentId()) : NONE;
				parent[u] = p;
				if (p == NONE && held != NONE) {
					orphan[u] = true;
					orphans.add(span(u));
				}
			}
			this.orphan = orphan;
			this.index = null;
			this.parentKeys = null;
		}

		/**
		 * Step 3: children in CSR form (the drawing above), and the roots. Spans are linked in index order,
		 * so every list starts in input order, which step 6 keeps among equal start times.
		 */
		void linkChildren() {
			int n = spanCount;
			int[] parent = this.parent;
			int[] offsets = new int[n + 1];
			int rootCount = 0;
			for (int u = 0; u < n; u++) {
				if (parent[u] == NONE) {
					rootCount++;
				}
				else {
					offsets[parent[u] + 1]++;
				}
			}
			for (int u = 0; u < n; u++) {
				offsets[u + 1] += offsets[u];
			}
			int[] children = new int[n - rootCount];
			int[] roots = new int[rootCount];
			int[] next = Arrays.copyOf(offsets, n);
			int r = 0;
			for (int u = 0; u < n; u++) {
				int p = parent[u];
				if (p == NONE) {
					roots[r++] = u;
				}
				else {
					children[next[p]++] = u;
				}
			}
			this.offsets = offsets;
			this.children = children;
			this.roots = roots;
		}

		/**
		 * Step 4: depths, breadth-first from the roots through an int[] queue: a child is one deeper than
		 * its parent, and the last span reached is the deepest. Spans in or below a loop are not reached.
		 */
		void measureDepth() {
			int n = spanCount;
			int[] offsets = this.offsets;
			int[] children = this.children;
			int[] depthOf = new int[n];
			int[] queue = Arrays.copyOf(roots, n);
			for (int root : roots) {
				depthOf[root] = 1;
			}
			int tail = roots.length;
			for (int head = 0; head < tail; head++) {
				int u = queue[head];
				int childDepth = depthOf[u] + 1;
				for (int k = offsets[u], end = offsets[u + 1]; k < end; k++) {
					int child = children[k];
					depthOf[child] = childDepth;
					queue[tail++] = child;
				}
			}
			this.depthOf = depthOf;
			reached = tail;
			depth = (tail == 0) ? 0 : depthOf[queue[tail - 1]];
		}

		/**
		 * Step 5, for spans that step 4 did not reach: they lead, by parent links, into a loop. Each loop
		 * is cut, so the links form a forest, and the caller links and measures again: loops are rare, and
		 * a second pass is simpler than patching the lists. Going up from each unreached span, a walk
		 * stamps the spans it passes with its own number: meeting its own stamp means a new loop, meeting
		 * an older one means a loop found before. Each span is stamped once, so this stays linear however
		 * long the chains. Only unreached spans are walked, so a trace without loops, the usual one, pays
		 * one comparison here.
		 *
		 * @return whether any loop was cut
		 */
		boolean cutCycles() {
			if (reached == spanCount) {
				return false;
			}
			int[] walkOf = new int[spanCount];
			for (int u = 0; u < spanCount; u++) {
				if (depthOf[u] != 0) {
					continue;
				}
				int walk = u + 1;
				int x = u;
				// An unreached span's way up never meets a root, so it always ends at a stamp.
				while (walkOf[x] == 0) {
					walkOf[x] = walk;
					x = parent[x];
				}
				if (walkOf[x] == walk) {
					cutCycleThrough(x);
				}
			}
			cycles.sort(Comparator.comparingInt(Cycle::cut));
			return true;
		}

		/** Cuts the loop through x at its member first in the input, which becomes a root. */
		private void cutCycleThrough(int x) {
			int cut = x;
			int length = 1;
			for (int y = parent[x]; y != x; y = parent[y]) {
				cut = Math.min(cut, y);
				length++;
			}
			// Parent links run against child order, so the members are written back to front.
			String[] members = new String[length];
			members[0] = span(cut).spanId();
			int k = length - 1;
			for (int y = parent[cut]; y != cut; y = parent[y]) {
				members[k--] = span(y).spanId();
			}
			cycles.add(new Cycle(cut, List.of(members)));
			parent[cut] = NONE;
		}

		/** Step 6: every sibling list, and the roots, by start time; equal starts keep input order. */
		void orderByStart() {
			int[] offsets = this.offsets;
			int[] children = this.children;
			long[] start = this.start;
			for (int u = 0; u < spanCount; u++) {
				// most spans have no sibling list to sort, and the call is too big for the JIT to inline
				if (offsets[u + 1] - offsets[u] > 1) {
					sortByStart(children, offsets[u], offsets[u + 1], start);
				}
			}
			sortByStart(roots, 0, roots.length, start);
		}

		/**
		 * Sorts span indexes a[from, to), given in input order, by start time, stably. A long list is
		 * sorted by Arrays.sort, which is not stable and sorts no indexes, so each span's position is
		 * packed below the rank of its start ({@code rank << 32 | position}) and the packed keys are
		 * sorted. A short list (nearly all are) is insertion-sorted in place instead: the packed path's
		 * copies and two sorts per list cost more than the rest of the build in the random shape
		 * (docs/performance.md, "Why the hand-written parts stay").
		 */
		static void sortByStart(int[] a, int from, int to, long[] start) {
			int length = to - from;
			if (length <= INSERTION_SORT_MAX) {
				for (int k = from + 1; k < to; k++) {
					int span = a[k];
					int j = k - 1;
					while (j >= from && start[a[j]] > start[span]) {
						a[j + 1] = a[j];
						j--;
					}
					a[j + 1] = span;
				}
				return;
			}
			boolean sorted = true;
			for (int k = from + 1; k < to && sorted; k++) {
				sorted = start[a[k - 1]] <= start[a[k]];
			}
			if (sorted) {
				return;
			}
			int[] spans = Arrays.copyOfRange(a, from, to);
			long[] starts = new long[length];
			for (int k = 0; k < length; k++) {
				starts[k] = start[spans[k]];
			}
			long[] ranks = starts.clone();
			Arrays.sort(ranks);
			long[] keys = new long[length];
			for (int k = 0; k < length; k++) {
				// Equal starts find the same rank: a search of the same array for the same key.
				long rank = Arrays.binarySearch(ranks, starts[k]);
				keys[k] = (rank << 32) | k;
			}
			Arrays.sort(keys);
			for (int k = 0; k < length; k++) {
				a[from + k] = spans[(int) keys[k]];
			}
		}

	}

	/** A cycle as found: the index it was cut at, and its members from there in child order. */
	private record Cycle(int cut, List<String> members) {
	}

	/** The nodes of indexes[from, from + size): an unmodifiable view, making each node when it is read. */
	private final class NodeList extends AbstractList<Node<S>> implements RandomAccess {

		private final int[] indexes;

		private final int from;

		private final int size;

		NodeList(int[] indexes, int from, int size) {
			this.indexes = indexes;
			this.from = from;
			this.size = size;
		}

		@Override
		public Node<S> get(int position) {
			if (position < 0 || position >= size) {
				throw new IndexOutOfBoundsException("index " + position + ", size " + size);
			}
			return new Node<>(TraceTree.this, indexes[from + position]);
		}

		@Override
		public int size() {
			return size;
		}

	}

}
