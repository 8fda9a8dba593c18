package dev.tracer.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.util.unit.DataSize;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.TraceParent;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's message loop, end to end on byte streams: one reply line per message, in the grader's exact
 * format. The grader's own cases run against the built process in {@code NodeProcessIT}.
 *
 * <p>Most cases are a table in their group's {@code exchanges()}: the lines sent and every reply, byte
 * for byte and in order. The {@code @Test}s beside a table check what a table cannot say exactly: a
 * random id, a prefix of a parser's message, two replies compared with each other.
 */
class NodeRunnerTest {

	private static final String W3C_HEADER = W3CSamples.TRACEPARENT;

	/** A group of cases whose replies are known exactly, listed in the group's static {@code exchanges()}. */
	abstract static class ExactReplies {

		@ParameterizedTest(name = "{0}")
		@MethodSource("exchanges")
		void answersExactly(String name, List<String> sent, List<String> replies) {
			assertThat(run(sent.toArray(String[]::new))).as(name).containsExactlyElementsOf(replies);
		}

	}

	@Nested
	class HttpRequest extends ExactReplies {

		static Stream<Arguments> exchanges() {
			return Stream.of(
					exchange("childOfLenientHeader_spanIdFromNodeId",
							"{\"src\": \"service_a\", \"dest\": \"service_b\", \"body\": {\"type\": \"http_request\", "
									+ "\"msg_id\": 1, \"path\": \"/api/data\", \"headers\": {\"traceparent\": \"00-trace123-span_a-01\"}}}",
							"{\"src\": \"service_b\", \"dest\": \"service_a\", \"body\": {\"type\": \"http_response\", "
									+ "\"in_reply_to\": 1, \"span\": {\"trace_id\": \"trace123\", \"span_id\": \"span_b\", "
									+ "\"parent_span_id\": \"span_a\"}}}"),
					exchange("nodeIdWithoutServicePrefix_getsSpanPrefix",
							envelope("c", "n1", "\"type\": \"http_request\", \"msg_id\": 2, \"path\": \"/\", "
									+ "\"headers\": {\"traceparent\": \"" + W3C_HEADER + "\"}"),
							reply("n1", "c", "\"type\": \"http_response\", \"in_reply_to\": 2, \"span\": "
									+ "{\"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\", \"span_id\": \"span_n1\", "
									+ "\"parent_span_id\": \"00f067aa0ba902b7\"}")),
					exchange("missingPath_isMalformed",
							envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 4"),
							error("b", "a", "4", 12, "path: missing")),
					exchange("headersNotAnObject_isMalformed",
							envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 4, \"path\": \"/\", \"headers\": 3"),
							error("b", "a", "4", 12, "headers: expected an object, found a number")),
					exchange("headerNotAString_isMalformed",
							envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 4, \"path\": \"/\", "
									+ "\"headers\": {\"traceparent\": true}"),
							error("b", "a", "4", 12, "headers.traceparent: expected a string, found a boolean")));
		}

		@Test
		void headerNameIgnoresCase() {
			assertThat(run(envelope("a", "service_b", "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\", "
					+ "\"headers\": {\"TraceParent\": \"00-t1-p1-00\"}")).get(0))
				.contains("\"trace_id\": \"t1\", \"span_id\": \"span_b\", \"parent_span_id\": \"p1\"");
		}

		@Test
		void missingHeader_startsNewRootTrace() {
			String line = run(envelope("a", "service_b", "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\"")).get(0);
			assertThat(line).matches(newRoot("service_b", "a", 1, "span_b"));
		}

		@Test
		void unusableHeader_startsNewRootTrace() {
			String line = run(envelope("a", "service_b", "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\", "
					+ "\"headers\": {\"traceparent\": \"garbage\"}")).get(0);
			assertThat(line).matches(newRoot("service_b", "a", 1, "span_b"));
		}

		@Test
		void twoTraceparentValues_startNewRootTrace() {
			String line = run(envelope("a", "service_b", "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\", "
					+ "\"headers\": {\"traceparent\": [\"00-t1-p1-01\", \"00-t2-p2-01\"]}")).get(0);
			assertThat(line).matches(newRoot("service_b", "a", 1, "span_b"));
		}

		@Test
		void strictPolicy_refusesGraderSample() {
			String line = run(ParsePolicy.STRICT, envelope("a", "service_b", "\"type\": \"http_request\", \"msg_id\": 1, "
					+ "\"path\": \"/\", \"headers\": {\"traceparent\": \"00-trace123-span_a-01\"}")).get(0);
			assertThat(line).matches(newRoot("service_b", "a", 1, "span_b"));
		}

		@Test
		void newRootTraceIdsDiffer() {
			List<String> lines = run(envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\""),
					envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 2, \"path\": \"/\""));
			assertThat(traceIdOf(lines.get(0))).isNotEqualTo(traceIdOf(lines.get(1)));
		}

		@Test
		void spanIdFollowsTheAddressedNode_andIsRandomWithoutOne() {
			String request = "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\", \"headers\": {\"traceparent\": \"00-t-p-01\"}";
			List<String> lines = run(envelope("a", "service_b", request), envelope("a", "n1", request),
					envelope("a", "service_b", request), envelope("a", "", request), envelope("a", "", request));
			assertThat(lines.subList(0, 3)).map(HttpRequest::spanIdOf).containsExactly("span_b", "span_n1", "span_b");
			assertThat(spanIdOf(lines.get(3))).matches("[0-9a-f]{16}").isNotEqualTo(spanIdOf(lines.get(4)));
		}

		private static String spanIdOf(String line) {
			int start = line.indexOf("\"span_id\": \"") + 12;
			return line.substring(start, line.indexOf('"', start));
		}

		private static String traceIdOf(String line) {
			int start = line.indexOf("\"trace_id\": \"") + 13;
			return line.substring(start, line.indexOf('"', start));
		}

		private static String newRoot(String src, String dest, int msgId, String spanId) {
			return java.util.regex.Pattern.quote("{\"src\": \"" + src + "\", \"dest\": \"" + dest
					+ "\", \"body\": {\"type\": \"http_response\", \"in_reply_to\": " + msgId + ", \"span\": {\"trace_id\": \"")
					+ "[0-9a-f]{32}" + java.util.regex.Pattern.quote("\", \"span_id\": \"" + spanId
							+ "\", \"parent_span_id\": null}}}");
		}

	}

	@Nested
	class ParseTraceparent extends ExactReplies {

		static Stream<Arguments> exchanges() {
			return Stream.of(
					exchange("graderSample_seventeenHexParent",
							"{\"src\": \"service\", \"dest\": \"parser\", \"body\": {\"type\": \"parse_traceparent\", "
									+ "\"msg_id\": 1, \"traceparent\": \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01\"}}",
							"{\"src\": \"parser\", \"dest\": \"service\", \"body\": {\"type\": \"parse_ok\", "
									+ "\"in_reply_to\": 1, \"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\", "
									+ "\"parent_span_id\": \"00f067aa0ba902b57\", \"sampled\": true}}"),
					exchange("notSampled",
							envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 2, "
									+ "\"traceparent\": \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00\""),
							reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 2, "
									+ "\"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\", \"parent_span_id\": \"00f067aa0ba902b7\", "
									+ "\"sampled\": false")),
					exchange("missingTraceparent_isMalformed",
							envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 3"),
							error("b", "a", "3", 12, "traceparent: missing")),
					exchange("unknownPolicy_isMalformed",
							envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 3, \"traceparent\": \"x\", "
									+ "\"policy\": \"loose\""),
							error("b", "a", "3", 12, "policy: expected \\\"strict\\\" or \\\"lenient\\\", found a string")));
		}

		@Test
		void strictPolicyInRequest_refusesGraderSampleWithReason() {
			assertThat(run(envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 3, "
					+ "\"traceparent\": \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01\", \"policy\": \"strict\"")))
				.singleElement()
				.asString()
				.startsWith(reply("b", "a", "\"type\": \"error\", \"in_reply_to\": 3, \"code\": 12, "
						+ "\"text\": \"invalid traceparent: ").replace("}}", ""));
		}

		@Test
		void invalidHeader_isMalformedWithReason() {
			assertThat(run(envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 3, \"traceparent\": \"00-abc\"")))
				.singleElement()
				.asString()
				.contains("\"code\": 12, \"text\": \"invalid traceparent: ");
		}

	}

	@Nested
	class ReconstructTrace extends ExactReplies {

		static Stream<Arguments> exchanges() {
			return Stream.of(
					exchange("chainOfThree",
							"{\"src\": \"collector\", \"dest\": \"tracer\", \"body\": {\"type\": \"reconstruct_trace\", "
									+ "\"msg_id\": 3, \"spans\": [{\"trace_id\": \"t1\", \"span_id\": \"s1\", \"parent\": null}, "
									+ "{\"trace_id\": \"t1\", \"span_id\": \"s2\", \"parent\": \"s1\"}, "
									+ "{\"trace_id\": \"t1\", \"span_id\": \"s3\", \"parent\": \"s2\"}]}}",
							"{\"src\": \"tracer\", \"dest\": \"collector\", \"body\": {\"type\": \"trace_tree_ok\", "
									+ "\"in_reply_to\": 3, \"trace_id\": \"t1\", \"span_count\": 3, \"depth\": 3}}"),
					exchange("parentSpanIdAcceptedAsParentAndAbsentParentIsRoot",
							envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
									+ "{\"trace_id\": \"t\", \"span_id\": \"s1\"}, {\"trace_id\": \"t\", \"span_id\": \"s2\", \"parent_span_id\": \"s1\"}, "
									+ "{\"trace_id\": \"t\", \"span_id\": \"s3\", \"parent_span_id\": \"s1\"}]"),
							reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
									+ "\"span_count\": 3, \"depth\": 2")),
					exchange("emptyList",
							envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": []"),
							reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": null, "
									+ "\"span_count\": 0, \"depth\": 0")),
					exchange("duplicatesCountOnce_cyclesEnd",
							envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
									+ "{\"trace_id\": \"t\", \"span_id\": \"s1\", \"parent\": \"s2\"}, {\"trace_id\": \"t\", \"span_id\": \"s2\", \"parent\": \"s1\"}, "
									+ "{\"trace_id\": \"t\", \"span_id\": \"s2\", \"parent\": \"s1\"}]"),
							reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
									+ "\"span_count\": 2, \"depth\": 2")),
					exchange("severalTraceIds_isMalformed",
							envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
									+ "{\"trace_id\": \"t1\", \"span_id\": \"s1\"}, {\"trace_id\": \"t2\", \"span_id\": \"s2\"}]"),
							error("b", "a", "1", 12, "spans: more than one trace id [t1, t2]; send one trace per message")),
					exchange("spanWithoutId_isMalformedNamingIndex",
							envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
									+ "{\"trace_id\": \"t\", \"span_id\": \"s1\"}, {\"trace_id\": \"t\", \"parent\": \"s1\"}]"),
							error("b", "a", "1", 12, "spans[1].span_id: missing")),
					exchange("spansNotAList_isMalformed",
							envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": {}"),
							error("b", "a", "1", 12, "spans: expected a list, found an object")),
					exchange("parentOfWrongType_isMalformed",
							envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
									+ "{\"trace_id\": \"t\", \"span_id\": \"s1\", \"parent\": 7}]"),
							error("b", "a", "1", 12, "spans[0].parent: expected a string or null, found a number")));
		}

	}

	@Nested
	class Init extends ExactReplies {

		static Stream<Arguments> exchanges() {
			return Stream.of(
					exchange("repliesInitOkFromNewNodeId_thenUsesItForBareBodies",
							List.of(envelope("c0", "n0", "\"type\": \"init\", \"msg_id\": 1, \"node_id\": \"service_x\", "
										+ "\"node_ids\": [\"service_x\"]"),
									"{\"type\": \"http_request\", \"msg_id\": 2, \"path\": \"/\", \"headers\": {\"traceparent\": \"00-t-p-01\"}}"),
							reply("service_x", "c0", "\"type\": \"init_ok\", \"in_reply_to\": 1, \"msg_id\": 0"),
							reply("n0", "c0", "\"type\": \"http_response\", \"in_reply_to\": 2, \"span\": {\"trace_id\": \"t\", "
									+ "\"span_id\": \"span_n0\", \"parent_span_id\": \"p\"}")),
					exchange("bareBodyBeforeAnyEnvelope_isAnsweredFromNodeId",
							List.of("{\"type\": \"init\", \"msg_id\": 1, \"node_id\": \"n7\"}",
									"{\"type\": \"parse_traceparent\", \"msg_id\": 2, \"traceparent\": \"00-t-p-01\"}"),
							reply("n7", null, "\"type\": \"init_ok\", \"in_reply_to\": 1, \"msg_id\": 0"),
							reply("n7", null, "\"type\": \"parse_ok\", \"in_reply_to\": 2, \"trace_id\": \"t\", "
									+ "\"parent_span_id\": \"p\", \"sampled\": true")),
					exchange("missingNodeId_isMalformed",
							envelope("c0", "n0", "\"type\": \"init\", \"msg_id\": 1"),
							error("n0", "c0", "1", 12, "node_id: missing")));
		}

	}

	@Nested
	class Errors extends ExactReplies {

		static Stream<Arguments> exchanges() {
			return Stream.of(
					exchange("unknownType_isNotSupported_andNodeGoesOn",
							List.of(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 5"),
									envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 6, \"traceparent\": \"00-t-p-01\"")),
							error("b", "a", "5", 10, "unsupported message type 'echo'"),
							reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 6, \"trace_id\": \"t\", "
									+ "\"parent_span_id\": \"p\", \"sampled\": true")),
					exchange("notAnObject_isMalformed",
							List.of("[1, 2]", "42"),
							error(null, null, "null", 12, "message: expected an object, found a list"),
							error(null, null, "null", 12, "message: expected an object, found a number")),
					exchange("objectWithoutBodyOrType_isMalformed",
							"{\"src\": \"a\", \"dest\": \"b\"}",
							error(null, null, "null", 12,
									"expected a message {\\\"src\\\", \\\"dest\\\", \\\"body\\\"} or a bare body with \\\"type\\\"")),
					exchange("missingType_isMalformed",
							envelope("a", "b", "\"msg_id\": 9"),
							error("b", "a", "9", 12, "body.type: missing")),
					exchange("missingSrc_isMalformed",
							"{\"dest\": \"b\", \"body\": {\"type\": \"echo\", \"msg_id\": 1}}",
							error(null, null, "null", 12, "src: missing")),
					exchange("fractionalMsgId_isMalformedWithNullInReplyTo",
							envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1.5"),
							error("b", "a", "null", 12, "body.msg_id: expected an integer, found a number")),
					exchange("hugeMsgId_isEchoedInFull",
							envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 123456789012345678901234567890"),
							error("b", "a", "123456789012345678901234567890", 10, "unsupported message type 'echo'")),
					exchange("missingMsgId_repliesWithNullInReplyTo",
							envelope("a", "b", "\"type\": \"parse_traceparent\", \"traceparent\": \"00-t-p-01\""),
							reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": null, \"trace_id\": \"t\", "
									+ "\"parent_span_id\": \"p\", \"sampled\": true")),
					exchange("nonAsciiIsEscapedInReplies",
							envelope("a", "b\u00e9", "\"type\": \"\u2603\", \"msg_id\": 1"),
							error("b\\u00e9", "a", "1", 10, "unsupported message type '\\u2603'")));
		}

		@Test
		void notJson_isMalformed_repliesToLastEnvelope_andNodeGoesOn() {
			List<String> lines = run(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1"), "hello there",
					envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 2, \"traceparent\": \"00-t-p-01\""));
			assertThat(lines).hasSize(3);
			assertThat(lines.get(1)).startsWith("{\"src\": \"b\", \"dest\": \"a\", \"body\": {\"type\": \"error\", "
					+ "\"in_reply_to\": null, \"code\": 12, \"text\": \"malformed JSON: ");
			assertThat(lines.get(2)).contains("\"type\": \"parse_ok\", \"in_reply_to\": 2");
		}

		@Test
		void truncatedLine_doesNotSwallowTheNextMessage() {
			List<String> lines = run("{\"src\": \"a\", \"dest\": \"b\", \"body\": {\"type\": \"parse_tr",
					envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 2, \"traceparent\": \"00-t-p-01\""));
			assertThat(lines).hasSize(2);
			assertThat(lines.get(0)).contains("\"code\": 12, \"text\": \"malformed JSON: ");
			assertThat(lines.get(1)).contains("\"type\": \"parse_ok\", \"in_reply_to\": 2");
		}

		@Test
		void unbalancedObjectOnOneLine_doesNotSwallowTheNextMessage() {
			List<String> lines = run("{\"src\": \"a\", \"dest\": \"b\", \"body\": {\"type\": \"echo\"}",
					envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 2, \"traceparent\": \"00-t-p-01\""));
			assertThat(lines).hasSize(2);
			assertThat(lines.get(0)).contains("\"code\": 12, \"text\": \"malformed JSON: ");
			assertThat(lines.get(1)).contains("\"type\": \"parse_ok\", \"in_reply_to\": 2");
		}

		@Test
		void tooLargeMessage_isSkippedWithError_andNodeGoesOn() {
			String big = envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 1, \"traceparent\": \""
					+ "x".repeat(5000) + "\"");
			List<String> lines = runWithLimit(DataSize.ofKilobytes(1), big,
					envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 2, \"traceparent\": \"00-t-p-01\""));
			assertThat(lines).containsExactly(
					error(null, null, "null", 12, "message too large: more than 1024 bytes (tracer.node.max-message-size)"),
					reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 2, \"trace_id\": \"t\", "
							+ "\"parent_span_id\": \"p\", \"sampled\": true"));
		}

	}

	@Nested
	class Framing extends ExactReplies {

		static Stream<Arguments> exchanges() {
			return Stream.of(
					exchange("prettyPrintedMessage_isOneMessage",
							List.of("{", "  \"src\": \"a\",", "  \"dest\": \"b\",", "  \"body\": {", "    \"type\": \"parse_traceparent\",",
									"    \"msg_id\": 1,", "    \"traceparent\": \"00-t-p-01\"", "  }", "}"),
							reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
									+ "\"parent_span_id\": \"p\", \"sampled\": true")),
					exchange("extraTopLevelKeys_areTolerated",
							"{\"id\": 7, \"src\": \"a\", \"dest\": \"b\", \"body\": {\"type\": \"parse_traceparent\", "
									+ "\"msg_id\": 1, \"traceparent\": \"00-t-p-01\"}, \"extra\": [1]}",
							reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
									+ "\"parent_span_id\": \"p\", \"sampled\": true")),
					exchange("blankLinesAndCrLf_areSkipped",
							List.of("", "   ", envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1") + "\r", ""),
							error("b", "a", "1", 10, "unsupported message type 'echo'")),
					exchange("bracesInsideStrings_doNotEndTheMessage",
							envelope("a", "b", "\"type\": \"x}{]\", \"msg_id\": 1"),
							error("b", "a", "1", 10, "unsupported message type 'x}{]'")));
		}

		@Test
		void endOfInput_withoutTrailingNewline_stillAnswers() throws IOException {
			String input = envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1");
			assertThat(runRaw(ParsePolicy.LENIENT, DataSize.ofMegabytes(1), input))
				.isEqualTo(error("b", "a", "1", 10, "unsupported message type 'echo'") + "\n");
		}

		@Test
		void endOfInput_insideAMessage_answersMalformedAndEnds() {
			List<String> lines = run("{\"src\": \"a\", \"dest\": \"b\",", "  \"body\": {\"type\": \"echo\"");
			assertThat(lines).singleElement().asString().contains("\"code\": 12, \"text\": \"malformed JSON: ");
		}

		@Test
		void emptyInput_noReplies() {
			assertThat(run()).isEmpty();
		}

	}

	/**
	 * How members are read, whatever their order or company: the node reads a message straight from the
	 * token stream, and these pin that it answers as if the message had been read into a map first.
	 */
	@Nested
	class Members extends ExactReplies {

		private static final String PARSE = "\"type\": \"parse_traceparent\", \"msg_id\": 1, \"traceparent\": \"00-t-p-01\"";

		private static final String PARSE_OK = "\"type\": \"parse_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
				+ "\"parent_span_id\": \"p\", \"sampled\": true";

		static Stream<Arguments> exchanges() {
			return Stream.of(
					exchange("anyOrder_bodyFirstAndTypeLast",
							"{\"body\": {\"traceparent\": \"00-t-p-01\", \"msg_id\": 1, \"type\": \"parse_traceparent\"}, "
									+ "\"dest\": \"b\", \"src\": \"a\"}",
							reply("b", "a", PARSE_OK)),
					exchange("unknownMembersAtEveryLevel_areIgnored",
							List.of("{\"v\": {\"src\": \"x\", \"body\": [1, {\"type\": \"init\"}]}, \"src\": \"a\", \"dest\": \"b\", "
										+ "\"body\": {\"type\": \"http_request\", \"src\": \"z\", \"spans\": 3, \"msg_id\": 1, \"path\": \"/\", "
										+ "\"headers\": {\"tracestate\": {\"a\": [null, 1.5]}, \"traceparent\": \"00-t-p-01\", \"x\": -7}}}",
									envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 2, \"headers\": 1, \"spans\": ["
										+ "{\"name\": {\"span_id\": 1}, \"trace_id\": \"t\", \"span_id\": \"s1\", \"start\": 12}]")),
							reply("b", "a", "\"type\": \"http_response\", \"in_reply_to\": 1, \"span\": {\"trace_id\": \"t\", "
									+ "\"span_id\": \"span_b\", \"parent_span_id\": \"p\"}"),
							reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 2, \"trace_id\": \"t\", "
									+ "\"span_count\": 1, \"depth\": 1")),
					exchange("escapedStrings_areDecodedAndEchoedEscaped",
							"{\"src\": \"a\\\"\\\\\\u00e9\\ud83d\\ude00\", \"dest\": \"\\/b\", \"body\": {\"type\": \"parse_traceparent\", "
									+ "\"msg_id\": 1, \"traceparent\": \"\\u0030\\u0030-t-p-01\"}}",
							reply("/b", "a\\\"\\\\\\u00e9\\ud83d\\ude00", PARSE_OK)),
					exchange("integerMsgIds_areEchoedAsPythonPrintsThem",
							List.of(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 0"),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": -0"),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": -42"),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 9223372036854775807"),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": -9223372036854775808"),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 9223372036854775808")),
							error("b", "a", "0", 10, "unsupported message type 'echo'"),
							error("b", "a", "0", 10, "unsupported message type 'echo'"),
							error("b", "a", "-42", 10, "unsupported message type 'echo'"),
							error("b", "a", "9223372036854775807", 10, "unsupported message type 'echo'"),
							error("b", "a", "-9223372036854775808", 10, "unsupported message type 'echo'"),
							error("b", "a", "9223372036854775808", 10, "unsupported message type 'echo'")),
					exchange("otherMsgIds_areMalformedWithNullInReplyTo",
							List.of(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1e3"),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": \"7\""),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": [7]"),
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": null")),
							error("b", "a", "null", 12, "body.msg_id: expected an integer, found a number"),
							error("b", "a", "null", 12, "body.msg_id: expected an integer, found a string"),
							error("b", "a", "null", 12, "body.msg_id: expected an integer, found a list"),
							error("b", "a", "null", 10, "unsupported message type 'echo'")),
					exchange("wrongEnvelopeMember_isAnsweredWithTheAddressesReadBeforeIt",
							List.of(envelope("a", "b", PARSE),
									"{\"src\": \"c\", \"body\": {" + PARSE + "}}",
									"{\"src\": \"c\", \"dest\": 4, \"body\": {" + PARSE + "}}",
									"{\"src\": \"c\", \"dest\": \"d\", \"body\": null}",
									"{\"src\": \"c\", \"dest\": \"d\", \"body\": [{" + PARSE + "}]}"),
							reply("b", "a", PARSE_OK),
							error("b", "c", "null", 12, "dest: missing"),
							error("b", "c", "null", 12, "dest: expected a string, found a number"),
							error("d", "c", "null", 12, "body: expected an object, found null"),
							error("d", "c", "null", 12, "body: expected an object, found a list")),
					exchange("bareBody_ignoresAddressesInIt_andNullTypeIsMissing",
							List.of(envelope("a", "b", PARSE),
									"{\"src\": \"x\", \"dest\": \"y\", " + PARSE + "}",
									"{\"type\": null, \"msg_id\": 3}"),
							reply("b", "a", PARSE_OK),
							reply("b", "a", PARSE_OK),
							error("b", "a", "3", 12, "body.type: missing")),
					exchange("memberGivenTwice_keepsItsLastValue",
							List.of("{\"src\": \"a\", \"dest\": \"b\", \"body\": {\"type\": \"echo\"}, \"body\": {" + PARSE + "}, "
										+ "\"src\": \"c\"}",
									envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1, \"msg_id\": 2"),
									"{\"src\": \"a\", \"dest\": \"b\", \"body\": {" + PARSE + "}, \"body\": 1}"),
							reply("b", "c", PARSE_OK),
							error("b", "a", "2", 10, "unsupported message type 'echo'"),
							error("b", "a", "null", 12, "body: expected an object, found a number")),
					exchange("spanMembers_anyOrder_parentWinsOverParentSpanIdEvenWhenNull",
							envelope("a", "b", "\"spans\": [{\"span_id\": \"s1\", \"trace_id\": \"t\"}, "
									+ "{\"parent_span_id\": \"s1\", \"parent\": null, \"span_id\": \"s2\", \"trace_id\": \"t\"}, "
									+ "{\"parent\": \"s2\", \"trace_id\": \"t\", \"parent_span_id\": null, \"span_id\": \"s3\"}], "
									+ "\"msg_id\": 1, \"type\": \"reconstruct_trace\""),
							reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
									+ "\"span_count\": 3, \"depth\": 2")),
					exchange("spansChecked_inIndexOrder_andOnlyForReconstructTrace",
							List.of(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
										+ "{\"span_id\": \"s1\"}, [], {\"span_id\": 2}]"),
									envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 2, \"spans\": [{\"span_id\": \"\"}]"),
									envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 3, \"spans\": null"),
									envelope("a", "b", PARSE + ", \"spans\": [1, {\"span_id\": 2}]")),
							error("b", "a", "1", 12, "spans[1]: expected an object, found a list"),
							error("b", "a", "2", 12, "spans[0].span_id: must not be empty"),
							error("b", "a", "3", 12, "spans: missing"),
							reply("b", "a", PARSE_OK)));
		}

		@Test
		void headerGivenTwice_keepsItsLastValue_butNamesDifferingInCaseAreTwoHeaders() {
			String request = "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\", \"headers\": ";
			assertThat(run(envelope("a", "service_b", request + "{\"traceparent\": true, \"traceparent\": \"00-t-p-01\"}"),
					envelope("a", "service_b", request + "{\"traceparent\": \"00-t-p-01\", \"traceparent\": [\"00-u-q-01\"]}"),
					envelope("a", "service_b", request + "{\"TraceParent\": 1, \"traceparent\": \"00-t-p-01\", \"x\": 2}"),
					envelope("a", "service_b", request + "{\"headers\": 1}, \"headers\": {\"traceparent\": \"00-t-p-01\"}")))
				.containsExactly(
						reply("service_b", "a", "\"type\": \"http_response\", \"in_reply_to\": 1, \"span\": {\"trace_id\": \"t\", "
								+ "\"span_id\": \"span_b\", \"parent_span_id\": \"p\"}"),
						reply("service_b", "a", "\"type\": \"http_response\", \"in_reply_to\": 1, \"span\": {\"trace_id\": \"u\", "
								+ "\"span_id\": \"span_b\", \"parent_span_id\": \"q\"}"),
						error("service_b", "a", "1", 12, "headers.TraceParent: expected a string, found a number"),
						reply("service_b", "a", "\"type\": \"http_response\", \"in_reply_to\": 1, \"span\": {\"trace_id\": \"t\", "
								+ "\"span_id\": \"span_b\", \"parent_span_id\": \"p\"}"));
		}

		@Test
		void twoTraceparentValues_startANewTrace_asTheWebFilterDoes() {
			String request = "\"type\": \"http_request\", \"msg_id\": 1, \"path\": \"/\", \"headers\": ";
			List<String> lines = run(envelope("a", "service_b", request + "{\"traceparent\": [\"00-t-p-01\", \"00-t-p-01\"]}"),
					envelope("a", "service_b", request + "{\"traceparent\": \"00-t-p-01\", \"TRACEPARENT\": \"00-t-p-01\"}"));

			assertThat(lines).hasSize(2).allSatisfy((line) -> {
				assertThat(line).contains("\"type\": \"http_response\"").contains("\"parent_span_id\": null");
				assertThat(line).doesNotContain("\"trace_id\": \"t\"");
			});
		}

		@Test
		void syntaxErrorAnywhere_winsOverWrongMembersBeforeIt() {
			List<String> lines = run(envelope("a", "b", PARSE),
					"{\"src\": 1, \"dest\": \"d\", \"body\": {\"type\": 2}, \"x\": [1, 2, {\"y\": tru}]}",
					"{\"body\": {\"msg_id\": 1.5, \"type\": \"echo\", \"path\": \"\\x\"}, \"src\": \"c\", \"dest\": \"d\"}");
			assertThat(lines).hasSize(3);
			assertThat(lines.get(1)).startsWith("{\"src\": \"b\", \"dest\": \"a\", \"body\": {\"type\": \"error\", "
					+ "\"in_reply_to\": null, \"code\": 12, \"text\": \"malformed JSON: Unrecognized token 'tru'");
			assertThat(lines.get(2)).startsWith("{\"src\": \"b\", \"dest\": \"a\", \"body\": {\"type\": \"error\", "
					+ "\"in_reply_to\": null, \"code\": 12, \"text\": \"malformed JSON: Unrecognized character escape 'x'");
		}

	}

	/** A case of an {@code exchanges()} table: its name, the one line sent, and the replies in order. */
	static Arguments exchange(String name, String sent, String... replies) {
		return exchange(name, List.of(sent), replies);
	}

	/** A case of an {@code exchanges()} table: its name, the lines sent, and the replies in order. */
	static Arguments exchange(String name, List<String> sent, String... replies) {
		return Arguments.of(name, sent, List.of(replies));
	}

	static String envelope(String src, String dest, String bodyFields) {
		return "{\"src\": \"" + src + "\", \"dest\": \"" + dest + "\", \"body\": {" + bodyFields + "}}";
	}

	static String reply(String src, String dest, String bodyFields) {
		return "{\"src\": " + quoted(src) + ", \"dest\": " + quoted(dest) + ", \"body\": {" + bodyFields + "}}";
	}

	static String error(String src, String dest, String inReplyTo, int code, String text) {
		return reply(src, dest, "\"type\": \"error\", \"in_reply_to\": " + inReplyTo + ", \"code\": " + code
				+ ", \"text\": \"" + text + "\"");
	}

	private static String quoted(String s) {
		return (s != null) ? "\"" + s + "\"" : "null";
	}

	static List<String> run(String... lines) {
		return run(ParsePolicy.LENIENT, lines);
	}

	static List<String> run(ParsePolicy policy, String... lines) {
		return lines(() -> runRaw(policy, DataSize.ofMegabytes(1), String.join("\n", lines) + "\n"));
	}

	static List<String> runWithLimit(DataSize limit, String... lines) {
		return lines(() -> runRaw(ParsePolicy.LENIENT, limit, String.join("\n", lines) + "\n"));
	}

	private static List<String> lines(IoSupplier output) {
		try {
			String out = output.get();
			assertThat(out.isEmpty() || out.endsWith("\n")).as("every reply ends with a line break: %s", out).isTrue();
			return out.lines().toList();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	static String runRaw(ParsePolicy policy, DataSize limit, String input) throws IOException {
		InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new NodeRunner(in, out, new NodeProperties(policy, limit)).run();
		return out.toString(StandardCharsets.US_ASCII);
	}

	@FunctionalInterface
	private interface IoSupplier {

		String get() throws IOException;

	}

}
