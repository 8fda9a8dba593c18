package dev.tracer.core.findings;

import dev.tracer.core.tree.TraceTree;

/**
 * A tree as arrays the rules can walk up and down: rows in the tree's row order
 * ({@link TraceTree#inRowOrder}), each row's parent, its children as a range of {@code childRows}, and whether
 * it failed. Made without recursion; up the tree is one array read, which the tree's nodes do not offer.
 *
 * <pre>{@code
 * row        0    1    2    3
 * parent    -1    0    1    0
 * children  [1,3] [2]  []   []      childRows[childFrom[r] .. childFrom[r + 1])
 * }</pre>
 */
final class SpanRows<S extends FindingSpan> {

	final S[] spans;

	final int[] parent;

	final int[] childFrom;

	final int[] childRows;

	final boolean[] failed;

	private SpanRows(S[] spans, int[] parent) {
		int n = spans.length;
		this.spans = spans;
		this.parent = parent;
		int[] from = new int[n + 1];
		for (int r = 0; r < n; r++) {
			if (parent[r] >= 0) {
				from[parent[r] + 1]++;
			}
		}
		for (int r = 0; r < n; r++) {
			from[r + 1] += from[r];
		}
		int[] children = new int[from[n]];
		int[] next = java.util.Arrays.copyOf(from, n);
		// rows ascend, and a parent's children were numbered in the tree's order: the lists keep it
		for (int r = 0; r < n; r++) {
			if (parent[r] >= 0) {
				children[next[parent[r]]++] = r;
			}
		}
		this.childFrom = from;
		this.childRows = children;
		boolean[] failed = new boolean[n];
		for (int r = 0; r < n; r++) {
			failed[r] = spans[r].failed();
		}
		this.failed = failed;
	}

	@SuppressWarnings("unchecked")
	static <S extends FindingSpan> SpanRows<S> of(TraceTree<S> tree) {
		int n = tree.spanCount();
		S[] spans = (S[]) new FindingSpan[n];
		int[] parent = new int[n];
		tree.inRowOrder((row, parentRow, node) -> {
			spans[row] = node.span();
			parent[row] = parentRow;
		});
		return new SpanRows<>(spans, parent);
	}

	int size() {
		return spans.length;
	}

	int childCount(int row) {
		return childFrom[row + 1] - childFrom[row];
	}

	long start(int row) {
		return spans[row].startMicros();
	}

	long duration(int row) {
		return Math.max(0L, spans[row].durationMicros());
	}

	long end(int row) {
		return start(row) + duration(row);
	}

	String id(int row) {
		return spans[row].spanId();
	}

}
