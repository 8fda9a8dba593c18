package dev.tracer.node;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.tree.SimpleSpan;
import dev.tracer.core.tree.SpanListReader;
import dev.tracer.node.Decoded.Unreadable;
import dev.tracer.node.Message.HttpRequest;
import dev.tracer.node.Message.Init;
import dev.tracer.node.Message.ParseTraceparent;
import dev.tracer.node.Message.ReconstructTrace;
import dev.tracer.node.Message.Refused;
import dev.tracer.node.Message.Request;

/**
 * Turns one frame of input into a {@link Message} (or {@link Unreadable} input), in two steps:
 * <ol>
 * <li><b>read</b>: Jackson's token stream is read to its end, and the members the node knows are picked
 * out as they stream past into {@link Members} (no data binding, which would cost start-up time, and no
 * map of the whole message). Everything else is still read in full by {@link JsonValues} and dropped, so
 * a syntax error anywhere in a message fails it, with Jackson's words and position, before any member
 * is judged; a member given twice keeps its last value, as a JSON object read into a map does;</li>
 * <li><b>check</b>: the members are judged in one fixed order, whatever order they came in: the
 * envelope's {@code src}, {@code dest} and {@code body}, then {@code msg_id}, {@code type}, and the
 * members that type needs. The first problem found is the answer.</li>
 * </ol>
 */
final class MessageDecoder {

	/**
	 * Each message gets a parser of its own, whose buffers come from this pool. Jackson's default pool is
	 * a concurrent deque, whose locking cost showed in the profile at a million messages a second; a node
	 * reads on one thread, so the buffers can stay with that thread.
	 */
	private final JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();

