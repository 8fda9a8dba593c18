package dev.tracer.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import zipkin2.Annotation;
import zipkin2.Span;

import dev.tracer.core.breaks.Callee;
import dev.tracer.core.tree.ClockSkew;
import dev.tracer.core.tree.CriticalPath;
import dev.tracer.core.tree.SpanTimes;
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
 *    "kind":     [1, 2, 1, 2],                   index in kinds
 *    "server":   [-1, 1, -1, -1],                an RPC's server service, index in services; -1 if none
 *    "shift":    [0, 0, 32300, 0],               microseconds drawn after the recorded start (skew)
 *    "host":     [1, 1, 2, 1],                   index in hosts: whose clock stamped the span
 *    "remote":   [-1, 1, 2, -1]},                the callee, index in services; -1 if none (see below)
 *  "critical_path": {"row": [0, 1, 2, 1, 0], "start": [...], "end": [...],   segments in time order
 *                    "handed_off": [false, ...]},   reached past its parent's end (CriticalPath rule 5)
 *  "annotations": {"row": [2], "at": [160], "value": [0], "shift": [0]},      one entry per annotation
 *  "annotation_values": ["ws"],
 *  "skews": {"row": [2], "server_half": [false], "shift": [32300], "from_service": [0], "to_service": [1],
 *            "from_host": [1], "to_host": [2]},          one entry per move of the skew rule
 *  "hosts": ["", "frontend@10.0.0.1", "backend@10.0.0.2"]}
 * }</pre>
 *
 * <p>Each RPC, a client and a server span that shared one id, is one row ({@link StoredSpan#rpcs},
 * flag {@link #SHARED}); its server half's service is in {@code server}. Times are placed by
 * {@link ClockSkew} (docs/design.md, decision 14): {@code start} is as recorded and {@code shift} says
 * where the row is drawn; the critical path is computed on the placed times; {@code skews} lists each
 * move the rule decided, with both services, so the page can mark it and offer the recorded times.
 *
 * <p>{@code remote} is whom the row's span called, by {@link Callee}'s one rule (the remote endpoint's
 * service, {@code peer.service}, {@code db.system}, {@code server.address}, ...; for an RPC its server
 * half's service): the callee of a client or producer span, the broker of a consumer; a server span's
 * remote endpoint is its caller, so it names none. Callee names join the {@code services} table, so
 * the page colours, lists and finds them as it does the services that wrote spans. Annotations are
 * both halves' (an RPC's server half's with {@code server_half} set), {@code at} is microseconds after
 * the trace's start as recorded, and {@code shift} where the skew rule drew its half.
 *
 * <p>Flags: {@link #ORPHAN} (its parent is absent: a root, drawn as such), {@link #DUPLICATE} (its id came
 * more than once; this row is the copy the tree kept), {@link #CYCLE} (a member of a parent loop),
 * {@link #CYCLE_CUT} (the member the loop was cut at, now a root), {@link #CRITICAL} (owns time on the
 * critical path), {@link #ERROR} (failed, by {@link StoredSpan#failed()}), {@link #SHARED} (an RPC's two
 * halves) and {@link #SHIFTED} (drawn at a shift from its recorded times). Every verdict is the tree's; the viewer
 * only draws them. Span ids are Zipkin's, always 16 lowercase hex characters, so they are one string
 * rather than a string each: a million of them are one allocation in the page, not a million.
 */
public record TraceView(String traceId, int spanCount, int depth, long start, long duration, List<String> services,
		List<String> names, List<String> kinds, int orphans, List<String> duplicates, List<List<String>> cycles,
		Rows rows, Segments criticalPath, Skews skews, List<String> hosts, Annotations annotations,
		List<String> annotationValues) {

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

	/** The span (either half of an RPC) failed ({@link StoredSpan#failed()}). */
	public static final int ERROR = 32;

	/** The row is one RPC: a client and a server span that shared one span id (its server's service in {@code server}). */
	public static final int SHARED = 64;

	/** The row is drawn shifted from its recorded times ({@code shift}): clock skew, its own or its parent's. */
	public static final int SHIFTED = 128;

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
	 * @param server for an RPC ({@link #SHARED}), its server half's service, index in {@code services}; else -1
	 * @param shift microseconds the row is drawn after its recorded {@code start} (negative: before), by
	 * {@link ClockSkew}'s rule; 0 for nearly every row
	 * @param host the host whose clock stamped the span (its client half's, for an RPC), index in
	 * {@code hosts}; 0, the empty string, when unknown
	 * @param remote the callee ({@link #callee}), index in {@code services}; -1 when none is named
	 */
	public record Rows(String spanIds, int[] depth, int[] parent, int[] flags, long[] start, long[] duration,
			int[] service, int[] name, int[] kind, int[] server, long[] shift, int[] host, int[] remote) {
	}

	/**
	 * The spans' annotations (Zipkin's; OTLP's events), in row order, each half's in its recorded order.
	 *
	 * @param row the row
	 * @param at microseconds after the trace's start, as recorded
	 * @param value index in {@code annotation_values}
	 * @param shift microseconds the skew rule drew the annotation's half after its recorded times
	 * @param serverHalf whether it is an RPC's server half's
	 */
	public record Annotations(int[] row, long[] at, int[] value, long[] shift, boolean[] serverHalf) {
	}

	/**
	 * Where {@link ClockSkew} moved a span (or an RPC's server half) because it lay outside its parent on
	 * another host: what the viewer marks, as "shifted by 12.3 ms: clock skew between orders and payments".
	 * Rows below it on its host move with it (their {@code shift}) and carry no mark of their own. Columns,
	 * one entry per move, as the rows are: a trace can have a move per span.
	 *
	 * @param row the row
	 * @param serverHalf whether the server half of the row's RPC was moved, not the row's own times
	 * @param shift microseconds added to the recorded times
	 * @param fromService the service it was placed against, index in {@code services}
	 * @param toService the service whose clock was off, index in {@code services}
	 * @param fromHost the host it was placed against, index in {@code hosts}
	 * @param toHost the host whose clock was off, index in {@code hosts}
	 */
	public record Skews(int[] row, boolean[] serverHalf, long[] shift, int[] fromService, int[] toService,
			int[] fromHost, int[] toHost) {
	}

	/**
	 * Critical-path segments in time order.
	 *
	 * @param row the row that owns the segment
	 * @param start microseconds after the trace's start
	 * @param end microseconds after the trace's start
	 * @param handedOff whether the path reached the segment's span past its parent's end, across an
	 * asynchronous hand-off ({@link CriticalPath#handedOff()}): time before it that no span covers is a
	 * message waiting, not work
	 */
	public record Segments(int[] row, long[] start, long[] end, boolean[] handedOff) {
	}

	/**
	 * Whom a span called, by {@link Callee}'s one rule: for an RPC its server half's service, for a
	 * client, producer, consumer or local span what its remote endpoint and tags name; null for a server
	 * span, whose remote endpoint is its caller, and when nothing names one.
	 *
	 * @param span the span, never null
	 * @return the callee's name, or null
	 */
	public static String callee(StoredSpan span) {
		if (!span.rpc() && span.span().kind() == Span.Kind.SERVER) {
			return null;
		}
		return Callee.of(span).name();
	}

	/**
	 * Builds the view of a tree of stored spans, rows by {@link TraceTree#inRowOrder}.
	 *
	 * @param tree the tree, never null
	 * @return the document
	 */
	public static TraceView of(TraceTree<StoredSpan> tree) {
		if (tree == null) {
			throw new NullPointerException("tree == null");
		}
		int n = tree.spanCount();
		ClockSkew<StoredSpan> skew = ClockSkew.of(tree, StoredSpan.clocks());
		CriticalPath<StoredSpan> path = CriticalPath.of(tree, skew, StoredSpan::messaging);
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
		int[] server = new int[n];
		long[] shift = new long[n];
		int[] host = new int[n];
		int[] remote = new int[n];
		AnnotationColumns annotations = new AnnotationColumns();
		StringTable hosts = new StringTable();
		hosts.indexOf("");
		Map<Node<StoredSpan>, Integer> rowOfSkewed = new HashMap<>();
		for (ClockSkew.Skew<StoredSpan> moved : skew.skews()) {
			rowOfSkewed.put(moved.node(), -1);
		}
		StringTable services = new StringTable();
		StringTable names = new StringTable();
		StringTable kinds = new StringTable();
		kinds.indexOf("");
		Map<Node<StoredSpan>, Integer> rowOfPathNode = new HashMap<>();

		long[] bounds = { Long.MAX_VALUE, Long.MIN_VALUE };
		tree.inRowOrder((row, parentRow, node) -> {
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
			long timestamp = span.timestampAsLong();
			start[row] = timestamp;
			duration[row] = span.durationAsLong();
			if (timestamp != 0) {
				shift[row] = skew.shift(node);
				// the document spans both the recorded and the placed times: the page can show either
				long placed = SpanTimes.plus(timestamp, shift[row]);
				bounds[0] = Math.min(bounds[0], Math.min(timestamp, placed));
				bounds[1] = Math.max(bounds[1], SpanTimes.end(Math.max(timestamp, placed), duration[row]));
			}
			if (shift[row] != 0) {
				bits |= SHIFTED;
			}
			service[row] = services.indexOf(span.localServiceName());
			if (node.span().rpc()) {
				bits |= SHARED;
				server[row] = services.indexOf(node.span().server().localServiceName());
			}
			else {
				server[row] = -1;
			}
			flags[row] = bits;
			host[row] = hosts.indexOf(StoredSpan.clocks().host(node.span()));
			if (rowOfSkewed.containsKey(node)) {
				rowOfSkewed.put(node, row);
			}
			name[row] = names.indexOf(span.name());
			String callee = callee(node.span());
			remote[row] = (callee != null) ? services.indexOf(callee) : -1;
			annotations.add(row, span, shift[row], false);
			if (node.span().rpc()) {
				annotations.add(row, node.span().server(), skew.serverShift(node), true);
			}
			kind[row] = kinds.indexOf((span.kind() != null) ? span.kind().name().toLowerCase(Locale.ROOT) : "");
		});
		long traceStart = bounds[0];
		long traceEnd = bounds[1];
		boolean timed = traceStart != Long.MAX_VALUE;
		long origin = timed ? traceStart : 0L;
		for (int r = 0; r < n; r++) {
			// an unknown start stays 0, the trace's start, rather than decades before it
			start[r] = (start[r] != 0) ? SpanTimes.minus(start[r], origin) : 0L;
		}
		annotations.relativeTo(origin);

		int moves = skew.skews().size();
		Skews skews = new Skews(new int[moves], new boolean[moves], new long[moves], new int[moves], new int[moves],
				new int[moves], new int[moves]);
		for (int i = 0; i < moves; i++) {
			ClockSkew.Skew<StoredSpan> moved = skew.skews().get(i);
			int row = rowOfSkewed.get(moved.node());
			skews.row()[i] = row;
			skews.serverHalf()[i] = moved.serverHalf();
			skews.shift()[i] = moved.shiftMicros();
			skews.fromService()[i] = frameService(row, moved.serverHalf(), parent, service, server);
			skews.toService()[i] = moved.serverHalf() ? server[row] : service[row];
			skews.fromHost()[i] = hosts.indexOf(moved.parentHost());
			skews.toHost()[i] = hosts.indexOf(moved.host());
		}

		List<CriticalPath.Segment<StoredSpan>> segments = path.segments();
		int[] segmentRow = new int[segments.size()];
		long[] segmentStart = new long[segments.size()];
		long[] segmentEnd = new long[segments.size()];
		boolean[] handedOff = new boolean[segments.size()];
		for (int i = 0; i < segments.size(); i++) {
			CriticalPath.Segment<StoredSpan> segment = segments.get(i);
			handedOff[i] = path.handedOff().contains(segment.node());
			segmentRow[i] = rowOfPathNode.get(segment.node());
			segmentStart[i] = SpanTimes.between(origin, segment.startMicros());
			segmentEnd[i] = SpanTimes.between(origin, segment.endMicros());
		}

		List<String> traceIds = tree.traceIds();
		return new TraceView(traceIds.isEmpty() ? null : traceIds.get(0), n, tree.depth(), origin,
				timed ? SpanTimes.between(traceStart, traceEnd) : 0L, services.values(), names.values(), kinds.values(),
				tree.orphans().size(), tree.duplicateIds(), tree.cycles(),
				new Rows(spanIds.toString(), depth, parent, flags, start, duration, service, name, kind, server, shift,
						host, remote),
				new Segments(segmentRow, segmentStart, segmentEnd, handedOff), skews, hosts.values(),
				annotations.columns(), annotations.values.values());
	}

	/**
	 * The service a moved span was placed against: its own client half for an RPC's server half, else
	 * its parent row's server half when that is an RPC (the children are the server's work), else its
	 * parent row.
	 */
	private static int frameService(int row, boolean serverHalf, int[] parent, int[] service, int[] server) {
		if (serverHalf) {
			return service[row];
		}
		int p = parent[row];
		if (p < 0) {
			return service[row];
		}
		return (server[p] >= 0) ? server[p] : service[p];
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
		}
		for (String id : tree.cycleCuts()) {
			marked.merge(id, CYCLE_CUT, (a, b) -> a | b);
		}
		return marked;
	}

	/** The annotations' columns as they grow, row by row. */
	private static final class AnnotationColumns {

		final StringTable values = new StringTable();

		private int count;

		private int[] row = new int[0];

		private long[] at = new long[0];

		private int[] value = new int[0];

		private long[] shift = new long[0];

		private boolean[] serverHalf = new boolean[0];

		void add(int spanRow, Span half, long halfShift, boolean server) {
			for (Annotation annotation : half.annotations()) {
				if (count == row.length) {
					int capacity = Math.max(16, count * 2);
					row = Arrays.copyOf(row, capacity);
					at = Arrays.copyOf(at, capacity);
					value = Arrays.copyOf(value, capacity);
					shift = Arrays.copyOf(shift, capacity);
					serverHalf = Arrays.copyOf(serverHalf, capacity);
				}
				row[count] = spanRow;
				at[count] = annotation.timestamp();
				value[count] = values.indexOf(annotation.value());
				shift[count] = halfShift;
				serverHalf[count] = server;
				count++;
			}
		}

		void relativeTo(long origin) {
			for (int i = 0; i < count; i++) {
				at[i] = (at[i] != 0) ? SpanTimes.minus(at[i], origin) : 0L;
			}
		}

		Annotations columns() {
			return new Annotations(Arrays.copyOf(row, count), Arrays.copyOf(at, count), Arrays.copyOf(value, count),
					Arrays.copyOf(shift, count), Arrays.copyOf(serverHalf, count));
		}

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
