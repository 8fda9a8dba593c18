package dev.tracer.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.core.JsonGenerator;
import zipkin2.Span;

import dev.tracer.core.breaks.Callee;
import dev.tracer.core.tree.SpanLink;
import dev.tracer.core.tree.TraceTree.Node;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;

/**
 * The trace document served by {@code POST /api/traces/reconstruct} and {@code GET /api/traces/{id}}:
 * built as plain ordered maps and lists ({@link #of}) that the web layer writes as JSON, or written as
 * JSON while the tree is walked ({@link #write}), so that a trace of any size costs the reader no more
 * memory than its tree. Keys are in the order shown:
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
	 * The document of a tree, built in memory: for documents bounded by something else (a request body
	 * the size of which is limited). A stored trace is written with {@link #write} instead.
	 *
	 * <p>{@code trace_id} is the single trace id, null if no span has one, and the first in input order
	 * when there are several: the caller decides whether several is an error.
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
		requireArguments(tree, spanFields);
		List<String> traceIds = tree.traceIds();
		MapSink<S> sink = new MapSink<>();
		walk(tree, traceIds.isEmpty() ? null : traceIds.get(0), spanFields, sink);
		return sink.document;
	}

	/**
	 * Writes the document of a tree as it walks it, node by node: the memory it takes is the walk's
	 * stack and one node's fields, whatever the size of the trace. The keys are those of {@link #of}, in
	 * the same order, then {@code trailing}'s; the values are written by the generator's codec, as the
	 * same codec writes the document of {@code of}, so both give the same bytes.
	 *
	 * <p>The depth is checked before anything is written: a refused trace leaves the output untouched.
	 *
	 * @param tree the tree, never null
	 * @param traceId the document's {@code trace_id}, in tracer's one form ({@code TraceId#value}: 32
	 * lowercase hex, whatever form the request named it by)
	 * @param spanFields as for {@link #of}
	 * @param trailing members written after {@code tree}, in the map's order; never null
	 * @param out where the document goes, a complete JSON value; not closed
	 * @throws TraceTooDeepException if {@code tree.depth() > MAX_NESTED_DEPTH}
	 * @throws IllegalArgumentException if spanFields returns a key a node already has
	 * @throws tools.jackson.core.JacksonException if the output fails; the document is then cut short
	 */
	public static <S extends SpanLink> void write(TraceTree<S> tree, String traceId,
			Function<S, Map<String, Object>> spanFields, Map<String, Object> trailing, JsonGenerator out) {
		requireArguments(tree, spanFields);
		if (trailing == null) {
			throw new NullPointerException("trailing == null");
		}
		if (out == null) {
			throw new NullPointerException("out == null");
		}
		if (tree.depth() > MAX_NESTED_DEPTH) {
			throw new TraceTooDeepException(tree.depth());
		}
		walk(tree, traceId, spanFields, new GeneratorSink<>(out));
		writeMembers(trailing, out);
		out.writeEndObject();
	}

	private static <S extends SpanLink> void requireArguments(TraceTree<S> tree,
			Function<S, Map<String, Object>> spanFields) {
		if (tree == null) {
			throw new NullPointerException("tree == null");
		}
		if (spanFields == null) {
			throw new NullPointerException("spanFields == null");
		}
	}

	/** Each member as the generator's codec writes its value, in the map's order. */
	private static void writeMembers(Map<String, Object> members, JsonGenerator out) {
		for (Map.Entry<String, Object> member : members.entrySet()) {
			out.writePOJOProperty(member.getKey(), member.getValue());
		}
	}

	/**
	 * The one walk both forms share: the document's head, then the tree depth-first without recursion
	 * (an explicit stack, children in the tree's order), each node opened before its children and closed
	 * after them. The sink leaves the document open after {@code tree}.
	 */
	private static <S extends SpanLink> void walk(TraceTree<S> tree, String traceId,
			Function<S, Map<String, Object>> spanFields, Sink<S> sink) {
		// Checked before any work: a refused trace costs nothing.
		if (tree.depth() > MAX_NESTED_DEPTH) {
			throw new TraceTooDeepException(tree.depth());
		}
		List<String> roots = new ArrayList<>(tree.roots().size());
		for (Node<S> root : tree.roots()) {
			roots.add(root.span().spanId());
		}
		List<String> orphans = new ArrayList<>(tree.orphans().size());
		for (S orphan : tree.orphans()) {
			orphans.add(orphan.spanId());
		}
		List<List<String>> cycles = new ArrayList<>(tree.cycles().size());
		for (List<String> cycle : tree.cycles()) {
			cycles.add(new ArrayList<>(cycle));
		}
		Map<String, Object> head = new LinkedHashMap<>(16);
		head.put("trace_id", traceId);
		head.put("span_count", tree.spanCount());
		head.put("depth", tree.depth());
		head.put("roots", roots);
		head.put("orphans", orphans);
		head.put("duplicates", new ArrayList<>(tree.duplicateIds()));
		head.put("cycles", cycles);
		sink.head(head);

		// A null on the stack closes the node opened before its children were pushed. Siblings are pushed
		// last to first so they are popped, and written, first to last.
		ArrayDeque<Optional<Node<S>>> stack = new ArrayDeque<>();
		pushAll(stack, tree.roots());
		while (!stack.isEmpty()) {
			Optional<Node<S>> next = stack.pop();
			if (next.isEmpty()) {
				sink.closeNode();
				continue;
			}
			Node<S> node = next.get();
			sink.openNode(node, checkedFields(node.span(), spanFields));
			stack.push(Optional.empty());
			pushAll(stack, node.children());
		}
		sink.endTree();
	}

	private static <S extends SpanLink> void pushAll(ArrayDeque<Optional<Node<S>>> stack, List<Node<S>> nodes) {
		for (int i = nodes.size() - 1; i >= 0; i--) {
			stack.push(Optional.of(nodes.get(i)));
		}
	}

	private static <S extends SpanLink> Map<String, Object> checkedFields(S span,
			Function<S, Map<String, Object>> spanFields) {
		Map<String, Object> fields = spanFields.apply(span);
		if (fields == null) {
			throw new NullPointerException("spanFields returned null for span " + span.spanId());
		}
		for (String key : fields.keySet()) {
			if (NODE_KEYS.contains(key)) {
				throw new IllegalArgumentException("spanFields returned \"" + key
						+ "\", a key every node already has, for span " + span.spanId());
			}
		}
		return fields;
	}

	/** Where the walk puts the document: maps in memory, or JSON tokens on their way out. */
	private interface Sink<S extends SpanLink> {

		/** The document's members before {@code tree}, in order; the tree follows. */
		void head(Map<String, Object> members);

		/** A node's own keys and its span's fields; its children follow, then {@link #closeNode}. */
		void openNode(Node<S> node, Map<String, Object> fields);

		void closeNode();

		void endTree();

	}

	/** Builds the ordered maps and lists of {@link #of}. */
	private static final class MapSink<S extends SpanLink> implements Sink<S> {

		private final Map<String, Object> document = new LinkedHashMap<>();

		/** The children lists of the open nodes, innermost first; the document's tree at the bottom. */
		private final ArrayDeque<List<Object>> open = new ArrayDeque<>();

		@Override
		public void head(Map<String, Object> members) {
			document.putAll(members);
			List<Object> top = new ArrayList<>();
			document.put("tree", top);
			open.push(top);
		}

		@Override
		public void openNode(Node<S> node, Map<String, Object> fields) {
			S span = node.span();
			Map<String, Object> map = new LinkedHashMap<>(8 + fields.size() * 2);
			map.put("span_id", span.spanId());
			map.put("parent_span_id", span.parentId());
			map.put("depth", node.depth());
			map.put("orphan", node.orphan());
			map.putAll(fields);
			List<Object> children = new ArrayList<>(node.children().size());
			map.put("children", children);
			open.element().add(map);
			open.push(children);
		}

		@Override
		public void closeNode() {
			open.pop();
		}

		@Override
		public void endTree() {
			open.pop();
		}

	}

	/** Writes JSON tokens as the walk comes to them; the document object stays open for its trailer. */
	private static final class GeneratorSink<S extends SpanLink> implements Sink<S> {

		private final JsonGenerator out;

		GeneratorSink(JsonGenerator out) {
			this.out = out;
		}

		@Override
		public void head(Map<String, Object> members) {
			out.writeStartObject();
			writeMembers(members, out);
			out.writeName("tree");
			out.writeStartArray();
		}

		@Override
		public void openNode(Node<S> node, Map<String, Object> fields) {
			S span = node.span();
			out.writeStartObject();
			out.writeName("span_id");
			writeValue(span.spanId());
			out.writeName("parent_span_id");
			writeValue(span.parentId());
			out.writeNumberProperty("depth", node.depth());
			out.writeBooleanProperty("orphan", node.orphan());
			for (Map.Entry<String, Object> field : fields.entrySet()) {
				out.writeName(field.getKey());
				writeValue(field.getValue());
			}
			out.writeName("children");
			out.writeStartArray();
		}

		/**
		 * The values span fields hold written by hand, as the codec writes them: looking a serializer up
		 * for each of them was most of the time a big trace took to write. Anything else goes to the codec.
		 */
		private void writeValue(Object value) {
			if (value == null) {
				out.writeNull();
			}
			else if (value instanceof String text) {
				out.writeString(text);
			}
			else if (value instanceof Long number) {
				out.writeNumber(number);
			}
			else if (value instanceof Integer number) {
				out.writeNumber(number);
			}
			else if (value instanceof Boolean bool) {
				out.writeBoolean(bool);
			}
			else if (value instanceof Map<?, ?> map && stringsOnly(map)) {
				out.writeStartObject();
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					out.writeStringProperty((String) entry.getKey(), (String) entry.getValue());
				}
				out.writeEndObject();
			}
			else {
				out.writePOJO(value);
			}
		}

		private static boolean stringsOnly(Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof String)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public void closeNode() {
			out.writeEndArray();
			out.writeEndObject();
		}

		@Override
		public void endTree() {
			out.writeEndArray();
		}

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
		fields.put("kind", EnumNames.lowercase(zipkin.kind()));
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
	 * callee             {"name": "memcache", "basis": "remoteEndpoint.serviceName"}: whom it called, by
	 *                    TraceView.callee (the row's remote); null when none
	 * local_endpoint     {"service_name": "frontend", "ipv4": "10.0.0.1", "ipv6": null, "port": 8080}, or null
	 * remote_endpoint    the same four fields, or null
	 * server_local_endpoint, server_remote_endpoint   an RPC's server half's (only for an RPC)
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
			fields.put("server_local_endpoint", endpoint(span.server().localEndpoint()));
			fields.put("server_remote_endpoint", endpoint(span.server().remoteEndpoint()));
		}
		String callee = TraceView.callee(span);
		fields.put("callee", (callee != null) ? Map.of("name", callee, "basis", Callee.of(span).basis()) : null);
		fields.put("local_endpoint", endpoint(span.span().localEndpoint()));
		fields.put("remote_endpoint", endpoint(span.span().remoteEndpoint()));
		return fields;
	}

	private static Map<String, Object> endpoint(zipkin2.Endpoint endpoint) {
		if (endpoint == null) {
			return null;
		}
		Map<String, Object> fields = new LinkedHashMap<>(8);
		fields.put("service_name", endpoint.serviceName());
		fields.put("ipv4", endpoint.ipv4());
		fields.put("ipv6", endpoint.ipv6());
		fields.put("port", endpoint.port());
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

}
