package dev.tracer.core.context;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link TraceId}: the contract it shares with {@link SpanId}, and its own 32-hex rules and forms. */
class TraceIdTest extends IdContractTest<TraceId> {

	TraceIdTest() {
		super(new IdType<>("trace-id", 32, TraceId.INVALID, TraceId::random, TraceId::random, TraceId::new, TraceId::value,
				TraceId::isW3C));
	}

	@Test
	void random_writesHighLongThenLowLongAsLowercaseHex() {
		TraceId id = TraceId.random(sequence(0x0123456789abcdefL, 0xfedcba9876543210L));

		assertThat(id.value()).isEqualTo("0123456789abcdeffedcba9876543210");
	}

	@Test
	void random_allZeros_drawsAgain() {
		TraceId id = TraceId.random(sequence(0, 0, 0, 1));

		assertThat(id.value()).isEqualTo("00000000000000000000000000000001");
		assertThat(id.isW3C()).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			4bf92f3577b34da6a3ce929d0e0e4736  | true
			00000000000000000000000000000001  | true
			00000000000000000000000000000000  | false
			4BF92F3577B34DA6A3CE929D0E0E4736  | false
			4bf92f3577b34da6a3ce929d0e0e473   | false
			4bf92f3577b34da6a3ce929d0e0e47360 | false
			4bf92f3577b34da6a3ce929d0e0e473g  | false
			trace123                          | false
			""")
	void isW3C_requiresThirtyTwoLowercaseHexNotAllZeros(String value, boolean w3c) {
		assertThat(new TraceId(value).isW3C()).isEqualTo(w3c);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			4bf92f3577b34da6a3ce929d0e0e4736
			00000000000000000000000000000000
			ffffffffffffffffffffffffffffffff
			""")
	void equals_parsedAndConstructedFromText_sameValueSameIdSameHash(String value) {
		TraceId parsed = TraceParentParser.parse("00-" + value + "-00f067aa0ba902b7-01", ParsePolicy.LENIENT)
			.value()
			.traceId();
		TraceId decoded = TraceId.ofHex(Long.parseUnsignedLong(value.substring(0, 16), 16),
				Long.parseUnsignedLong(value.substring(16), 16));

		assertThat(decoded).isEqualTo(new TraceId(value)).isEqualTo(parsed).hasSameHashCodeAs(new TraceId(value));
		assertThat(decoded.value()).isEqualTo(value);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			4bf92f3577b34da6a3ce929d0e0e4737
			4BF92F3577B34DA6A3CE929D0E0E4736
			4bf92f3577b34da6a3ce929d0e0e47360
			trace123
			""")
	void equals_differentText_notEqual(String other) {
		TraceId hex = TraceId.ofHex(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L);

		assertThat(hex).isNotEqualTo(new TraceId(other));
		assertThat(new TraceId(other)).isNotEqualTo(hex).isEqualTo(new TraceId(other));
	}

	@Test
	void equals_halvesSwapped_notEqual() {
		assertThat(TraceId.ofHex(1, 2)).isNotEqualTo(TraceId.ofHex(2, 1));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			""          | trace-id must not be empty
			trace-123   | trace-id must not contain '-' (the traceparent separator), found at index 5
			"trace 123" | trace-id must not contain whitespace or control characters, found ' ' at index 5
			"\ttrace"   | trace-id must not contain whitespace or control characters, found '\\u0009' at index 0
			"trace\u00a0" | trace-id must not contain whitespace or control characters, found '\\u00a0' at index 5
			""")
	void new_invalidValue_throwsIllegalArgumentExceptionNamingField(String value, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceId(value)).withMessage(message);
	}

	@ParameterizedTest
	@CsvSource({ "abcdef0123456781, 0000000000000000abcdef0123456781",
			"ABCDEF0123456781, 0000000000000000abcdef0123456781",
			"0000000000000000ABCDEF0123456781, 0000000000000000abcdef0123456781",
			"0000000000000000abcdef0123456781, 0000000000000000abcdef0123456781",
			"4bf92f3577b34da6a3ce929d0e0e4736, 4bf92f3577b34da6a3ce929d0e0e4736",
			"4bf92f3577b34da60000000000000000, 4bf92f3577b34da60000000000000000",
			"trace123, trace123", "ABC, abc", "abcdef012345678, abcdef012345678" })
	void w3cForm_anyText_sixteenHexPaddedOthersLowercased(String id, String expected) {
		assertThat(TraceId.w3cForm(id)).isEqualTo(expected);
	}

	@Test
	void w3cForm_edgeIds_sameFormFromEitherLength() {
		for (String id : EdgeTraceIds.generate(0x3c_f0_44L, 20)) {
			assertThat(TraceId.w3cForm(id)).isEqualTo(id);
			if (id.startsWith("0000000000000000")) {
				assertThat(TraceId.w3cForm(id.substring(16))).isEqualTo(id);
				assertThat(TraceId.w3cForm(id.substring(16).toUpperCase(Locale.ROOT))).isEqualTo(id);
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "abcdef0123456781, 0000000000000000abcdef0123456781",
			"ABCDEF0123456781, 0000000000000000abcdef0123456781",
			"0000000000000000ABCDEF0123456781, 0000000000000000abcdef0123456781",
			"4bf92f3577b34da6a3ce929d0e0e4736, 4bf92f3577b34da6a3ce929d0e0e4736" })
	void parseHex_sixteenOrThirtyTwoHex_oneValuePrintedOneWay(String id, String expected) {
		TraceId parsed = TraceId.parseHex(id);

		assertThat(parsed.value()).isEqualTo(expected);
		assertThat(parsed).isEqualTo(TraceId.parseHex(expected)).isEqualTo(new TraceId(expected));
		assertThat(parsed.value()).isEqualTo(TraceId.w3cForm(id));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "'' | expected 16 or 32 hex characters, found 0 characters",
			"not-a-trace-id | expected 16 or 32 hex characters, found 14 characters",
			"abcdef012345678g | expected 16 or 32 hex characters, found 'g' at index 15",
			"4bf92f3577b34da6-3ce929d0e0e4736 | expected 16 or 32 hex characters, found '-' at index 16" })
	void parseHex_anythingElse_refusedWithTheRuleAndThePlace(String id, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> TraceId.parseHex(id)).withMessage(message);
	}

}
