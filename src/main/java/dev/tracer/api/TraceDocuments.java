package dev.tracer.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import zipkin2.Span;

import dev.tracer.core.tree.SpanLink;
import dev.tracer.core.tree.TraceTree.Node;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;

/**
 * The trace document served by {@code POST /api/traces/reconstruct} and {@code GET /api/traces/{id}},
 * as plain ordered maps and lists ({@link LinkedHashMap}, {@link ArrayList}) that the web layer writes
 * as JSON. Keys are in the order shown:
 *
 * <pre>{@code
 * {"trace_id": "4bf9...", "span_count": 5, "depth": 3,
 *  "roots": ["s1", "s5"], "orphans": ["s5"], "duplicates": ["s2"], "cycles": [["c1", "c2"]],
 *  "tree": [
 *    {"span_id": "s1", "parent_span_id": null, "depth": 1, "orphan": false, <span fields>,
 *     "children": [
 *       {"span_id": "s2", "parent_span_id": "s1", "depth": 2, "orphan": false, <span fields>,
 *        "children": []}]},
 *    {"span_id": "s5", "parent_span_id": "s9", "depth": 1, "orphan": true, <span fields>,
 *     "children": []}]}
 * }</pre>
 *
 * <p>The tree is nested because that is what a viewer draws; the price is two JSON nesting levels per
 * span level (the node object and its children array), and JSON writers and readers cap nesting
 * (Jackson at 1000). So a tree deeper than {@link #MAX_NESTED_DEPTH} is refused with
 * {@link TraceTooDeepException} rather than failing half-written in the writer.
 */
public final class TraceDocuments {

	/**
	 * Deepest tree that is served nested: each level is two JSON nesting levels and JSON writers and
	 * readers limit nesting (Jackson: 1000), which leaves room for the document's own levels.
	 */
	public static final int MAX_NESTED_DEPTH = 400;

	/** Keys every node has; span fields may not reuse them, or they would silently replace them. */
	private static final Set<String> NODE_KEYS = Set.of("span_id", "parent_span_id", "depth", "orphan", "children");

	private TraceDocuments() {
	}

	/**
	 * The document of a tree.
	 *
	 * <p>{@code trace_id} is the single trace id, null if no span has one, and the first in input order
	 * when there are several: the caller decides whether several is an error. Built without recursion:
	 * an explicit stack walks the tree depth-first, children in the tree's order.
	 *
	 * @param tree the tree, never null
	 * @param spanFields the fields of a span to put in its node, after the node's own keys and in the
	 * map's iteration order; never returns null
	 * @return the document, mutable and not shared
	 * @throws TraceTooDeepException if {@code tree.depth() > MAX_NESTED_DEPTH}
	 * @throws IllegalArgumentException if spanFields returns a key a node already has
	 */
	public static <S extends SpanLink> Map<String, Object> of(TraceTree<S> tree,
			Function<S, Map<String, Object>> spanFields) {
		if (tree == null) {
			throw new NullPointerException("tree == null");
		}
		if (spanFields == null) {
			throw new NullPointerException("spanFields == null");
		}
		// Checked before any work: a refused trace costs nothing.
		if (tree.depth() > MAX_NESTED_DEPTH) {
			throw new TraceTooDeepException(tree.depth());
		}
		Map<String, Object> document = new LinkedHashMap<>();
		List<String> traceIds = tree.traceIds();
		document.put("trace_id", traceIds.isEmpty() ? null : traceIds.get(0));
		document.put("span_count", tree.spanCount());
		document.put("depth", tree.depth());
		List<String> roots = new ArrayList<>(tree.roots().size());
		for (Node<S> root : tree.roots()) {
			roots.add(root.span().spanId());
		}
		document.put("roots", roots);
		List<String> orphans = new ArrayList<>(tree.orphans().size());
		for (S orphan : tree.orphans()) {
			orphans.add(orphan.spanId());
		}
		document.put("orphans", orphans);
		document.put("duplicates", new ArrayList<>(tree.duplicateIds()));
		List<List<String>> cycles = new ArrayList<>(tree.cycles().size());
		for (List<String> cycle : tree.cycles()) {
			cycles.add(new ArrayList<>(cycle));
		}
		document.put("cycles", cycles);
		List<Object> top = new ArrayList<>(tree.roots().size());
		document.put("tree", top);

		// Depth-first with an explicit stack of (node, the children list its map goes into). Siblings are
		// pushed last to first so they are popped, and appended, first to last.
		ArrayDeque<Pending<S>> stack = new ArrayDeque<>();
		pushAll(stack, tree.roots(), top);
		while (!stack.isEmpty()) {
			Pending<S> pending = stack.pop();
			Node<S> node = pending.node();
			List<Node<S>> children = node.children();
			List<Object> childMaps = new ArrayList<>(children.size());
			pending.into().add(nodeMap(node, spanFields, childMaps));
			pushAll(stack, children, childMaps);
		}
		return document;
	}

