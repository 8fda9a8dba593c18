package dev.tracer.store;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The records check what they can on their own; the store's invariants are in the contract test. */
class StoreValuesTest {

	@Test
	void traceSummary_nullTraceId_throws() {
		assertThatNullPointerException().isThrownBy(() -> new TraceSummary(null, null, null, 0, 0, 0, 0, List.of(), 0, 0, 0))
			.withMessage("traceId");
	}

	@Test
	void traceSummary_moreErrorsThanSpans_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceSummary("t1", null, null, 1, 0, 0, 2, List.of(), 0, 0, 0))
			.withMessage("errorCount not in [0, spanCount]: 2");
	}

	@Test
	void traceSummary_negativeDuration_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceSummary("t1", null, null, 1, 0, -1, 0, List.of(), 0, 0, 0))
			.withMessage("durationMicros < 0: -1");
	}

	@Test
	void storeStats_negativeCounter_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StoreStats(-1, 0, 0, 0, 0, 1))
			.withMessage("spansAccepted < 0: -1");
	}

	@Test
	void storeStats_maxSpansBelowOne_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StoreStats(0, 0, 0, 0, 0, 0))
			.withMessage("maxSpans < 1: 0");
	}

	@Test
	void traceSummaryOf_endsPastLongMax_durationSaturates() {
		TraceSummary summary = TraceSummary.of(traceId(1), List.of(
				Span.newBuilder().traceId(traceId(1)).id(1).timestamp(1).duration(Long.MAX_VALUE).build(),
				Span.newBuilder().traceId(traceId(1)).id(2).parentId(1).timestamp(Long.MAX_VALUE)
					.duration(Long.MAX_VALUE).build()));

		assertThat(summary.startMicros()).isEqualTo(1);
		assertThat(summary.durationMicros()).isEqualTo(Long.MAX_VALUE - 1);
		assertThat(summary.problem()).isNull();
	}

	@Test
	void traceSummaryOf_unreadableTrace_isFlaggedWithTheReasonNotThrown() {
		List<Span> spans = Arrays.asList(Span.newBuilder().traceId(traceId(1)).id(1).build(),
				null);

		TraceSummary summary = TraceSummary.of("ABCDEF0123456781", spans);

		assertThat(summary.traceId()).isEqualTo("0000000000000000abcdef0123456781");
		assertThat(summary.spanCount()).isEqualTo(2);
		assertThat(summary.problem())
			.startsWith("the trace could not be summarised: java.lang.NullPointerException");
	}

}
