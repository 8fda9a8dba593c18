package dev.tracer.core.context;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every valid trace id comes back exactly as it was sent, through everything the core does with it:
 * parse, the two longs an engine holds ({@link TraceId#ofHex}), the header written for a child, the
 * header written back. {@link EdgeTraceIds} has the ids.
 */
class TraceIdRoundTripTest {

	private static final SpanId CALLER = new SpanId(W3CSamples.PARENT_ID);

	private static final SpanId CHILD = new SpanId("53ce929d0e0e4736");

	static List<String> traceIds() {
		return EdgeTraceIds.generate(0x9e37_79b9L, 25);
	}

	@ParameterizedTest
	@MethodSource("traceIds")
	void traceId_roundTripsThroughParseLongsAndFormat(String traceId) {
		String header = "00-" + traceId + "-" + CALLER.value() + "-01";

		ParseResult<TraceParent> parsed = TraceParentParser.parse(header, ParsePolicy.STRICT);

		assertThat(parsed.isAccepted()).as(header).isTrue();
		TraceId id = parsed.value().traceId();
		assertThat(id.value()).isEqualTo(traceId);
		assertThat(id.isW3C()).isTrue();
		assertThat(TraceId.ofHex(id.high(), id.low()).value()).as("from the two longs").isEqualTo(traceId);
		assertThat(new TraceId(traceId)).isEqualTo(id);
		assertThat(parsed.value().format()).as("written back").isEqualTo(header);
		assertThat(parsed.value().childOf(CHILD).format()).isEqualTo("00-" + traceId + "-" + CHILD.value() + "-01");
	}

	@ParameterizedTest
	@MethodSource("traceIds")
	void traceId_generatedIdsAreW3CValid(String traceId) {
		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
	}

}