	private static <S extends SpanLink> void pushAll(ArrayDeque<Pending<S>> stack, List<Node<S>> nodes,
			List<Object> into) {
		for (int i = nodes.size() - 1; i >= 0; i--) {
			stack.push(new Pending<>(nodes.get(i), into));
		}
	}

	private static <S extends SpanLink> Map<String, Object> nodeMap(Node<S> node,
			Function<S, Map<String, Object>> spanFields, List<Object> children) {
		S span = node.span();
		Map<String, Object> fields = spanFields.apply(span);
		if (fields == null) {
			throw new NullPointerException("spanFields returned null for span " + span.spanId());
		}
		Map<String, Object> map = new LinkedHashMap<>(8 + fields.size() * 2);
		map.put("span_id", span.spanId());
		map.put("parent_span_id", span.parentId());
		map.put("depth", node.depth());
		map.put("orphan", node.orphan());
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			if (NODE_KEYS.contains(field.getKey())) {
				throw new IllegalArgumentException("spanFields returned \"" + field.getKey()
						+ "\", a key every node already has, for span " + span.spanId());
			}
			map.put(field.getKey(), field.getValue());
		}
		map.put("children", children);
		return map;
	}

	/**
	 * The span fields of a stored Zipkin span, in this order, absent values as null:
	 *
	 * <pre>{@code
	 * service   "frontend"           localServiceName
	 * name      "get /api"
	 * kind      "client"             lowercase, or null
	 * start     1700000000000000     timestamp, epoch microseconds
	 * duration  2500                 microseconds
	 * tags      {"http.method": "GET"}  sorted by key, as Zipkin keeps them; {} if none
	 * error     false                whether there is an "error" tag
	 * server    {service, name, ...}  an RPC's server half ({@link StoredSpan#rpcs}), the same seven
	 *                                 fields; absent for any other span
	 * }</pre>
	 *
	 * @param span the span, never null
	 * @return a new ordered map
	 */
	public static Map<String, Object> zipkinFields(StoredSpan span) {
		if (span == null) {
			throw new NullPointerException("span == null");
		}
		Map<String, Object> fields = halfFields(span.span());
		if (span.rpc()) {
			fields.put("server", halfFields(span.server()));
		}
		return fields;
	}

	private static Map<String, Object> halfFields(Span zipkin) {
		Map<String, Object> fields = new LinkedHashMap<>(16);
		fields.put("service", zipkin.localServiceName());
		fields.put("name", zipkin.name());
		fields.put("kind", (zipkin.kind() != null) ? zipkin.kind().name().toLowerCase(Locale.ROOT) : null);
		fields.put("start", zipkin.timestamp());
		fields.put("duration", zipkin.duration());
		fields.put("tags", new LinkedHashMap<String, Object>(zipkin.tags()));
		fields.put("error", zipkin.tags().containsKey("error"));
		return fields;
	}

	/**
	 * What a span's details add to {@link #zipkinFields}: where it ran and what it called, and its
	 * annotations, so nothing the instrumentation recorded is dropped:
	 *
	 * <pre>{@code
	 * local_address      "10.0.0.1"         the local endpoint's IPv4 or IPv6, or null
	 * remote_service     "postgresql"       the remote endpoint's service, or null
	 * annotations        [{"timestamp": 1700000000000100, "value": "ws"}]
	 * server_annotations [...]              an RPC's server half's (only for an RPC)
	 * server_address     "10.0.0.2"         an RPC's server half's local address (only for an RPC)
	 * }</pre>
	 *
	 * @param span the span, never null
	 * @return a new ordered map
	 */
	public static Map<String, Object> endpointFields(StoredSpan span) {
		Map<String, Object> fields = new LinkedHashMap<>(8);
		fields.put("local_address", address(span.span().localEndpoint()));
		fields.put("remote_service", span.span().remoteServiceName());
		fields.put("annotations", annotations(span.span()));
		if (span.rpc()) {
			fields.put("server_annotations", annotations(span.server()));
			fields.put("server_address", address(span.server().localEndpoint()));
		}
		return fields;
	}

	private static String address(zipkin2.Endpoint endpoint) {
		if (endpoint == null) {
			return null;
		}
		return (endpoint.ipv4() != null) ? endpoint.ipv4() : endpoint.ipv6();
	}

	private static List<Map<String, Object>> annotations(Span zipkin) {
		List<Map<String, Object>> annotations = new ArrayList<>(zipkin.annotations().size());
		for (zipkin2.Annotation annotation : zipkin.annotations()) {
			Map<String, Object> map = new LinkedHashMap<>(4);
			map.put("timestamp", annotation.timestamp());
			map.put("value", annotation.value());
			annotations.add(map);
		}
		return annotations;
	}

	/** A node waiting to be turned into a map, and the children list of its parent's map. */
	private record Pending<S extends SpanLink>(Node<S> node, List<Object> into) {
	}

}
