package dev.tracer.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.TraceParent;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's message loop, end to end on byte streams: one reply line per message, in the grader's exact
 * format. The grader's own cases run against the built process in {@code NodeProcessIT}.
 */
class NodeRunnerTest {

	private static final String W3C_HEADER = W3CSamples.TRACEPARENT;

	@Nested
	class HttpRequest {

		@Test
		void childOfLenientHeader_spanIdFromNodeId() {
			assertThat(run("{\"src\": \"service_a\", \"dest\": \"service_b\", \"body\": {\"type\": \"http_request\", "
					+ "\"msg_id\": 1, \"path\": \"/api/data\", \"headers\": {\"traceparent\": \"00-trace123-span_a-01\"}}}"))
				.containsExactly("{\"src\": \"service_b\", \"dest\": \"service_a\", \"body\": {\"type\": \"http_response\", "
						+ "\"in_reply_to\": 1, \"span\": {\"trace_id\": \"trace123\", \"span_id\": \"span_b\", "
						+ "\"parent_span_id\": \"span_a\"}}}");
		}

		@Test
		void nodeIdWithoutServicePrefix_getsSpanPrefix() {
			assertThat(run(envelope("c", "n1", "\"type\": \"http_request\", \"msg_id\": 2, \"path\": \"/\", "
					+ "\"headers\": {\"traceparent\": \"" + W3C_HEADER + "\"}")))
				.containsExactly(reply("n1", "c", "\"type\": \"http_response\", \"in_reply_to\": 2, \"span\": "
						+ "{\"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\", \"span_id\": \"span_n1\", "
						+ "\"parent_span_id\": \"00f067aa0ba902b7\"}"));
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

		@Test
		void missingPath_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 4")))
				.containsExactly(error("b", "a", "4", 12, "path: missing"));
		}

