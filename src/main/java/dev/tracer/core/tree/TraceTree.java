package dev.tracer.core.tree;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
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
 * <p>Rules (DESIGN.md, decision 4):
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
 * <p>Nothing here recurses: a chain of a million spans is as safe as a wide tree. {@link #build} works
 * in linear time on primitive arrays, and the tree keeps them: a {@link Node} is a view made when it
 * is asked for, so a million spans cost a few arrays, not a million objects for the collector to copy:
 * <pre>{@code
 * spans    s1   s2   s3   s4          distinct spans, input order = index u
 * parent   -1    0    1    0          index of the parent, -1 for a root
 * offsets   0    2    3    3    3     CSR: children of u are children[offsets[u] .. +childCount[u]]
 * children  1    3    2               s1 -> s2, s4;  s2 -> s3
 * depth     1    2    3    2          breadth-first from the roots, through a queue int[]
 * }</pre>
 *
 * @param <S> the span type, returned as given by {@link Node#span()} and {@link #orphans()}
 */
public final class TraceTree<S extends SpanLink> {

	private static final int NONE = SpanIndex.NONE;

	/** A parent id that phase 1 decoded to a key of the hex space. */
	private static final int HEX_PARENT = -2;

	/** A parent id of any other shape, read again from the span when it is resolved. */
	private static final int TEXT_PARENT = -3;

	/** Spans read and decoded before their ids are indexed; the block's keys stay in the L1 cache. */
	private static final int BLOCK = 256;

	/** Ranges this short are insertion-sorted; longer ones are merged from such runs. */
	private static final int RUN = 16;

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

	private final int[] childCount;

	private final int[] children;

	private TraceTree(Structure<S> structure, int depth, int[] rootIndexes, int rootCount, List<String> traceIds,
			List<S> orphans, List<String> duplicateIds, List<List<String>> cycles) {
		this.spanCount = structure.spanCount;
		this.depth = depth;
		this.traceIds = traceIds;
		this.orphans = orphans;
		this.duplicateIds = duplicateIds;
		this.cycles = cycles;
		this.spans = structure.spans;
		this.depthOf = structure.depthOf;
		this.orphan = structure.orphan;
		this.offsets = structure.offsets;
		this.childCount = structure.childCount;
		this.children = structure.children;
		this.roots = new NodeList(rootIndexes, 0, rootCount);
	}

	/**
	 * Builds the tree of the given spans, in time linear in their number and without recursion.
	 *
	 * @param spans the spans, in any order; duplicates, orphans and cycles are tolerated
	 * @return the tree, never null
	 * @throws NullPointerException if the list, an element or an element's span id is null
	 */
	@SuppressWarnings("unchecked")
	public static <S extends SpanLink> TraceTree<S> build(List<S> spans) {
		if (spans == null) {
			throw new NullPointerException("spans == null");
		}
		// One copy up front: get(i) on a LinkedList would make the whole build quadratic. The copy is ours,
		// so it becomes the tree's span array, duplicates squeezed out in place.
		Object[] kept = spans.toArray();
		int size = kept.length;

		// Phase 1: read each span once and index its id, first occurrence wins. A block of spans is read
		// and its ids decoded first, then the block is indexed: a loop of few instructions has many
		// probes of the table in flight at once, where decoding between them would leave one or two.
		SpanIndex index = new SpanIndex(size);
		long[] start = new long[size];
		// Until phase 2 resolves it: NONE, HEX_PARENT with its key in parentKeys, or TEXT_PARENT.
		int[] parent = new int[size];
		long[] parentKeys = new long[size];
		long[] blockKeys = new long[Math.min(size, BLOCK)];
		boolean[] blockHex = new boolean[blockKeys.length];
		int[] blockLengths = new int[blockKeys.length];
		List<String> traceIds = new ArrayList<>(1);
		Set<String> seenTraceIds = new HashSet<>();
		String lastTraceId = null;
		List<String> duplicateIds = new ArrayList<>(0);
		boolean[] reported = null;
		int n = 0;
		for (int from = 0; from < size; from += BLOCK) {
			int to = Math.min(from + BLOCK, size);
			for (int i = from; i < to; i++) {
				Object element = kept[i];
				if (element == null) {
					throw new NullPointerException("spans[" + i + "] == null");
				}
				S span = (S) element;
				String spanId = span.spanId();
				if (spanId == null) {
					throw new NullPointerException("spans[" + i + "].spanId() == null");
				}
				// Only the lengths, in a loop this short: the span, its ids and their bytes, scattered in
				// the heap, are fetched for many spans at once instead of one after another below.
				// blockLengths is never read; storing into it keeps the JIT from dropping these loads.
				String parentId = span.parentId();
				blockLengths[i - from] = spanId.length() + ((parentId != null) ? parentId.length() : 0);
			}
			for (int i = from; i < to; i++) {
				S span = (S) kept[i];
				blockHex[i - from] = SpanIndex.hexKey(span.spanId(), blockKeys, i - from);
				String parentId = span.parentId();
				parent[i] = (parentId == null) ? NONE
						: SpanIndex.hexKey(parentId, parentKeys, i) ? HEX_PARENT : TEXT_PARENT;
				start[i] = span.startMicros();
			}
			for (int i = from; i < to; i++) {
				S span = (S) kept[i];
				int first = blockHex[i - from] ? index.putHex(blockKeys[i - from], n)
						: index.putText(span.spanId(), n);
				if (first != NONE) {
					if (reported == null) {
						reported = new boolean[size];
					}
					if (!reported[first]) {
						reported[first] = true;
						duplicateIds.add(span.spanId());
					}
					continue;
				}
				if (n != i) {
					kept[n] = span;
					start[n] = start[i];
					parent[n] = parent[i];
					parentKeys[n] = parentKeys[i];
				}
				n++;
				String traceId = span.traceId();
				// Usually every span has the same trace id: skip the set unless it changes.
				if (traceId != null && !traceId.equals(lastTraceId)) {
					lastTraceId = traceId;
					if (seenTraceIds.add(traceId)) {
						traceIds.add(traceId);
					}
				}
			}
		}

		// The spans of dropped duplicates are not the tree's to keep alive.
		Arrays.fill(kept, n, size, null);

		// Phase 2: resolve parent ids to indexes, now that every id is known.
		int[] childCount = new int[n];
		boolean[] orphan = new boolean[n];
		List<S> orphans = new ArrayList<>(0);
		int edges = 0;
		for (int u = 0; u < n; u++) {
			int held = parent[u];
			int p = (held == HEX_PARENT) ? index.getHex(parentKeys[u])
					: (held == TEXT_PARENT) ? index.getText(((S) kept[u]).parentId()) : NONE;
			parent[u] = p;
			if (p != NONE) {
				childCount[p]++;
				edges++;
			}
			else if (held != NONE) {
				orphan[u] = true;
				orphans.add((S) kept[u]);
			}
		}

		// Phase 3: children in CSR form. Filling in index order keeps siblings in input order, which
		// the stable sort below relies on to break ties of start time.
		int[] offsets = new int[n + 1];
		for (int u = 0; u < n; u++) {
			offsets[u + 1] = offsets[u] + childCount[u];
			childCount[u] = 0;
		}
		int[] children = new int[edges];
		for (int u = 0; u < n; u++) {
			int p = parent[u];
			if (p != NONE) {
				children[offsets[p] + childCount[p]++] = u;
			}
		}

		// Phase 4: depths, breadth-first from the natural roots and orphans.
		int[] depthOf = new int[n];
		int[] queue = new int[n];
		int tail = 0;
		for (int u = 0; u < n; u++) {
			if (parent[u] == NONE) {
				depthOf[u] = 1;
				queue[tail++] = u;
			}
		}
		tail = spread(queue, 0, tail, depthOf, offsets, childCount, children);

		// Phase 5: whatever the roots did not reach leads, by parent links, into a cycle. Walk up from
		// each such span, stamping the walk: meeting this walk's stamp means a new cycle, meeting an
		// older stamp means a cycle found before. Each span is stamped once, so this stays linear.
		List<Cycle> found = new ArrayList<>(0);
		if (tail < n) {
			int[] stamp = new int[n];
			int head = tail;
			for (int u = 0; u < n; u++) {
				if (depthOf[u] != 0 || stamp[u] != 0) {
					continue;
				}
				int walk = u + 1;
				int x = u;
				while (stamp[x] == 0) {
					stamp[x] = walk;
					x = parent[x];
				}
				if (stamp[x] != walk) {
					continue;
				}
				int cut = x;
				int length = 1;
				for (int y = parent[x]; y != x; y = parent[y]) {
					cut = Math.min(cut, y);
					length++;
				}
				// Parent links run against child order, so the members are written back to front.
				String[] members = new String[length];
				members[0] = ((S) kept[cut]).spanId();
				int k = length - 1;
				for (int y = parent[cut]; y != cut; y = parent[y]) {
					members[k--] = ((S) kept[y]).spanId();
				}
				found.add(new Cycle(cut, List.of(members)));
				unlink(cut, parent[cut], offsets, childCount, children);
				parent[cut] = NONE;
				depthOf[cut] = 1;
				queue[tail++] = cut;
			}
			tail = spread(queue, head, tail, depthOf, offsets, childCount, children);
			found.sort(Comparator.comparingInt(Cycle::cut));
		}
		assert tail == n : "unreached spans: " + (n - tail);

		// Phase 6: order siblings and roots by start time; input order breaks ties.
		int[] rootIndexes = new int[n - edges + found.size()];
		int rootCount = 0;
		int maxDepth = 0;
		for (int u = 0; u < n; u++) {
			if (parent[u] == NONE) {
				rootIndexes[rootCount++] = u;
			}
			maxDepth = Math.max(maxDepth, depthOf[u]);
		}
		// Most inputs arrive sorted and never touch the buffer; it grows only to the longest unsorted range.
		int[] buffer = new int[0];
		for (int u = 0; u < n; u++) {
			if (childCount[u] > 1) {
				buffer = sortByStart(children, offsets[u], offsets[u] + childCount[u], start, buffer);
			}
		}
		sortByStart(rootIndexes, 0, rootCount, start, buffer);

		List<List<String>> cycles = new ArrayList<>(found.size());
		for (Cycle cycle : found) {
			cycles.add(cycle.members());
		}
		return new TraceTree<>(new Structure<>(n, kept, depthOf, orphan, offsets, childCount, children), maxDepth,
				rootIndexes, rootCount, Collections.unmodifiableList(traceIds), Collections.unmodifiableList(orphans),
				Collections.unmodifiableList(duplicateIds), Collections.unmodifiableList(cycles));
	}

	/** Breadth-first from queue[head, tail): each child is one deeper than its parent. */
	private static int spread(int[] queue, int head, int tail, int[] depthOf, int[] offsets, int[] childCount,
			int[] children) {
		while (head < tail) {
			int u = queue[head++];
			int childDepth = depthOf[u] + 1;
			for (int k = offsets[u], end = k + childCount[u]; k < end; k++) {
				int child = children[k];
				depthOf[child] = childDepth;
				queue[tail++] = child;
			}
		}
		return tail;
	}

	/** Removes child from p's children, keeping the others in order; runs once per cycle. */
	private static void unlink(int child, int p, int[] offsets, int[] childCount, int[] children) {
		int from = offsets[p];
		int end = from + childCount[p];
		int k = from;
		while (children[k] != child) {
			k++;
		}
		System.arraycopy(children, k + 1, children, k, end - k - 1);
		childCount[p]--;
	}

	/**
	 * Stable sort of a[from, to) by start time: insertion-sorted runs, merged bottom-up through the
	 * buffer. Returns the buffer, grown if it was too small, so callers reuse one allocation.
	 */
	private static int[] sortByStart(int[] a, int from, int to, long[] start, int[] buffer) {
		boolean sorted = true;
		for (int k = from + 1; k < to && sorted; k++) {
			sorted = start[a[k - 1]] <= start[a[k]];
		}
		if (sorted) {
			return buffer;
		}
		for (int lo = from; lo < to; lo += RUN) {
			int hi = Math.min(lo + RUN, to);
			for (int k = lo + 1; k < hi; k++) {
				int value = a[k];
				long key = start[value];
				int j = k - 1;
				while (j >= lo && start[a[j]] > key) {
					a[j + 1] = a[j];
					j--;
				}
				a[j + 1] = value;
			}
		}
		int length = to - from;
		if (length <= RUN) {
			return buffer;
		}
		if (buffer.length < length) {
			buffer = new int[length];
		}
		// The buffer holds a[from + k] at k; src and dst alternate each pass.
		int[] src = a;
		int srcFrom = from;
		int[] dst = buffer;
		int dstFrom = 0;
		for (int width = RUN; width < length; width <<= 1) {
			for (int lo = 0; lo < length; lo += width << 1) {
				int mid = Math.min(lo + width, length);
				int hi = Math.min(lo + (width << 1), length);
				int i = lo;
				int j = mid;
				int k = lo;
				while (i < mid && j < hi) {
					// Equal starts take the left element: that is what keeps input order.
					if (start[src[srcFrom + j]] < start[src[srcFrom + i]]) {
						dst[dstFrom + k++] = src[srcFrom + j++];
					}
					else {
						dst[dstFrom + k++] = src[srcFrom + i++];
					}
				}
				System.arraycopy(src, srcFrom + i, dst, dstFrom + k, mid - i);
				k += mid - i;
				System.arraycopy(src, srcFrom + j, dst, dstFrom + k, hi - j);
			}
			int[] swap = src;
			src = dst;
			dst = swap;
			int swapFrom = srcFrom;
			srcFrom = dstFrom;
			dstFrom = swapFrom;
		}
		if (src != a) {
			System.arraycopy(src, srcFrom, a, from, length);
		}
		return buffer;
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
			int count = tree.childCount[index];
			return (count == 0) ? Collections.emptyList() : tree.new NodeList(tree.children, tree.offsets[index], count);
		}

		/** Whether this span names a parent that is absent from the input; such a span is a root. */
		public boolean orphan() {
			return tree.orphan[index];
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
					+ ", children=" + tree.childCount[index] + "}";
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

	/** What build() hands to the tree, gathered so the constructor stays readable. */
	private record Structure<S>(int spanCount, Object[] spans, int[] depthOf, boolean[] orphan, int[] offsets,
			int[] childCount, int[] children) {
	}

}
