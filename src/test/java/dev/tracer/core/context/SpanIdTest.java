package dev.tracer.core.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link SpanId}: the contract it shares with {@link TraceId}, and its own 16-hex rules. */
class SpanIdTest extends IdContractTest<SpanId> {

	SpanIdTest() {
		super(new IdType<>("span-id", 16, SpanId.INVALID, SpanId::random, SpanId::random, SpanId::new, SpanId::value,
				SpanId::isW3C));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0x0123456789abcdef | 0123456789abcdef
			-1                 | ffffffffffffffff
			1                  | 0000000000000001
			0x8000000000000000 | 8000000000000000
			""")
	void random_writesTheLongAsSixteenLowercaseHex(String number, String expected) {
		long value = number.startsWith("0x") ? Long.parseUnsignedLong(number.substring(2), 16) : Long.parseLong(number);

		assertThat(SpanId.random(sequence(value)).value()).isEqualTo(expected);
	}

	@Test
	void random_zero_drawsAgain() {
		assertThat(SpanId.random(sequence(0, 0, 5)).value()).isEqualTo("0000000000000005");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			00f067aa0ba902b7  | true
			0000000000000001  | true
			0000000000000000  | false
			00F067AA0BA902B7  | false
			00f067aa0ba902b   | false
			00f067aa0ba902b57 | false
			span_a            | false
			""")
	void isW3C_requiresSixteenLowercaseHexNotAllZeros(String value, boolean w3c) {
		assertThat(new SpanId(value).isW3C()).isEqualTo(w3c);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			00f067aa0ba902b7
			0000000000000000
			ffffffffffffffff
			""")
	void equals_decodedAndConstructedFromText_sameValueSameIdSameHash(String value) {
		SpanId decoded = SpanId.ofHex(Long.parseUnsignedLong(value, 16));

		assertThat(decoded).isEqualTo(new SpanId(value)).hasSameHashCodeAs(new SpanId(value));
		assertThat(new SpanId(value)).isEqualTo(decoded);
		assertThat(decoded.value()).isEqualTo(value);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			00f067aa0ba902b8
			00F067AA0BA902B7
			00f067aa0ba902b70
			span_a
			""")
	void equals_differentText_notEqual(String other) {
		SpanId hex = SpanId.ofHex(0x00f067aa0ba902b7L);

		assertThat(hex).isNotEqualTo(new SpanId(other));
		assertThat(new SpanId(other)).isNotEqualTo(hex).isEqualTo(new SpanId(other));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			""         | span-id must not be empty
			-          | span-id must not contain '-' (the traceparent separator), found at index 0
			"span a"   | span-id must not contain whitespace or control characters, found ' ' at index 4
			"span\r"   | span-id must not contain whitespace or control characters, found '\\u000d' at index 4
			""")
	void new_invalidValue_throwsIllegalArgumentExceptionNamingField(String value, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> new SpanId(value)).withMessage(message);
	}

}
