package dev.tracer.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import zipkin2.Span;

import dev.tracer.core.tree.CriticalPath;
import dev.tracer.core.tree.SpanLink;
import dev.tracer.core.tree.TraceTree.Node;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;

/**
 * The flat trace document the viewer draws ({@code GET /api/traces/{id}/view}): one row per distinct
 * span in tree order (depth-first, children by start time, as {@link TraceTree} orders them), each
 * column an array, strings replaced by their index in a table. A nested tree cannot be 100,000 levels
 * deep in JSON; rows can, and the viewer keeps the columns as typed arrays without making an object
 * per span. Written as JSON in this order (snake_case):
 *
 * <pre>{@code
 * {"trace_id": "4bf9...", "span_count": 4, "depth": 3, "start": 1700000000000000, "duration": 9000,
 *  "services": ["frontend", "backend"], "names": ["get /api/data", "get"], "kinds": ["", "server", "client"],
 *  "orphans": 0, "duplicates": ["b7ad6b7169203331"], "cycles": [],
 *  "rows": {
 *    "span_ids": "a1...16 hex...b2...16 hex...",  row r's id is span_ids[16r, 16r + 16)
 *    "depth":    [1, 2, 3, 2],                   spans from the root, 1 for a root
 *    "parent":   [-1, 0, 1, 0],                  the parent's row, -1 for a root
 *    "flags":    [8, 8, 8, 0],                   bits: see below
 *    "start":    [0, 100, 150, 5000],            microseconds after the trace's start
 *    "duration": [9000, 4000, 3000, 2000],       microseconds
 *    "service":  [0, 0, 1, 0],                   index in services
 *    "name":     [0, 1, 0, 1],                   index in names
 *    "kind":     [1, 2, 1, 2]},                  index in kinds
 *  "critical_path": {"row": [0, 1, 2, 1, 0], "start": [...], "end": [...]}}   segments in time order
 * }</pre>
 *
 * <p>Flags: {@link #ORPHAN} (its parent is absent: a root, drawn as such), {@link #DUPLICATE} (its id came
 * more than once; this row is the copy the tree kept), {@link #CYCLE} (a member of a parent loop),
 * {@link #CYCLE_CUT} (the member the loop was cut at, now a root), {@link #CRITICAL} (owns time on the
 * critical path) and {@link #ERROR} (failed, by {@link StoredSpan#failed()}). Every verdict is the tree's; the viewer
 * only draws them. Span ids are Zipkin's, always 16 lowercase hex characters, so they are one string
 * rather than a string each: a million of them are one allocation in the page, not a million.
 */
