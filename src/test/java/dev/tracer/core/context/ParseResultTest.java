package dev.tracer.core.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ParseResultTest {

	static final Rejection REJECTION = new Rejection("version", "ff is forbidden", 0);

	@Test
	void accepted_holdsValue() {
		ParseResult<String> result = ParseResult.accepted("x");

		assertThat(result.isAccepted()).isTrue();
		assertThat(result.value()).isEqualTo("x");
		assertThat(result).hasToString("accepted(x)").isEqualTo(ParseResult.accepted("x"));
	}

	@Test
	void accepted_rejection_throwsIllegalStateException() {
		assertThatIllegalStateException().isThrownBy(() -> ParseResult.accepted("x").rejection())
			.withMessage("No rejection, the input was accepted: x");
	}

	@Test
	void rejected_holdsRejection() {
		ParseResult<String> result = ParseResult.rejected(REJECTION);

		assertThat(result.isAccepted()).isFalse();
		assertThat(result.rejection()).isSameAs(REJECTION);
		assertThat(result).hasToString("rejected(version: ff is forbidden)")
			.isEqualTo(ParseResult.rejected(new Rejection("version", "ff is forbidden", 0)))
			.isNotEqualTo(ParseResult.accepted("x"));
	}

	@Test
	void rejected_value_throwsIllegalStateExceptionSayingWhy() {
		assertThatIllegalStateException().isThrownBy(() -> ParseResult.rejected(REJECTION).value())
			.withMessage("No value, the input was rejected: version: ff is forbidden");
	}

	@Test
	void factories_null_throwNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> ParseResult.accepted(null))
			.withMessage("value must not be null");
		assertThatNullPointerException().isThrownBy(() -> ParseResult.rejected(null))
			.withMessage("rejection must not be null");
	}

}