	/** The message in {@code bytes[0, length)}. */
	Decoded decode(byte[] bytes, int length) {
		Object value;
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), bytes, 0, length)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return unreadable(NodeError.malformed("malformed JSON: empty message"));
			}
			value = (first == JsonToken.START_OBJECT) ? members(parser) : JsonValues.read(parser, first);
			if (parser.nextToken() != null) {
				return unreadable(NodeError.malformed("malformed JSON: more than one value in one message"));
			}
		}
		catch (JacksonException ex) {
			return unreadable(NodeError.malformed("malformed JSON: " + JsonValues.describe(ex)));
		}
		catch (NodeError error) {
			return unreadable(error);
		}
		if (!(value instanceof Members message)) {
			return unreadable(NodeError.malformed("message: expected an object, found " + kindOf(value)));
		}
		return check(message);
	}

	// ---- read

	/**
	 * The members of one JSON object of a message, as read and not yet checked: each as {@link JsonValues}
	 * reads it ({@code null} when absent or JSON null), except that {@code body} is read as
	 * {@code Members} when it is an object, {@code headers} as {@link TraceparentMembers} and each object
	 * in {@code spans} as a {@link SpanMembers}. A message's own object may be an envelope or a bare body,
	 * so every object is read for the members of both; inside a body, {@code src}, {@code dest} and
	 * {@code body} are then ignored like any unknown member. Lives only while one message is decoded.
	 */
	private static final class Members {

		/** Whether there is a {@code body} member, even a null one: then the message is an envelope. */
		boolean hasBody;

		Object src;

		Object dest;

		Object body;

		/** Whether there is a {@code type} member, even a null one: then the object may be a bare body. */
		boolean hasType;

		Object type;

		Object msgId;

		Object nodeId;

		Object path;

		Object traceparent;

		Object policy;

		Object headers;

		Object spans;

	}

	/**
	 * The {@code traceparent} members of a {@code headers} object, named in any case, in the order they
	 * first appeared: no other header is looked at. A name given twice exactly keeps its last value.
	 */
	private record TraceparentMembers(Map<String, Object> byName) {
	}

	/**
	 * One object of {@code spans} as read: the core's {@link SpanListReader} decides what its members mean.
	 * @param hasParent whether there is a {@code parent} member, even a null one: it wins over
	 * {@code parent_span_id}
	 */
	private record SpanMembers(Object traceId, Object spanId, boolean hasParent, Object parent, Object parentSpanId)
			implements SpanListReader.Element {

		@Override
		public boolean has(String member) {
			// only the presence of "parent" is kept; the reader asks for nothing else
			return member.equals("parent") ? hasParent : get(member) != null;
		}

		@Override
		public Object get(String member) {
			return switch (member) {
				case "trace_id" -> traceId;
				case "span_id" -> spanId;
				case "parent" -> parent;
				case "parent_span_id" -> parentSpanId;
				default -> null;
			};
		}

	}

	private static Members members(JsonParser parser) {
		Members members = new Members();
		for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
			String name = parser.currentName();
			JsonToken token = parser.nextToken();
			switch (name) {
				case "src" -> members.src = JsonValues.read(parser, token);
				case "dest" -> members.dest = JsonValues.read(parser, token);
				case "body" -> {
					members.hasBody = true;
					members.body = (token == JsonToken.START_OBJECT) ? members(parser) : JsonValues.read(parser, token);
				}
				case "type" -> {
					members.hasType = true;
					members.type = JsonValues.read(parser, token);
				}
				case "msg_id" -> members.msgId = JsonValues.read(parser, token);
				case "node_id" -> members.nodeId = JsonValues.read(parser, token);
				case "path" -> members.path = JsonValues.read(parser, token);
				case "traceparent" -> members.traceparent = JsonValues.read(parser, token);
				case "policy" -> members.policy = JsonValues.read(parser, token);
				case "headers" -> members.headers = (token == JsonToken.START_OBJECT) ? traceparentMembers(parser)
						: JsonValues.read(parser, token);
				case "spans" -> members.spans = (token == JsonToken.START_ARRAY) ? spans(parser)
						: JsonValues.read(parser, token);
				default -> JsonValues.read(parser, token);
			}
		}
		return members;
	}

	private static TraceparentMembers traceparentMembers(JsonParser parser) {
		Map<String, Object> byName = new LinkedHashMap<>(2);
		for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
			String name = parser.currentName();
			Object value = JsonValues.read(parser, parser.nextToken());
			if (name.equalsIgnoreCase(IncomingTraceparent.TRACEPARENT)) {
				byName.put(name, value);
			}
		}
		return new TraceparentMembers(byName);
	}

	/** The list, with a {@link SpanMembers} for each object in it and any other item as it is. */
	private static List<Object> spans(JsonParser parser) {
		List<Object> spans = new ArrayList<>();
		for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
			spans.add((t == JsonToken.START_OBJECT) ? span(parser) : JsonValues.read(parser, t));
		}
		return spans;
	}

	private static SpanMembers span(JsonParser parser) {
		Object traceId = null;
		Object spanId = null;
		boolean hasParent = false;
		Object parent = null;
		Object parentSpanId = null;
		for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
			String name = parser.currentName();
			JsonToken token = parser.nextToken();
			switch (name) {
				case "trace_id" -> traceId = JsonValues.read(parser, token);
				case "span_id" -> spanId = JsonValues.read(parser, token);
				case "parent" -> {
					hasParent = true;
					parent = JsonValues.read(parser, token);
				}
				case "parent_span_id" -> parentSpanId = JsonValues.read(parser, token);
				default -> JsonValues.read(parser, token);
			}
		}
		return new SpanMembers(traceId, spanId, hasParent, parent, parentSpanId);
	}

	// ---- check

	/**
	 * An envelope's addresses are checked first, each answered with the addresses read before it; a body
	 * without an envelope needs a {@code type} member to be taken for one.
	 */
	private static Decoded check(Members message) {
		if (message.hasBody) {
			if (!(message.src instanceof String src)) {
				return unreadable(notAString("src", message.src));
			}
			if (!(message.dest instanceof String dest)) {
				return new Unreadable(src, null, notAString("dest", message.dest));
			}
			if (!(message.body instanceof Members body)) {
				return new Unreadable(src, dest,
						NodeError.malformed("body: expected an object, found " + kindOf(message.body)));
			}
			return message(src, dest, body);
		}
		if (message.hasType) {
			return message(null, null, message);
		}
		return unreadable(NodeError.malformed("expected a message {\"src\", \"dest\", \"body\"} or a bare body with \"type\""));
	}

	/** Once the addresses are known, a problem is the body's: {@code msg_id} first, answered if it was read. */
	private static Message message(String src, String dest, Members body) {
		Number msgId;
		try {
			msgId = messageId(body.msgId);
		}
		catch (NodeError error) {
			return new Message(src, dest, null, new Refused(error));
		}
		return new Message(src, dest, msgId, request(body));
	}

	private static Request request(Members body) {
		try {
			String type = requiredString(body.type, "body.type");
			return switch (type) {
				case "init" -> new Init(requiredString(body.nodeId, "node_id"));
				case "http_request" -> new HttpRequest(requiredString(body.path, "path"), headers(body.headers));
				case "parse_traceparent" ->
					new ParseTraceparent(requiredString(body.traceparent, "traceparent"), policy(body.policy));
				case "reconstruct_trace" -> new ReconstructTrace(spans(body.spans));
				default -> new Refused(NodeError.notSupported("unsupported message type '" + type + "'"));
			};
		}
		catch (NodeError error) {
			return new Refused(error);
		}
	}

	/** Maelstrom's msg_id is an integer; any other kind cannot be answered with {@code in_reply_to}. */
	private static Number messageId(Object msgId) {
		if (msgId == null || msgId instanceof Long || msgId instanceof BigInteger) {
			return (Number) msgId;
		}
		if (msgId instanceof Integer small) {
			return small.longValue();
		}
		throw NodeError.malformed("body.msg_id: expected an integer, found " + kindOf(msgId));
	}

	/** Absent or null is no header; each {@code traceparent} header holds a string or a list of them. */
	private static Map<String, List<String>> headers(Object headers) {
		if (headers == null) {
			return Map.of();
		}
		if (!(headers instanceof TraceparentMembers members)) {
			throw NodeError.malformed("headers: expected an object, found " + kindOf(headers));
		}
		Map<String, List<String>> values = new LinkedHashMap<>(2);
		members.byName().forEach((name, value) -> values.put(name, headerValues(name, value)));
		return values;
	}

	private static List<String> headerValues(String name, Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String string) {
			return List.of(string);
		}
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (!(element instanceof String)) {
					throw NodeError.malformed("headers." + name + ": expected a string or a list of strings");
				}
			}
			@SuppressWarnings("unchecked") // every element was checked just above
			List<String> strings = (List<String>) list;
			return List.copyOf(strings);
		}
		throw NodeError.malformed("headers." + name + ": expected a string, found " + kindOf(value));
	}

	/** An optional {@code "policy": "strict" | "lenient"}, any case; null when there is none. */
	private static ParsePolicy policy(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String name) {
			for (ParsePolicy candidate : ParsePolicy.values()) {
				if (candidate.name().equalsIgnoreCase(name)) {
					return candidate;
				}
			}
		}
		throw NodeError.malformed("policy: expected \"strict\" or \"lenient\", found " + kindOf(value));
	}

	/** The one reading of a span list, the web API's too: its problem texts are the node's replies. */
	private static List<SimpleSpan> spans(Object spans) {
		SpanListReader.Result read = SpanListReader.read(spans,
				(item) -> (item instanceof SpanMembers span) ? span : null);
		if (!read.isRead()) {
			throw NodeError.malformed(read.problem());
		}
		return read.spans();
	}

	private static String requiredString(Object value, String member) {
		if (value instanceof String string) {
			return string;
		}
		throw notAString(member, value);
	}

	private static NodeError notAString(String member, Object value) {
		return NodeError.malformed(member + ": " + ((value == null) ? "missing" : "expected a string, found " + kindOf(value)));
	}

	private static Unreadable unreadable(NodeError error) {
		return new Unreadable(null, null, error);
	}

	private static String kindOf(Object value) {
		return SpanListReader.kindOf(value);
	}

}
