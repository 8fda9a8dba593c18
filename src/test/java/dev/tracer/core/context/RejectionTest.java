package dev.tracer.core.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class RejectionTest {

	@Test
	void message_isFieldColonReason() {
		Rejection rejection = new Rejection("trace-id", "expected 32 lowercase hex characters, found 'Z' at index 7", 7);

		assertThat(rejection.message()).isEqualTo("trace-id: expected 32 lowercase hex characters, found 'Z' at index 7");
	}

	@Test
	void new_minusOne_meansNoHeader() {
		assertThat(new Rejection("traceparent", "header is missing", -1).index()).isEqualTo(-1);
	}

	@Test
	void new_indexBelowMinusOne_throwsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Rejection("version", "x", -2))
			.withMessage("index must be -1 (no header) or a position, was -2");
	}

	@Test
	void new_nullComponent_throwsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> new Rejection(null, "x", 0))
			.withMessage("field must not be null");
		assertThatNullPointerException().isThrownBy(() -> new Rejection("version", null, 0))
			.withMessage("reason must not be null");
	}

}
