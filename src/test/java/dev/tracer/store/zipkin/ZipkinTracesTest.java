package dev.tracer.store.zipkin;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import dev.tracer.testing.W3CSamples;

import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Reading the answer of {@code GET /api/v2/traces}: a list of traces, each a list of spans. */
class ZipkinTracesTest {

	private static final String SPAN_A = "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7\","
			+ "\"name\":\"get [/]\",\"tags\":{\"q\":\"]],[[\"}}";

	private static final String SPAN_B = "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
			+ "\"parentId\":\"00f067aa0ba902b7\",\"id\":\"b7ad6b7169203331\"}";

	private static final String SPAN_C = "{\"traceId\":\"a3ce929d0e0e4736\",\"id\":\"0000000000000001\"}";

	@Test
	void decode_twoTraces_inOrder_bracketsInStringsIgnored() {
		List<List<Span>> traces = decode(" [ [" + SPAN_A + ", " + SPAN_B + "] ,\n[" + SPAN_C + "] ] ");

		assertThat(traces).hasSize(2);
		assertThat(traces.get(0)).extracting(Span::id).containsExactly(W3CSamples.PARENT_ID, "b7ad6b7169203331");
		assertThat(traces.get(0).get(0).tags()).containsEntry("q", "]],[[");
		assertThat(traces.get(1)).extracting(Span::traceId).containsExactly("a3ce929d0e0e4736");
	}

	@Test
	void decode_none_empty() {
		assertThat(decode("[]")).isEmpty();
	}

	@Test
	void decode_nonAsciiBeforeATrace_offsetsAreBytes() {
		String withUmlaut = SPAN_A.replace("get [/]", "gët ümlaut");

		List<List<Span>> traces = decode("[[" + withUmlaut + "],[" + SPAN_C + "]]");

		assertThat(traces.get(0).get(0).name()).isEqualTo("gët ümlaut");
		assertThat(traces.get(1).get(0).id()).isEqualTo("0000000000000001");
	}

	@Test
	void decode_notAnArray_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> decode("{\"traces\": []}"))
			.withMessage("expected a JSON array of traces");
	}

	@Test
	void decode_spanWhereATraceShouldBe_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> decode("[" + SPAN_C + "]"))
			.withMessage("expected a JSON array of spans for trace 0, found START_OBJECT");
	}

	@Test
	void decode_truncated_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> decode("[[" + SPAN_A))
			.withMessageStartingWith("malformed JSON: ");
	}

	@Test
	void decode_invalidSpan_throwsWithTheCodecsReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> decode("[[{\"traceId\":\"XYZ\",\"id\":\"1\"}]]"))
			.withMessageContaining("XYZ");
	}

	private static List<List<Span>> decode(String json) {
		return ZipkinTraces.decode(json.getBytes(StandardCharsets.UTF_8));
	}

}
