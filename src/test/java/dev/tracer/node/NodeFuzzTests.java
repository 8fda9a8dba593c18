package dev.tracer.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Coverage-guided fuzzing of the node's message loop ({@link NodeRunner} on byte streams) with Jazzer.
 * Seeds live in {@code src/test/resources/dev/tracer/node/NodeFuzzTestsInputs/<method>/}.
 *
 * <p>Properties of every run: {@code run()} returns without throwing, and every output line is one
 * printable-ASCII JSON object with the keys {@code src, dest, body} in that order, whose body starts
 * with {@code type} and {@code in_reply_to}; an {@code error} carries code 10 or 12 and a text.
 * {@link #messages} builds N well-formed messages from fuzzed values (properly JSON-escaped) and also
 * checks that there are exactly N replies, each answering its message: {@code in_reply_to} is the
 * message's {@code msg_id} and the addresses are swapped.
 */
class NodeFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Set<String> REPLY_TYPES = Set.of("init_ok", "http_response", "parse_ok", "trace_tree_ok",
			"error");

	private static final Set<String> KNOWN_TYPES = Set.of("init", "http_request", "parse_traceparent",
			"reconstruct_trace");

	private static final String[] TYPES = { "init", "http_request", "parse_traceparent", "reconstruct_trace" };

	private static final String[] HEADERS = { W3CSamples.TRACEPARENT,
			"00-trace123-span_a-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01",
			"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future", "ff-0-0-00", "" };

	private static final String[] SEPARATORS = { "\n", "\r\n", "\n\n", " \n", "\t\n" };

	/**
	 * Stands for {@code ", "} between the members of a message and of its body while it is built;
	 * {@link #quote} escapes every control character, so this one never occurs inside a string.
	 */
	private static final String MEMBER = "\u0001";

	/** Any bytes: the first chooses the policy and the size limit, the rest is the node's input. */
	@FuzzTest
	void raw(byte[] input) throws IOException {
		int control = (input.length > 0) ? input[0] & 0xff : 0;
		ParsePolicy policy = ((control & 1) == 0) ? ParsePolicy.LENIENT : ParsePolicy.STRICT;
		DataSize limit = switch ((control >> 1) & 3) {
			case 0 -> DataSize.ofBytes(64);
			case 1 -> DataSize.ofKilobytes(1);
			default -> DataSize.ofMegabytes(1);
		};
		byte[] stream = (input.length > 0) ? java.util.Arrays.copyOfRange(input, 1, input.length) : input;
		List<JsonNode> replies = run(policy, limit, stream);
		// every reply answers a frame, and every frame holds at least one byte
		assertThat(replies.size()).isLessThanOrEqualTo(stream.length);
	}

	/** N well-formed messages with fuzzed values: exactly N replies, each answering its message. */
	@FuzzTest
	void messages(FuzzedDataProvider data) throws IOException {
		ParsePolicy policy = data.consumeBoolean() ? ParsePolicy.LENIENT : ParsePolicy.STRICT;
		int count = data.consumeInt(1, 6);
		List<Sent> sent = new ArrayList<>(count);
		StringBuilder input = new StringBuilder();
		for (int i = 0; i < count; i++) {
			Sent message = message(data);
			sent.add(message);
			input.append(message.json()).append(data.pickValue(SEPARATORS));
		}
		List<JsonNode> replies = run(policy, DataSize.ofMegabytes(1), input.toString().getBytes(StandardCharsets.UTF_8));

		assertThat(replies).as("one reply per message for input:%n%s", input).hasSize(count);
		for (int i = 0; i < count; i++) {
			Sent message = sent.get(i);
			JsonNode reply = replies.get(i);
			JsonNode body = reply.get("body");
			String type = body.get("type").stringValue();
			JsonNode inReplyTo = body.get("in_reply_to");
			if (message.msgId() == null) {
				assertThat(inReplyTo.isNull()).as("in_reply_to of %s", message.json()).isTrue();
			}
			else {
				assertThat(inReplyTo.isIntegralNumber() && inReplyTo.longValue() == message.msgId())
					.as("in_reply_to %s of %s", inReplyTo, message.json())
					.isTrue();
			}
			if (!KNOWN_TYPES.contains(message.type())) {
				assertThat(type).as(message.json()).isEqualTo("error");
				assertThat(body.get("code").intValue()).as(message.json()).isEqualTo(10);
			}
			if (message.src() == null) {
				continue; // a bare body is answered with the last envelope's addresses
			}
			if (type.equals("init_ok")) {
				assertThat(reply.get("src").stringValue()).isEqualTo(message.nodeId());
			}
			else {
				assertThat(reply.get("src").stringValue()).as(message.json()).isEqualTo(message.dest());
			}
			assertThat(reply.get("dest").stringValue()).as(message.json()).isEqualTo(message.src());
		}
	}

	// ---- running and checking

	private static List<JsonNode> run(ParsePolicy policy, DataSize limit, byte[] input) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new NodeRunner(new ByteArrayInputStream(input), out, new NodeProperties(policy, limit)).run();
		byte[] bytes = out.toByteArray();
		if (bytes.length > 0) {
			assertThat(bytes[bytes.length - 1]).as("output ends with a line break").isEqualTo((byte) '\n');
		}
		List<JsonNode> replies = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				replies.add(checkLine(new String(bytes, start, i - start, StandardCharsets.US_ASCII)));
				start = i + 1;
			}
			else if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
				fail("byte 0x%02x at %d is not printable ASCII in output:%n%s", bytes[i] & 0xff, i,
						new String(bytes, StandardCharsets.ISO_8859_1));
			}
		}
		return replies;
	}

	private static JsonNode checkLine(String line) {
		JsonNode reply;
		try {
			reply = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw new AssertionError("not one JSON value: " + line, ex);
		}
		assertThat(reply.isObject()).as(line).isTrue();
		assertThat(reply.propertyNames()).as(line).containsExactly("src", "dest", "body");
		assertThat(reply.get("src").isString() || reply.get("src").isNull()).as(line).isTrue();
		assertThat(reply.get("dest").isString() || reply.get("dest").isNull()).as(line).isTrue();
		JsonNode body = reply.get("body");
		assertThat(body.isObject()).as(line).isTrue();
		List<String> keys = new ArrayList<>(body.propertyNames());
		assertThat(keys.size()).as(line).isGreaterThanOrEqualTo(2);
		assertThat(keys.subList(0, 2)).as(line).containsExactly("type", "in_reply_to");
		assertThat(body.get("type").isString()).as(line).isTrue();
		assertThat(REPLY_TYPES).as(line).contains(body.get("type").stringValue());
		if (body.get("type").stringValue().equals("error")) {
			assertThat(keys).as(line).containsExactly("type", "in_reply_to", "code", "text");
			assertThat(body.get("code").intValue()).as(line).isIn(10, 12);
			assertThat(body.get("text").isString()).as(line).isTrue();
		}
		return reply;
	}

	// ---- building messages from fuzzed values

	/** One message as sent: {@code src} is null for a bare body. */
	record Sent(String json, String type, Long msgId, String src, String dest, String nodeId) {
	}

	private static Sent message(FuzzedDataProvider data) {
		boolean bare = data.consumeInt(0, 7) == 0;
		String type = data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeString(16);
		Long msgId = (data.consumeInt(0, 7) == 0) ? null : data.consumeLong();
		StringBuilder body = new StringBuilder("{\"type\": ").append(quote(type));
		if (msgId != null) {
			body.append(MEMBER + "\"msg_id\": ").append(msgId);
		}
		String nodeId = null;
		switch (type) {
			case "init" -> {
				nodeId = string(data);
				body.append(MEMBER + "\"node_id\": ").append(quote(nodeId));
				body.append(MEMBER + "\"node_ids\": [").append(quote(nodeId)).append(']');
			}
			case "http_request" -> {
				body.append(MEMBER + "\"path\": ").append(quote(string(data)));
				if (data.consumeBoolean()) {
					body.append(MEMBER + "\"headers\": {");
					int headers = data.consumeInt(0, 3);
					for (int h = 0; h < headers; h++) {
						String name = data.pickValue(new String[] { "traceparent", "TraceParent", "tracestate", "x" });
						body.append((h > 0) ? ", " : "").append(quote(name)).append(": ");
						if (data.consumeInt(0, 3) == 0) {
							body.append('[').append(quote(header(data))).append(", ").append(quote(header(data))).append(']');
						}
						else {
							body.append(quote(header(data)));
						}
					}
					body.append('}');
				}
			}
			case "parse_traceparent" -> {
				body.append(MEMBER + "\"traceparent\": ").append(quote(header(data)));
				switch (data.consumeInt(0, 3)) {
					case 0 -> body.append(MEMBER + "\"policy\": \"strict\"");
					case 1 -> body.append(MEMBER + "\"policy\": \"lenient\"");
					case 2 -> body.append(MEMBER + "\"policy\": ").append(quote(string(data)));
					default -> {
					}
				}
			}
			case "reconstruct_trace" -> {
				body.append(MEMBER + "\"spans\": [");
				String[] ids = { "s1", "s2", "s3", string(data) };
				String traceId = string(data);
				int spans = data.consumeInt(0, 5);
				for (int s = 0; s < spans; s++) {
					body.append((s > 0) ? ", " : "").append("{\"trace_id\": ").append(quote(traceId));
					body.append(", \"span_id\": ").append(quote(data.pickValue(ids)));
					body.append(", \"parent\": ").append(data.consumeBoolean() ? "null" : quote(data.pickValue(ids)));
					body.append('}');
				}
				body.append(']');
			}
			default -> {
			}
		}
		if (data.consumeInt(0, 3) == 0) {
			// an extra field the node does not know; never one of the names it reads
			body.append(MEMBER).append(quote("x_" + string(data))).append(": ").append(quote(string(data)));
		}
		body.append('}');
		if (bare) {
			return new Sent(pretty(data, body.toString()), type, msgId, null, null, nodeId);
		}
		String src = string(data);
		String dest = string(data);
		String json = "{\"src\": " + quote(src) + MEMBER + "\"dest\": " + quote(dest) + MEMBER + "\"body\": " + body
				+ "}";
		return new Sent(pretty(data, json), type, msgId, src, dest, nodeId);
	}

	/**
	 * Writes the member separators: {@code ", "}, or sometimes a line break and an indent, spreading the
	 * message over lines as a person would (never a '{' in column 0 inside it).
	 */
	private static String pretty(FuzzedDataProvider data, String json) {
		return json.replace(MEMBER, (data.consumeInt(0, 3) != 0) ? ", " : ",\n  ");
	}

	/** A traceparent: a known one, one with fuzzed characters, or any fuzzed string. */
	private static String header(FuzzedDataProvider data) {
		return switch (data.consumeInt(0, 2)) {
			case 0 -> data.pickValue(HEADERS);
			case 1 -> {
				StringBuilder header = new StringBuilder(data.pickValue(HEADERS));
				int at = header.isEmpty() ? 0 : data.consumeInt(0, header.length() - 1);
				header.insert(at, string(data));
				yield header.toString();
			}
			default -> string(data);
		};
	}

	private static String string(FuzzedDataProvider data) {
		return data.consumeString(24);
	}

	/**
	 * A JSON string literal. Quotes, backslashes, control characters and surrogates are escaped (a lone
	 * surrogate has no UTF-8 form); other non-ASCII characters are sent as raw UTF-8.
	 */
	static String quote(String value) {
		StringBuilder out = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
