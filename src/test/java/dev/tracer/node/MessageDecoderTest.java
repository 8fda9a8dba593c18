package dev.tracer.node;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.tree.SimpleSpan;
import dev.tracer.node.Decoded.Unreadable;
import dev.tracer.node.Message.HttpRequest;
import dev.tracer.node.Message.Init;
import dev.tracer.node.Message.ParseTraceparent;
import dev.tracer.node.Message.ReconstructTrace;
import dev.tracer.node.Message.Refused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a frame decodes to: the typed, immutable values {@link NodeSession} answers from. The replies
 * themselves, byte for byte, are pinned end to end by {@code NodeRunnerTest}.
 */
class MessageDecoderTest {

	private final MessageDecoder decoder = new MessageDecoder();

	@Test
	void decode_httpRequest_keepsTraceparentHeadersAsSent() {
		Decoded decoded = decode("{\"src\": \"a\", \"dest\": \"b\", \"body\": {\"type\": \"http_request\", \"msg_id\": 1, "
				+ "\"path\": \"/x\", \"headers\": {\"TraceParent\": [\"00-t-p-01\", \"00-u-q-01\"], \"tracestate\": 5, "
				+ "\"traceparent\": null}}}");

		assertThat(decoded).isEqualTo(new Message("a", "b", 1L,
				new HttpRequest("/x", Map.of("TraceParent", List.of("00-t-p-01", "00-u-q-01"), "traceparent", List.of()))));
		HttpRequest request = (HttpRequest) ((Message) decoded).request();
		assertThat(request.headerValues("traceparent")).containsExactly("00-t-p-01", "00-u-q-01");
		assertThat(request.headerValues("tracestate")).isEmpty();
	}

	@Test
	void decode_bareBody_hasNoAddresses() {
		// without a body member, src and dest are not an envelope's: they are ignored, even of the wrong kind
		Decoded decoded = decode("{\"node_id\": \"n7\", \"type\": \"init\", \"src\": \"x\", \"dest\": 5}");

		assertThat(decoded).isEqualTo(new Message(null, null, null, new Init("n7")));
		assertThat(((Message) decoded).isBare()).isTrue();
	}

	@Test
	void decode_parseTraceparent_policyNamedInAnyCase_orNoneForTheNodesOwn() {
		assertThat(decode("{\"type\": \"parse_traceparent\", \"msg_id\": 2, \"traceparent\": \"x\", \"policy\": \"STRICT\"}"))
			.isEqualTo(new Message(null, null, 2L, new ParseTraceparent("x", ParsePolicy.STRICT)));
		assertThat(decode("{\"type\": \"parse_traceparent\", \"traceparent\": \"x\"}"))
			.isEqualTo(new Message(null, null, null, new ParseTraceparent("x", null)));
	}

	@Test
	void decode_reconstructTrace_spansReadByTheCoresReader() {
		assertThat(decode("{\"type\": \"reconstruct_trace\", \"msg_id\": 3, \"spans\": ["
				+ "{\"trace_id\": \"t\", \"span_id\": \"s1\"}, "
				+ "{\"parent_span_id\": \"s1\", \"parent\": null, \"span_id\": \"s2\", \"trace_id\": \"t\"}, "
				+ "{\"span_id\": \"s3\", \"parent_span_id\": \"s2\", \"extra\": [1]}]}"))
			.isEqualTo(new Message(null, null, 3L, new ReconstructTrace(List.of(new SimpleSpan("t", "s1", null),
					new SimpleSpan("t", "s2", null), new SimpleSpan(null, "s3", "s2")))));
	}

	@Test
	void decode_hugeMsgId_isABigInteger() {
		assertThat(((Message) decode("{\"type\": \"x\", \"msg_id\": 123456789012345678901234567890}")).msgId())
			.isEqualTo(new BigInteger("123456789012345678901234567890"));
	}

