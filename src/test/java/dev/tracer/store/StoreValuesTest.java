package dev.tracer.store;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.tracer.testing.TestObjects.traceId;
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

}
