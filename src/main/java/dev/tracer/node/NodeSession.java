package dev.tracer.node;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.ParseResult;
import dev.tracer.core.context.TraceId;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.context.TraceParentParser;
import dev.tracer.core.tree.SimpleSpan;
import dev.tracer.core.tree.SpanListReader;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.node.Message.Body;
import dev.tracer.node.Message.Headers;
import dev.tracer.node.Message.Span;

/**
 * One node process's conversation: takes one message at a time and writes exactly one reply line for
 * it, in the grader's format (DESIGN.md, decision 2). Remembers the node id from {@code init} and the
 * last envelope's addresses, which a bare body (a message without {@code src}/{@code dest}) is answered
 * with.
 *
 * <pre>
 * in:  {"src": "service_a", "dest": "service_b", "body": {"type": "http_request", "msg_id": 1, ...}}
 * out: {"src": "service_b", "dest": "service_a", "body": {"type": "http_response", "in_reply_to": 1, ...}}
 * </pre>
 *
 * Every problem with a message becomes a Maelstrom error reply, and the session goes on with the next.
 */
final class NodeSession {

	private final MessageDecoder decoder = new MessageDecoder();

	private final NodeSpanIds spanIds = new NodeSpanIds();

	private final ParsePolicy policy;

	private final ByteSink out;

	private String nodeId;

	private String lastSrc;

	private String lastDest;

	NodeSession(ParsePolicy policy, ByteSink out) {
		this.policy = policy;
		this.out = out;
	}

	/** Answers one frame from {@link MessageReader}. */
	void handle(MessageReader.Frame frame, int maxFrameBytes) {
		if (frame.tooLarge()) {
			writeError(lastDest(), lastSrc, null, NodeError.malformed(
					"message too large: more than " + maxFrameBytes + " bytes (tracer.node.max-message-size)"));
			return;
		}
		handle(frame.bytes(), frame.length());
	}

	void handle(byte[] bytes, int length) {
		String src = lastSrc;
		String dest = lastDest();
		Object msgId = null;
		try {
			Message message = object(decoder.decode(bytes, length), Message.class, "message");
			Body body;
			if (message.hasBody) {
				src = requiredString(message.src, "src", "");
				dest = requiredString(message.dest, "dest", "");
				body = object(message.body, Body.class, "body");
				lastSrc = src;
				lastDest = dest;
			}
			else if (message.bare.hasType) {
				body = message.bare; // a bare body: answered as if from the last envelope
			}
			else {
				throw NodeError.malformed(
						"expected a message {\"src\", \"dest\", \"body\"} or a bare body with \"type\"");
			}
			msgId = messageId(body.msgId);
			String type = requiredString(body.type, "type", "body.");
			switch (type) {
				case "init" -> init(body, msgId, src);
				case "http_request" -> httpRequest(body, msgId, dest, src);
				case "parse_traceparent" -> parseTraceparent(body, msgId, dest, src);
				case "reconstruct_trace" -> reconstructTrace(body, msgId, dest, src);
				default -> throw NodeError.notSupported("unsupported message type '" + type + "'");
			}
		}
		catch (NodeError error) {
			writeError(dest, src, msgId, error);
		}
	}

	/** Answered from the node's new id, whatever the envelope was addressed to. */
	private void init(Body body, Object msgId, String peer) {
		nodeId = requiredString(body.nodeId, "node_id", "");
		beginReply(nodeId, peer, "init_ok", msgId);
		member("msg_id", 0);
		endReply();
	}

	/**
	 * A request arriving at this node: the reply is the server span this hop would create, a child of the
	 * incoming {@code traceparent}, or a new root when there is no usable one (W3C: an invalid header is
	 * ignored, not an error).
	 */
	private void httpRequest(Body body, Object msgId, String self, String peer) {
		requiredString(body.path, "path", "");
		Headers headers = (body.headers != null) ? object(body.headers, Headers.class, "headers") : new Headers();
		TraceParent parent = IncomingTraceparent.extract(headers, NodeSession::traceparentValues, policy).parsed();
		String traceId = (parent != null) ? parent.traceId().value() : TraceId.random().value();
		String spanId = spanIds.forNode(self);
		String parentSpanId = (parent != null) ? parent.parentId().value() : null;
		beginReply(self, peer, "http_response", msgId);
		out.ascii(", \"span\": {\"trace_id\": ");
		PythonJson.write(traceId, out);
		member("span_id", spanId);
		member("parent_span_id", parentSpanId);
		out.write('}');
		endReply();
	}

	/**
	 * The request's {@code traceparent} values, names compared ignoring case as HTTP does (the decoder
	 * keeps only those); a member may hold one string or a list of them. Which of them counts is
	 * {@link IncomingTraceparent}'s rule, the web filter's too.
	 */
	private static Iterable<String> traceparentValues(Headers headers, String name) {
		List<String> values = new ArrayList<>(1);
		for (int i = 0; i < headers.size(); i++) {
			Object value = headers.value(i);
			if (value instanceof String string) {
				values.add(string);
			}
			else if (value instanceof List<?> list) {
				for (Object element : list) {
					if (!(element instanceof String string)) {
						throw NodeError.malformed("headers." + headers.name(i) + ": expected a string or a list of strings");
					}
					values.add(string);
				}
			}
			else if (value != null) {
				throw NodeError.malformed("headers." + headers.name(i) + ": expected a string, found " + typeOf(value));
			}
		}
		return values;
	}

