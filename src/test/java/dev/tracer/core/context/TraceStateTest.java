package dev.tracer.core.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TraceStateTest {

	@Test
	void empty_isTheEmptyHeader() {
		assertThat(TraceState.EMPTY.header()).isEmpty();
		assertThat(new TraceState("")).isEqualTo(TraceState.EMPTY);
	}

	@Test
	void new_keepsTheRawHeader() {
		assertThat(new TraceState(" rojo=00f067aa0ba902b7,congo=t61rcWkgMzE").header())
			.isEqualTo(" rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
	}

	@Test
	void new_null_throwsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> new TraceState(null))
			.withMessage("tracestate must not be null, use TraceState.EMPTY");
	}

}