	@Test
	void decode_badEnvelopeMember_isUnreadable_withTheAddressesReadBeforeIt() {
		assertUnreadable(decode("{\"src\": 1, \"dest\": \"d\", \"body\": {}}"), null, null, "src: expected a string, found a number");
		assertUnreadable(decode("{\"src\": \"c\", \"body\": {}}"), "c", null, "dest: missing");
		assertUnreadable(decode("{\"src\": \"c\", \"dest\": \"d\", \"body\": [1]}"), "c", "d",
				"body: expected an object, found a list");
		assertUnreadable(decode("{\"src\": \"c\", \"dest\": \"d\"}"), null, null,
				"expected a message {\"src\", \"dest\", \"body\"} or a bare body with \"type\"");
		assertUnreadable(decode("[1]"), null, null, "message: expected an object, found a list");
	}

	@Test
	void decode_syntaxErrorAfterABadMember_isTheAnswer() {
		Decoded decoded = decode("{\"src\": 1, \"body\": {\"type\": 2}, \"x\": tru}");

		assertThat(decoded).isInstanceOf(Unreadable.class);
		assertThat(((Unreadable) decoded).error().getMessage()).startsWith("malformed JSON: Unrecognized token 'tru'");
	}

	@Test
	void decode_badBodyMember_isRefused_afterTheEnvelopeWasRead() {
		assertRefused(decode("{\"src\": \"c\", \"dest\": \"d\", \"body\": {\"type\": \"init\", \"msg_id\": 1.5}}"), null, 12,
				"body.msg_id: expected an integer, found a number");
		assertRefused(decode("{\"src\": \"c\", \"dest\": \"d\", \"body\": {\"type\": \"init\", \"msg_id\": 4}}"), 4L, 12,
				"node_id: missing");
		assertRefused(decode("{\"src\": \"c\", \"dest\": \"d\", \"body\": {\"type\": \"echo\", \"msg_id\": 5}}"), 5L, 10,
				"unsupported message type 'echo'");
		assertRefused(decode("{\"type\": \"reconstruct_trace\", \"spans\": [{\"span_id\": \"\"}], \"src\": \"c\", \"dest\": \"d\", "
				+ "\"body\": {\"type\": \"http_request\", \"path\": \"/\", \"headers\": {\"traceparent\": [1]}}}"), null, 12,
				"headers.traceparent: expected a string or a list of strings");
	}

	@Test
	void decoded_isImmutable() {
		Message http = (Message) decode("{\"type\": \"http_request\", \"path\": \"/\", \"headers\": {\"traceparent\": [\"a\"]}}");
		Map<String, List<String>> headers = ((HttpRequest) http.request()).headers();
		Message trace = (Message) decode("{\"type\": \"reconstruct_trace\", \"spans\": [{\"span_id\": \"s1\"}]}");
		List<SimpleSpan> spans = ((ReconstructTrace) trace.request()).spans();

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.put("x", List.of()));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.get("traceparent").add("b"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(spans::clear);
	}

	private Decoded decode(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return decoder.decode(bytes, bytes.length);
	}

	private static void assertUnreadable(Decoded decoded, String src, String dest, String text) {
		assertThat(decoded).isInstanceOf(Unreadable.class);
		Unreadable unreadable = (Unreadable) decoded;
		assertThat(unreadable.src()).isEqualTo(src);
		assertThat(unreadable.dest()).isEqualTo(dest);
		assertThat(unreadable.error().code()).isEqualTo(NodeError.MALFORMED_REQUEST);
		assertThat(unreadable.error().getMessage()).isEqualTo(text);
	}

	private static void assertRefused(Decoded decoded, Long msgId, int code, String text) {
		assertThat(decoded).isInstanceOf(Message.class);
		Message message = (Message) decoded;
		assertThat(message.msgId()).isEqualTo(msgId);
		assertThat(message.request()).isInstanceOf(Refused.class);
		NodeError error = ((Refused) message.request()).error();
		assertThat(error.code()).isEqualTo(code);
		assertThat(error.getMessage()).isEqualTo(text);
	}

}