	private void parseTraceparent(Body body, Object msgId, String self, String peer) {
		String header = requiredString(body.traceparent, "traceparent", "");
		ParsePolicy requested = policy(body.policy);
		ParseResult<TraceParent> parsed = TraceParentParser.parse(header, requested);
		if (!parsed.isAccepted()) {
			throw NodeError.malformed("invalid traceparent: " + parsed.rejection().message());
		}
		TraceParent traceParent = parsed.value();
		beginReply(self, peer, "parse_ok", msgId);
		member("trace_id", traceParent.traceId().value());
		member("parent_span_id", traceParent.parentId().value());
		member("sampled", traceParent.sampled());
		endReply();
	}

	/** An optional {@code "policy": "strict" | "lenient"} overrides the node's default for one request. */
	private ParsePolicy policy(Object value) {
		if (value == null) {
			return policy;
		}
		if (value instanceof String name) {
			for (ParsePolicy candidate : ParsePolicy.values()) {
				if (candidate.name().equalsIgnoreCase(name)) {
					return candidate;
				}
			}
		}
		throw NodeError.malformed("policy: expected \"strict\" or \"lenient\", found " + typeOf(value));
	}

	private void reconstructTrace(Body body, Object msgId, String self, String peer) {
		SpanListReader.Result read = SpanListReader.read(body.spans, NodeSession::element);
		if (!read.isRead()) {
			throw NodeError.malformed(read.problem());
		}
		List<SimpleSpan> spans = read.spans();
		TraceTree<SimpleSpan> tree = TraceTree.build(spans);
		if (tree.traceIds().size() > 1) {
			throw NodeError.malformed("spans: more than one trace id " + tree.traceIds() + "; send one trace per message");
		}
		beginReply(self, peer, "trace_tree_ok", msgId);
		member("trace_id", tree.traceIds().isEmpty() ? null : tree.traceIds().get(0));
		member("span_count", tree.spanCount());
		member("depth", tree.depth());
		endReply();
	}

	/** Maelstrom's msg_id is an integer; any other kind cannot be answered with {@code in_reply_to}. */
	private static Object messageId(Object msgId) {
		if (msgId == null || msgId instanceof Long || msgId instanceof BigInteger) {
			return msgId;
		}
		if (msgId instanceof Integer small) {
			return small.longValue();
		}
		throw NodeError.malformed("body.msg_id: expected an integer, found " + typeOf(msgId));
	}

	private void writeError(String src, String dest, Object msgId, NodeError error) {
		beginReply(src, dest, "error", msgId);
		member("code", error.code());
		member("text", error.getMessage());
		endReply();
	}

	/**
	 * Writes a reply line up to its body's {@code in_reply_to}; the caller adds the body's other members
	 * and ends the line with {@link #endReply()}. Replies are written as they are printed, with no map in
	 * between: everything that can fail is done before the first byte, so no line is left half written.
	 */
	private void beginReply(String src, String dest, String type, Object msgId) {
		out.ascii("{\"src\": ");
		PythonJson.write(src, out);
		out.ascii(", \"dest\": ");
		PythonJson.write(dest, out);
		out.ascii(", \"body\": {\"type\": ");
		PythonJson.write(type, out);
		out.ascii(", \"in_reply_to\": ");
		PythonJson.write(msgId, out);
	}

	/** A body member after the first: {@code name} needs no escaping, {@code value} is any reply value. */
	private void member(String name, Object value) {
		out.ascii(", \"");
		out.ascii(name);
		out.ascii("\": ");
		PythonJson.write(value, out);
	}

	private void endReply() {
		out.ascii("}}\n");
	}

	private String lastDest() {
		return (lastDest != null) ? lastDest : nodeId;
	}

	/** {@code value} as the class the decoder reads an object into, which is what the node expects there. */
	private static <T> T object(Object value, Class<T> decoded, String name) {
		if (decoded.isInstance(value)) {
			return decoded.cast(value);
		}
		throw NodeError.malformed(name + ": expected an object, found " + typeOf(value));
	}

	private static String requiredString(Object value, String key, String where) {
		if (value instanceof String string) {
			return string;
		}
		throw (value == null) ? NodeError.malformed(where + key + ": missing")
				: NodeError.malformed(where + key + ": expected a string, found " + typeOf(value));
	}

	/** A decoded element of {@code spans}, or null when it is not an object. */
	private static SpanListReader.Element element(Object item) {
		if (!(item instanceof Span span)) {
			return null;
		}
		return new SpanListReader.Element() {

			@Override
			public boolean has(String member) {
				// the decoder keeps only whether "parent" was present; the reader asks for nothing else
				return member.equals("parent") ? span.hasParent : get(member) != null;
			}

			@Override
			public Object get(String member) {
				return switch (member) {
					case "trace_id" -> span.traceId;
					case "span_id" -> span.spanId;
					case "parent" -> span.parent;
					case "parent_span_id" -> span.parentSpanId;
					default -> null;
				};
			}

		};
	}

	private static String typeOf(Object value) {
		return SpanListReader.kindOf(value);
	}

}
