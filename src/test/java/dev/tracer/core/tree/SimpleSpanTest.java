package dev.tracer.core.tree;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SimpleSpanTest {

	@Test
	void constructor_nullSpanId() {
		assertThatNullPointerException().isThrownBy(() -> new SimpleSpan("t1", null, null)).withMessage("spanId");
	}

	@Test
	void constructor_emptySpanId() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SimpleSpan("t1", "", null))
			.withMessageContaining("spanId");
	}

	@Test
	void constructor_withoutStart_startUnknown() {
		assertThat(new SimpleSpan("t1", "s2", "s1")).isEqualTo(new SimpleSpan("t1", "s2", "s1", 0L));
	}

	@Test
	void constructor_nullTraceIdAndParentId_allowed() {
		SimpleSpan span = new SimpleSpan(null, "s1", null);

		assertThat(span.traceId()).isNull();
		assertThat(span.parentId()).isNull();
		assertThat(span.startMicros()).isZero();
	}

}