public record TraceView(String traceId, int spanCount, int depth, long start, long duration, List<String> services,
		List<String> names, List<String> kinds, int orphans, List<String> duplicates, List<List<String>> cycles,
		Rows rows, Segments criticalPath) {

	/** The parent named by the span is absent. */
	public static final int ORPHAN = 1;

	/** The span id came more than once; the row is the first copy. */
	public static final int DUPLICATE = 2;

	/** A member of a parent-link loop. */
	public static final int CYCLE = 4;

	/** The loop member whose parent link was cut; it is drawn as a root. */
	public static final int CYCLE_CUT = 8;

	/** The span owns at least one segment of the critical path. */
	public static final int CRITICAL = 16;

	/** The span failed ({@link StoredSpan#failed()}: it has an {@code error} tag). */
	public static final int ERROR = 32;

	/** Zipkin's span ids: 16 lowercase hex characters, left-padded by its {@code Span.Builder}. */
	static final int SPAN_ID_LENGTH = 16;

	/**
	 * The columns, one entry per row.
	 *
	 * @param spanIds the ids, 16 characters each, concatenated
	 * @param depth spans from the root, 1 for a root
	 * @param parent the parent's row, -1 for a root
	 * @param flags the bits {@link #ORPHAN} to {@link #ERROR}
	 * @param start microseconds after the trace's start
	 * @param duration microseconds, 0 when unknown
	 * @param service index in {@code services}
	 * @param name index in {@code names}
	 * @param kind index in {@code kinds}
	 */
	public record Rows(String spanIds, int[] depth, int[] parent, int[] flags, long[] start, long[] duration,
			int[] service, int[] name, int[] kind) {
	}

	/**
	 * Critical-path segments in time order.
	 *
	 * @param row the row that owns the segment
	 * @param start microseconds after the trace's start
	 * @param end microseconds after the trace's start
	 */
	public record Segments(int[] row, long[] start, long[] end) {
	}

	/**
	 * Builds the view of a tree of stored spans, rows by {@link #inRowOrder}.
	 *
	 * @param tree the tree, never null
	 * @return the document
	 */
	public static TraceView of(TraceTree<StoredSpan> tree) {
		if (tree == null) {
			throw new NullPointerException("tree == null");
		}
		int n = tree.spanCount();
		CriticalPath<StoredSpan> path = CriticalPath.of(tree);
		Set<Node<StoredSpan>> critical = new HashSet<>(path.nodes());
		Map<String, Integer> marked = markedIds(tree);

		StringBuilder spanIds = new StringBuilder(n * SPAN_ID_LENGTH);
		int[] depth = new int[n];
		int[] parent = new int[n];
		int[] flags = new int[n];
		long[] start = new long[n];
		long[] duration = new long[n];
		int[] service = new int[n];
		int[] name = new int[n];
		int[] kind = new int[n];
		StringTable services = new StringTable();
		StringTable names = new StringTable();
		StringTable kinds = new StringTable();
		kinds.indexOf("");
		Map<Node<StoredSpan>, Integer> rowOfPathNode = new HashMap<>();

		long[] bounds = { Long.MAX_VALUE, Long.MIN_VALUE };
		inRowOrder(tree, (row, parentRow, node) -> {
			Span span = node.span().span();
			String id = span.id();
			spanIds.append(id);
			depth[row] = node.depth();
			parent[row] = parentRow;
			int bits = marked.getOrDefault(id, 0);
			if (node.orphan()) {
				bits |= ORPHAN;
			}
			if (critical.contains(node)) {
				bits |= CRITICAL;
				rowOfPathNode.put(node, row);
			}
			if (node.span().failed()) {
				bits |= ERROR;
			}
			flags[row] = bits;
			long timestamp = span.timestampAsLong();
			start[row] = timestamp;
			duration[row] = span.durationAsLong();
			if (timestamp != 0) {
				bounds[0] = Math.min(bounds[0], timestamp);
				bounds[1] = Math.max(bounds[1], timestamp + duration[row]);
			}
			service[row] = services.indexOf(span.localServiceName());
			name[row] = names.indexOf(span.name());
			kind[row] = kinds.indexOf((span.kind() != null) ? span.kind().name().toLowerCase(Locale.ROOT) : "");
		});
		long traceStart = bounds[0];
		long traceEnd = bounds[1];
		boolean timed = traceStart != Long.MAX_VALUE;
		long origin = timed ? traceStart : 0L;
		for (int r = 0; r < n; r++) {
			// an unknown start stays 0, the trace's start, rather than decades before it
			start[r] = (start[r] != 0) ? start[r] - origin : 0L;
		}

		List<CriticalPath.Segment<StoredSpan>> segments = path.segments();
		int[] segmentRow = new int[segments.size()];
		long[] segmentStart = new long[segments.size()];
		long[] segmentEnd = new long[segments.size()];
		for (int i = 0; i < segments.size(); i++) {
			CriticalPath.Segment<StoredSpan> segment = segments.get(i);
			segmentRow[i] = rowOfPathNode.get(segment.node());
			segmentStart[i] = Math.max(0L, segment.startMicros() - origin);
			segmentEnd[i] = Math.max(0L, segment.endMicros() - origin);
		}

		List<String> traceIds = tree.traceIds();
		return new TraceView(traceIds.isEmpty() ? null : traceIds.get(0), n, tree.depth(), origin,
				timed ? traceEnd - traceStart : 0L, services.values(), names.values(), kinds.values(),
				tree.orphans().size(), tree.duplicateIds(), tree.cycles(),
				new Rows(spanIds.toString(), depth, parent, flags, start, duration, service, name, kind),
				new Segments(segmentRow, segmentStart, segmentEnd));
	}

	/** Called for each row, in row order. */
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
	 * Visits a tree's spans in the document's row order: depth-first, preorder, roots and children in the
	 * tree's order. The one definition of a row number, for the document and for anything that answers
	 * with rows (find). Iterative: two arrays as the stack, however deep the tree.
	 *
	 * @param tree the tree, never null
	 * @param visitor called once per span
	 */
	public static <S extends SpanLink> void inRowOrder(TraceTree<S> tree, RowVisitor<S> visitor) {
		int n = tree.spanCount();
		// Every span is pushed once, so n entries always suffice.
		@SuppressWarnings("unchecked")
		Node<S>[] nodes = new Node[n];
		int[] parentRows = new int[n];
		int top = 0;
		List<Node<S>> roots = tree.roots();
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

	/** The flags that come from the tree's lists of ids: duplicates, cycle members, cut points. */
	private static Map<String, Integer> markedIds(TraceTree<StoredSpan> tree) {
		Map<String, Integer> marked = new HashMap<>();
		for (String id : tree.duplicateIds()) {
			marked.merge(id, DUPLICATE, (a, b) -> a | b);
		}
		for (List<String> cycle : tree.cycles()) {
			for (String id : cycle) {
				marked.merge(id, CYCLE, (a, b) -> a | b);
			}
			// cycles() lists each loop from the member it was cut at
			marked.merge(cycle.get(0), CYCLE_CUT, (a, b) -> a | b);
		}
		return marked;
	}

	/** Strings by first use, each stored once; null is the empty string. */
	private static final class StringTable {

		private final Map<String, Integer> indexes = new LinkedHashMap<>();

		int indexOf(String value) {
			String key = (value != null) ? value : "";
			Integer index = indexes.get(key);
			if (index == null) {
				index = indexes.size();
				indexes.put(key, index);
			}
			return index;
		}

		List<String> values() {
			return new ArrayList<>(indexes.keySet());
		}

	}

}
