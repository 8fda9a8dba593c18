package dev.tracer.core.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TraceParentTest {

	static final TraceId TRACE_ID = new TraceId(W3CSamples.TRACE_ID);

	static final SpanId PARENT_ID = new SpanId(W3CSamples.PARENT_ID);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1   | 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
			cc | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 0   | 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00
			v1 | trace123                         | span_a           | 255 | 00-trace123-span_a-ff
			00 | t                                | s                | 10  | 00-t-s-0a
			""")
	void format_alwaysWritesVersion00(String version, String traceId, String parentId, int bits, String header) {
		TraceParent parent = new TraceParent(version, new TraceId(traceId), new SpanId(parentId), TraceFlags.of(bits));

		assertThat(parent.format()).isEqualTo(header);
	}

	@Test
	void format_randomIds_roundTripThroughStrictParse() {
		for (int i = 0; i < 1_000; i++) {
			TraceParent parent = new TraceParent("00", TraceId.random(), SpanId.random(), TraceFlags.of(i & 0xff));

			assertThat(TraceParentParser.parse(parent.format(), ParsePolicy.STRICT).value()).isEqualTo(parent);
			assertThat(TraceParentParser.parse(parent.format(), ParsePolicy.LENIENT).value()).isEqualTo(parent);
		}
	}

	@Test
	void sampled_followsFlags() {
		assertThat(new TraceParent("00", TRACE_ID, PARENT_ID, TraceFlags.SAMPLED).sampled()).isTrue();
		assertThat(new TraceParent("00", TRACE_ID, PARENT_ID, TraceFlags.of(0x02)).sampled()).isFalse();
	}

	@Test
	void new_nullComponent_throwsNullPointerExceptionNamingField() {
		assertThatNullPointerException().isThrownBy(() -> new TraceParent(null, TRACE_ID, PARENT_ID, TraceFlags.NONE))
			.withMessage("version must not be null");
		assertThatNullPointerException().isThrownBy(() -> new TraceParent("00", null, PARENT_ID, TraceFlags.NONE))
			.withMessage("trace-id must not be null");
		assertThatNullPointerException().isThrownBy(() -> new TraceParent("00", TRACE_ID, null, TraceFlags.NONE))
			.withMessage("parent-id must not be null");
		assertThatNullPointerException().isThrownBy(() -> new TraceParent("00", TRACE_ID, PARENT_ID, null))
			.withMessage("trace-flags must not be null");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			""    | version must not be empty
			0-0   | version must not contain '-' (the traceparent separator), found at index 1
			"0 0" | version must not contain whitespace or control characters, found ' ' at index 1
			""")
	void new_invalidVersion_throwsIllegalArgumentExceptionNamingField(String version, String message) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TraceParent(version, TRACE_ID, PARENT_ID, TraceFlags.NONE))
			.withMessage(message);
	}

	@Test
	void childOf_writesVersion00_sameTraceId_newParent_knownFlagsOnly() {
		TraceParent received = TraceParentParser
			.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff-what-the-future-will-be-like",
					ParsePolicy.STRICT)
			.value();

		TraceParent child = received.childOf(new SpanId("b7ad6b7169203331"));

		assertThat(child.format()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-03");
	}

}