		@Test
		void headersNotAnObject_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 4, \"path\": \"/\", \"headers\": 3")))
				.containsExactly(error("b", "a", "4", 12, "headers: expected an object, found a number"));
		}

		@Test
		void headerNotAString_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"http_request\", \"msg_id\": 4, \"path\": \"/\", "
					+ "\"headers\": {\"traceparent\": true}")))
				.containsExactly(error("b", "a", "4", 12, "headers.traceparent: expected a string, found a boolean"));
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
	class ParseTraceparent {

		@Test
		void graderSample_seventeenHexParent() {
			assertThat(run("{\"src\": \"service\", \"dest\": \"parser\", \"body\": {\"type\": \"parse_traceparent\", "
					+ "\"msg_id\": 1, \"traceparent\": \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01\"}}"))
				.containsExactly("{\"src\": \"parser\", \"dest\": \"service\", \"body\": {\"type\": \"parse_ok\", "
						+ "\"in_reply_to\": 1, \"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\", "
						+ "\"parent_span_id\": \"00f067aa0ba902b57\", \"sampled\": true}}");
		}

		@Test
		void notSampled() {
			assertThat(run(envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 2, "
					+ "\"traceparent\": \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00\"")))
				.containsExactly(reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 2, "
						+ "\"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\", \"parent_span_id\": \"00f067aa0ba902b7\", "
						+ "\"sampled\": false"));
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

		@Test
		void missingTraceparent_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 3")))
				.containsExactly(error("b", "a", "3", 12, "traceparent: missing"));
		}

		@Test
		void unknownPolicy_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 3, \"traceparent\": \"x\", "
					+ "\"policy\": \"loose\"")))
				.containsExactly(error("b", "a", "3", 12, "policy: expected \\\"strict\\\" or \\\"lenient\\\", found a string"));
		}

	}

	@Nested
	class ReconstructTrace {

		@Test
		void chainOfThree() {
			assertThat(run("{\"src\": \"collector\", \"dest\": \"tracer\", \"body\": {\"type\": \"reconstruct_trace\", "
					+ "\"msg_id\": 3, \"spans\": [{\"trace_id\": \"t1\", \"span_id\": \"s1\", \"parent\": null}, "
					+ "{\"trace_id\": \"t1\", \"span_id\": \"s2\", \"parent\": \"s1\"}, "
					+ "{\"trace_id\": \"t1\", \"span_id\": \"s3\", \"parent\": \"s2\"}]}}"))
				.containsExactly("{\"src\": \"tracer\", \"dest\": \"collector\", \"body\": {\"type\": \"trace_tree_ok\", "
						+ "\"in_reply_to\": 3, \"trace_id\": \"t1\", \"span_count\": 3, \"depth\": 3}}");
		}

		@Test
		void parentSpanIdAcceptedAsParentAndAbsentParentIsRoot() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
					+ "{\"trace_id\": \"t\", \"span_id\": \"s1\"}, {\"trace_id\": \"t\", \"span_id\": \"s2\", \"parent_span_id\": \"s1\"}, "
					+ "{\"trace_id\": \"t\", \"span_id\": \"s3\", \"parent_span_id\": \"s1\"}]")))
				.containsExactly(reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
						+ "\"span_count\": 3, \"depth\": 2"));
		}

		@Test
		void emptyList() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": []")))
				.containsExactly(reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": null, "
						+ "\"span_count\": 0, \"depth\": 0"));
		}

		@Test
		void duplicatesCountOnce_cyclesEnd() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
					+ "{\"trace_id\": \"t\", \"span_id\": \"s1\", \"parent\": \"s2\"}, {\"trace_id\": \"t\", \"span_id\": \"s2\", \"parent\": \"s1\"}, "
					+ "{\"trace_id\": \"t\", \"span_id\": \"s2\", \"parent\": \"s1\"}]")))
				.containsExactly(reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
						+ "\"span_count\": 2, \"depth\": 2"));
		}

		@Test
		void severalTraceIds_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
					+ "{\"trace_id\": \"t1\", \"span_id\": \"s1\"}, {\"trace_id\": \"t2\", \"span_id\": \"s2\"}]")))
				.containsExactly(error("b", "a", "1", 12, "spans: more than one trace id [t1, t2]; send one trace per message"));
		}

		@Test
		void spanWithoutId_isMalformedNamingIndex() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
					+ "{\"trace_id\": \"t\", \"span_id\": \"s1\"}, {\"trace_id\": \"t\", \"parent\": \"s1\"}]")))
				.containsExactly(error("b", "a", "1", 12, "spans[1].span_id: missing"));
		}

		@Test
		void spansNotAList_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": {}")))
				.containsExactly(error("b", "a", "1", 12, "spans: expected a list, found an object"));
		}

		@Test
		void parentOfWrongType_isMalformed() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
					+ "{\"trace_id\": \"t\", \"span_id\": \"s1\", \"parent\": 7}]")))
				.containsExactly(error("b", "a", "1", 12, "spans[0].parent: expected a string or null, found a number"));
		}

	}

	@Nested
	class Init {

		@Test
		void repliesInitOkFromNewNodeId_thenUsesItForBareBodies() {
			assertThat(run(envelope("c0", "n0", "\"type\": \"init\", \"msg_id\": 1, \"node_id\": \"service_x\", "
					+ "\"node_ids\": [\"service_x\"]"),
					"{\"type\": \"http_request\", \"msg_id\": 2, \"path\": \"/\", \"headers\": {\"traceparent\": \"00-t-p-01\"}}"))
				.containsExactly(reply("service_x", "c0", "\"type\": \"init_ok\", \"in_reply_to\": 1, \"msg_id\": 0"),
						reply("n0", "c0", "\"type\": \"http_response\", \"in_reply_to\": 2, \"span\": {\"trace_id\": \"t\", "
								+ "\"span_id\": \"span_n0\", \"parent_span_id\": \"p\"}"));
		}

		@Test
		void bareBodyBeforeAnyEnvelope_isAnsweredFromNodeId() {
			assertThat(run("{\"type\": \"init\", \"msg_id\": 1, \"node_id\": \"n7\"}",
					"{\"type\": \"parse_traceparent\", \"msg_id\": 2, \"traceparent\": \"00-t-p-01\"}"))
				.containsExactly(reply("n7", null, "\"type\": \"init_ok\", \"in_reply_to\": 1, \"msg_id\": 0"),
						reply("n7", null, "\"type\": \"parse_ok\", \"in_reply_to\": 2, \"trace_id\": \"t\", "
								+ "\"parent_span_id\": \"p\", \"sampled\": true"));
		}

		@Test
		void missingNodeId_isMalformed() {
			assertThat(run(envelope("c0", "n0", "\"type\": \"init\", \"msg_id\": 1")))
				.containsExactly(error("n0", "c0", "1", 12, "node_id: missing"));
		}

	}

	@Nested
	class Errors {

		@Test
		void unknownType_isNotSupported_andNodeGoesOn() {
			assertThat(run(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 5"),
					envelope("a", "b", "\"type\": \"parse_traceparent\", \"msg_id\": 6, \"traceparent\": \"00-t-p-01\"")))
				.containsExactly(error("b", "a", "5", 10, "unsupported message type 'echo'"),
						reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 6, \"trace_id\": \"t\", "
								+ "\"parent_span_id\": \"p\", \"sampled\": true"));
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
		void notAnObject_isMalformed() {
			assertThat(run("[1, 2]", "42")).containsExactly(
					error(null, null, "null", 12, "message: expected an object, found a list"),
					error(null, null, "null", 12, "message: expected an object, found a number"));
		}

		@Test
		void objectWithoutBodyOrType_isMalformed() {
			assertThat(run("{\"src\": \"a\", \"dest\": \"b\"}")).containsExactly(error(null, null, "null", 12,
					"expected a message {\\\"src\\\", \\\"dest\\\", \\\"body\\\"} or a bare body with \\\"type\\\""));
		}

		@Test
		void missingType_isMalformed() {
			assertThat(run(envelope("a", "b", "\"msg_id\": 9"))).containsExactly(error("b", "a", "9", 12, "body.type: missing"));
		}

		@Test
		void missingSrc_isMalformed() {
			assertThat(run("{\"dest\": \"b\", \"body\": {\"type\": \"echo\", \"msg_id\": 1}}"))
				.containsExactly(error(null, null, "null", 12, "src: missing"));
		}

		@Test
		void fractionalMsgId_isMalformedWithNullInReplyTo() {
			assertThat(run(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1.5")))
				.containsExactly(error("b", "a", "null", 12, "body.msg_id: expected an integer, found a number"));
		}

		@Test
		void hugeMsgId_isEchoedInFull() {
			assertThat(run(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 123456789012345678901234567890")))
				.containsExactly(error("b", "a", "123456789012345678901234567890", 10, "unsupported message type 'echo'"));
		}

		@Test
		void missingMsgId_repliesWithNullInReplyTo() {
			assertThat(run(envelope("a", "b", "\"type\": \"parse_traceparent\", \"traceparent\": \"00-t-p-01\"")))
				.containsExactly(reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": null, \"trace_id\": \"t\", "
						+ "\"parent_span_id\": \"p\", \"sampled\": true"));
		}

		@Test
		void nonAsciiIsEscapedInReplies() {
			assertThat(run(envelope("a", "b\u00e9", "\"type\": \"\u2603\", \"msg_id\": 1")))
				.containsExactly(error("b\\u00e9", "a", "1", 10, "unsupported message type '\\u2603'"));
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
	class Framing {

		@Test
		void prettyPrintedMessage_isOneMessage() {
			assertThat(run("{", "  \"src\": \"a\",", "  \"dest\": \"b\",", "  \"body\": {", "    \"type\": \"parse_traceparent\",",
					"    \"msg_id\": 1,", "    \"traceparent\": \"00-t-p-01\"", "  }", "}"))
				.containsExactly(reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
						+ "\"parent_span_id\": \"p\", \"sampled\": true"));
		}

		@Test
		void extraTopLevelKeys_areTolerated() {
			assertThat(run("{\"id\": 7, \"src\": \"a\", \"dest\": \"b\", \"body\": {\"type\": \"parse_traceparent\", "
					+ "\"msg_id\": 1, \"traceparent\": \"00-t-p-01\"}, \"extra\": [1]}"))
				.containsExactly(reply("b", "a", "\"type\": \"parse_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
						+ "\"parent_span_id\": \"p\", \"sampled\": true"));
		}

		@Test
		void blankLinesAndCrLf_areSkipped() {
			assertThat(run("", "   ", envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1") + "\r", ""))
				.containsExactly(error("b", "a", "1", 10, "unsupported message type 'echo'"));
		}

		@Test
		void bracesInsideStrings_doNotEndTheMessage() {
			assertThat(run(envelope("a", "b", "\"type\": \"x}{]\", \"msg_id\": 1")))
				.containsExactly(error("b", "a", "1", 10, "unsupported message type 'x}{]'"));
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
	class Members {

		private static final String PARSE = "\"type\": \"parse_traceparent\", \"msg_id\": 1, \"traceparent\": \"00-t-p-01\"";

		private static final String PARSE_OK = "\"type\": \"parse_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
				+ "\"parent_span_id\": \"p\", \"sampled\": true";

		@Test
		void anyOrder_bodyFirstAndTypeLast() {
			assertThat(run("{\"body\": {\"traceparent\": \"00-t-p-01\", \"msg_id\": 1, \"type\": \"parse_traceparent\"}, "
					+ "\"dest\": \"b\", \"src\": \"a\"}"))
				.containsExactly(reply("b", "a", PARSE_OK));
		}

		@Test
		void unknownMembersAtEveryLevel_areIgnored() {
			assertThat(run("{\"v\": {\"src\": \"x\", \"body\": [1, {\"type\": \"init\"}]}, \"src\": \"a\", \"dest\": \"b\", "
					+ "\"body\": {\"type\": \"http_request\", \"src\": \"z\", \"spans\": 3, \"msg_id\": 1, \"path\": \"/\", "
					+ "\"headers\": {\"tracestate\": {\"a\": [null, 1.5]}, \"traceparent\": \"00-t-p-01\", \"x\": -7}}}",
					envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 2, \"headers\": 1, \"spans\": ["
							+ "{\"name\": {\"span_id\": 1}, \"trace_id\": \"t\", \"span_id\": \"s1\", \"start\": 12}]")))
				.containsExactly(
						reply("b", "a", "\"type\": \"http_response\", \"in_reply_to\": 1, \"span\": {\"trace_id\": \"t\", "
								+ "\"span_id\": \"span_b\", \"parent_span_id\": \"p\"}"),
						reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 2, \"trace_id\": \"t\", "
								+ "\"span_count\": 1, \"depth\": 1"));
		}

		@Test
		void escapedStrings_areDecodedAndEchoedEscaped() {
			assertThat(run("{\"src\": \"a\\\"\\\\\\u00e9\\ud83d\\ude00\", \"dest\": \"\\/b\", \"body\": {\"type\": \"parse_traceparent\", "
					+ "\"msg_id\": 1, \"traceparent\": \"\\u0030\\u0030-t-p-01\"}}"))
				.containsExactly(reply("/b", "a\\\"\\\\\\u00e9\\ud83d\\ude00", PARSE_OK));
		}

		@Test
		void integerMsgIds_areEchoedAsPythonPrintsThem() {
			assertThat(run(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 0"),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": -0"),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": -42"),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 9223372036854775807"),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": -9223372036854775808"),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 9223372036854775808")))
				.containsExactly(error("b", "a", "0", 10, "unsupported message type 'echo'"),
						error("b", "a", "0", 10, "unsupported message type 'echo'"),
						error("b", "a", "-42", 10, "unsupported message type 'echo'"),
						error("b", "a", "9223372036854775807", 10, "unsupported message type 'echo'"),
						error("b", "a", "-9223372036854775808", 10, "unsupported message type 'echo'"),
						error("b", "a", "9223372036854775808", 10, "unsupported message type 'echo'"));
		}

		@Test
		void otherMsgIds_areMalformedWithNullInReplyTo() {
			assertThat(run(envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1e3"),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": \"7\""),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": [7]"),
					envelope("a", "b", "\"type\": \"echo\", \"msg_id\": null")))
				.containsExactly(error("b", "a", "null", 12, "body.msg_id: expected an integer, found a number"),
						error("b", "a", "null", 12, "body.msg_id: expected an integer, found a string"),
						error("b", "a", "null", 12, "body.msg_id: expected an integer, found a list"),
						error("b", "a", "null", 10, "unsupported message type 'echo'"));
		}

		@Test
		void wrongEnvelopeMember_isAnsweredWithTheAddressesReadBeforeIt() {
			assertThat(run(envelope("a", "b", PARSE), "{\"src\": \"c\", \"body\": {" + PARSE + "}}",
					"{\"src\": \"c\", \"dest\": 4, \"body\": {" + PARSE + "}}",
					"{\"src\": \"c\", \"dest\": \"d\", \"body\": null}",
					"{\"src\": \"c\", \"dest\": \"d\", \"body\": [{" + PARSE + "}]}"))
				.containsExactly(reply("b", "a", PARSE_OK), error("b", "c", "null", 12, "dest: missing"),
						error("b", "c", "null", 12, "dest: expected a string, found a number"),
						error("d", "c", "null", 12, "body: expected an object, found null"),
						error("d", "c", "null", 12, "body: expected an object, found a list"));
		}

		@Test
		void bareBody_ignoresAddressesInIt_andNullTypeIsMissing() {
			assertThat(run(envelope("a", "b", PARSE), "{\"src\": \"x\", \"dest\": \"y\", " + PARSE + "}",
					"{\"type\": null, \"msg_id\": 3}"))
				.containsExactly(reply("b", "a", PARSE_OK), reply("b", "a", PARSE_OK),
						error("b", "a", "3", 12, "body.type: missing"));
		}

		@Test
		void memberGivenTwice_keepsItsLastValue() {
			assertThat(run("{\"src\": \"a\", \"dest\": \"b\", \"body\": {\"type\": \"echo\"}, \"body\": {" + PARSE + "}, "
					+ "\"src\": \"c\"}", envelope("a", "b", "\"type\": \"echo\", \"msg_id\": 1, \"msg_id\": 2"),
					"{\"src\": \"a\", \"dest\": \"b\", \"body\": {" + PARSE + "}, \"body\": 1}"))
				.containsExactly(reply("b", "c", PARSE_OK), error("b", "a", "2", 10, "unsupported message type 'echo'"),
						error("b", "a", "null", 12, "body: expected an object, found a number"));
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
		void spanMembers_anyOrder_parentWinsOverParentSpanIdEvenWhenNull() {
			assertThat(run(envelope("a", "b", "\"spans\": [{\"span_id\": \"s1\", \"trace_id\": \"t\"}, "
					+ "{\"parent_span_id\": \"s1\", \"parent\": null, \"span_id\": \"s2\", \"trace_id\": \"t\"}, "
					+ "{\"parent\": \"s2\", \"trace_id\": \"t\", \"parent_span_id\": null, \"span_id\": \"s3\"}], "
					+ "\"msg_id\": 1, \"type\": \"reconstruct_trace\"")))
				.containsExactly(reply("b", "a", "\"type\": \"trace_tree_ok\", \"in_reply_to\": 1, \"trace_id\": \"t\", "
						+ "\"span_count\": 3, \"depth\": 2"));
		}

		@Test
		void spansChecked_inIndexOrder_andOnlyForReconstructTrace() {
			assertThat(run(envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 1, \"spans\": ["
					+ "{\"span_id\": \"s1\"}, [], {\"span_id\": 2}]"),
					envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 2, \"spans\": [{\"span_id\": \"\"}]"),
					envelope("a", "b", "\"type\": \"reconstruct_trace\", \"msg_id\": 3, \"spans\": null"),
					envelope("a", "b", PARSE + ", \"spans\": [1, {\"span_id\": 2}]")))
				.containsExactly(error("b", "a", "1", 12, "spans[1]: expected an object, found a list"),
						error("b", "a", "2", 12, "spans[0].span_id: must not be empty"),
						error("b", "a", "3", 12, "spans: missing"), reply("b", "a", PARSE_OK));
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
