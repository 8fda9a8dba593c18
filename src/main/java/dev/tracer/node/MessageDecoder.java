package dev.tracer.node;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

import dev.tracer.node.Message.Body;
import dev.tracer.node.Message.Headers;
import dev.tracer.node.Message.Span;

/**
 * Reads one message from Jackson's token stream straight into a {@link Message}: the members the node
 * acts on are picked out as they stream past, and no map is built for the envelope, the body or the
 * spans. Whatever else a message holds is still read in full (by {@link JsonValues}) and dropped, so the
 * parser sees every token as it would for a generic reader: a syntax error anywhere in a message fails
 * it, with the same words and position, before any of its members is judged. No data binding either,
 * which would cost start-up time.
 */
final class MessageDecoder {

	/**
	 * Each message gets a parser of its own, whose buffers come from this pool. Jackson's default pool is
	 * a concurrent deque, whose locking cost showed in the profile at a million messages a second; a node
	 * reads on one thread, so the buffers can stay with that thread.
	 */
	private final JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();

	private final Message message = new Message();

	/**
	 * The message in {@code bytes[0, length)}: a {@link Message} when it is a JSON object, otherwise the
	 * value it is (as {@link JsonValues} reads it). A returned {@link Message} is valid until the next
	 * call.
	 * @throws NodeError (malformed request) if the bytes are not exactly one JSON value
	 */
	Object decode(byte[] bytes, int length) {
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), bytes, 0, length)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw NodeError.malformed("malformed JSON: empty message");
			}
			Object value = (first == JsonToken.START_OBJECT) ? message(parser, this.message.clear())
					: JsonValues.read(parser, first);
			if (parser.nextToken() != null) {
				throw NodeError.malformed("malformed JSON: more than one value in one message");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw NodeError.malformed("malformed JSON: " + JsonValues.describe(ex));
		}
	}

	/** Until it is known whether the message is an envelope, its members are also read as a bare body's. */
	private static Message message(JsonParser parser, Message message) {
		Body bare = message.bare.clear();
		for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
			String name = parser.currentName();
			JsonToken token = parser.nextToken();
			switch (name) {
				case "src" -> message.src = JsonValues.read(parser, token);
				case "dest" -> message.dest = JsonValues.read(parser, token);
				case "body" -> {
					message.hasBody = true;
					message.body = (token == JsonToken.START_OBJECT) ? body(parser, message.envelopeBody.clear())
							: JsonValues.read(parser, token);
				}
				default -> bodyMember(parser, name, token, bare);
			}
		}
		return message;
	}

	private static Body body(JsonParser parser, Body body) {
		for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
			String name = parser.currentName();
			bodyMember(parser, name, parser.nextToken(), body);
		}
		return body;
	}

	/** A member given twice keeps its last value, as a JSON object read into a map does. */
	private static void bodyMember(JsonParser parser, String name, JsonToken token, Body body) {
		switch (name) {
			case "type" -> {
				body.hasType = true;
				body.type = JsonValues.read(parser, token);
			}
			case "msg_id" -> body.msgId = JsonValues.read(parser, token);
			case "node_id" -> body.nodeId = JsonValues.read(parser, token);
			case "path" -> body.path = JsonValues.read(parser, token);
			case "traceparent" -> body.traceparent = JsonValues.read(parser, token);
			case "policy" -> body.policy = JsonValues.read(parser, token);
			case "headers" -> body.headers = (token == JsonToken.START_OBJECT)
					? headers(parser, body.headerValues.clear()) : JsonValues.read(parser, token);
			case "spans" -> body.spans = (token == JsonToken.START_ARRAY) ? spans(parser)
					: JsonValues.read(parser, token);
			default -> JsonValues.read(parser, token);
		}
	}

	private static Headers headers(JsonParser parser, Headers headers) {
		for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
			String name = parser.currentName();
			Object value = JsonValues.read(parser, parser.nextToken());
			if (name.equalsIgnoreCase("traceparent")) {
				headers.put(name, value);
			}
		}
		return headers;
	}

	private static List<Object> spans(JsonParser parser) {
		List<Object> spans = new ArrayList<>();
		for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
			spans.add((t == JsonToken.START_OBJECT) ? span(parser) : JsonValues.read(parser, t));
		}
		return spans;
	}

	private static Span span(JsonParser parser) {
		Span span = new Span();
		for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
			String name = parser.currentName();
			JsonToken token = parser.nextToken();
			switch (name) {
				case "trace_id" -> span.traceId = JsonValues.read(parser, token);
				case "span_id" -> span.spanId = JsonValues.read(parser, token);
				case "parent" -> {
					span.hasParent = true;
					span.parent = JsonValues.read(parser, token);
				}
				case "parent_span_id" -> span.parentSpanId = JsonValues.read(parser, token);
				default -> JsonValues.read(parser, token);
			}
		}
		return span;
	}

}
