package dev.tracer.core.context;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link TraceState} API. The spec's rules, case by case, are in
 * {@link TracestateHeaderFormatConformanceTest} and {@link ProcessingModelConformanceTest}.
 */
class TraceStateTest {

	static final String HEADER = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";

	static TraceState parsed(String header) {
		ParseResult<TraceState> result = TraceState.parse(header);
		assertThat(result.isAccepted()).as("%s", result).isTrue();
		return result.value();
	}

	@Test
	void empty_hasNoMembersAndTheEmptyHeader() {
		assertThat(TraceState.EMPTY.isEmpty()).isTrue();
		assertThat(TraceState.EMPTY.members()).isEmpty();
		assertThat(TraceState.EMPTY.header()).isEmpty();
		assertThat(TraceState.EMPTY).hasToString("TraceState[]");
	}

	@Test
	void parse_nullString_isEmpty() {
		assertThat(TraceState.parse((String) null)).isEqualTo(ParseResult.accepted(TraceState.EMPTY));
	}

	@Test
	void parse_nullOrEmptyList_isEmpty() {
		assertThat(TraceState.parse((List<String>) null).value()).isSameAs(TraceState.EMPTY);
		assertThat(TraceState.parse(List.of()).value()).isSameAs(TraceState.EMPTY);
	}

	@Test
	void parse_listWithNullElements_readsThemAsEmptyFields() {
		assertThat(TraceState.parse(Arrays.asList(null, "rojo=1", null)).value()).isEqualTo(parsed("rojo=1"));
		assertThat(TraceState.parse(Arrays.asList((String) null)).value()).isSameAs(TraceState.EMPTY);
	}

	@Test
	void parse_list_isTheSameAsTheJoinedHeader() {
		List<String> fields = List.of("rojo=00f067aa0ba902b7", " congo=t61rcWkgMzE ");

		assertThat(TraceState.parse(fields)).isEqualTo(TraceState.parse(String.join(",", fields)));
	}

	@Test
	void parse_singleElementList_isTheSameAsTheString() {
		assertThat(TraceState.parse(List.of(HEADER))).isEqualTo(TraceState.parse(HEADER));
	}

	@Test
	void members_leftToRight() {
		assertThat(parsed(HEADER).members()).containsExactly(new TraceState.Member("rojo", W3CSamples.PARENT_ID),
				new TraceState.Member("congo", "t61rcWkgMzE"));
	}

	@Test
	void members_areUnmodifiable() {
		List<TraceState.Member> members = parsed(HEADER).members();

		assertThatThrownBy(() -> members.add(new TraceState.Member("a", "b")))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void header_hasNoOptionalWhitespaceNorEmptyMembers() {
		assertThat(parsed(" ,rojo=00f067aa0ba902b7 ,\t, congo=t61rcWkgMzE\t,").header()).isEqualTo(HEADER);
	}

	@Test
	void header_keepsLeadingSpacesOfAValue() {
		assertThat(parsed("rojo=  x  ").header()).isEqualTo("rojo=  x");
	}

	@Test
	void get_returnsTheValueOrNull() {
		TraceState state = parsed(HEADER);

		assertThat(state.get("congo")).isEqualTo("t61rcWkgMzE");
		assertThat(state.get("rojo")).isEqualTo(W3CSamples.PARENT_ID);
		assertThat(state.get("missing")).isNull();
		assertThat(TraceState.EMPTY.get("rojo")).isNull();
	}

	@Test
	void get_null_throwsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> TraceState.EMPTY.get(null))
			.withMessage("key must not be null");
	}

	@Test
	void withEntry_onEmpty_isTheOneEntry() {
		TraceState state = TraceState.EMPTY.withEntry("rojo", W3CSamples.PARENT_ID);

		assertThat(state.header()).isEqualTo("rojo=00f067aa0ba902b7");
		assertThat(state.isEmpty()).isFalse();
	}

	@Test
	void withEntry_newKey_goesOnTheLeft() {
		assertThat(parsed("congo=t61rcWkgMzE").withEntry("rojo", W3CSamples.PARENT_ID).header()).isEqualTo(HEADER);
	}

	@Test
	void withEntry_existingKey_movesToTheLeftWithTheNewValue() {
		assertThat(parsed(HEADER).withEntry("congo", "ucfJifl5GOE").header())
			.isEqualTo("congo=ucfJifl5GOE,rojo=00f067aa0ba902b7");
	}

	@Test
	void withEntry_leavesTheReceiverUnchanged() {
		TraceState state = parsed(HEADER);

		state.withEntry("congo", "ucfJifl5GOE");

		assertThat(state.header()).isEqualTo(HEADER);
	}

	@ParameterizedTest(name = "[{index}] {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			""        | v   | tracestate key must be 1 to 256 characters, was 0
			Rojo      | v   | tracestate key: expected lowercase letters, digits, '_', '-', '*', '/' or '@', found 'R' at index 0
			_rojo     | v   | tracestate key must start with a lowercase letter or a digit, found '_' at index 0
			@rojo     | v   | tracestate key must start with a lowercase letter or a digit, found '@' at index 0
			"ro jo"   | v   | tracestate key: expected lowercase letters, digits, '_', '-', '*', '/' or '@', found ' ' at index 2
			ro=jo     | v   | tracestate key: expected lowercase letters, digits, '_', '-', '*', '/' or '@', found '=' at index 2
			rojo      | ""  | tracestate value must be 1 to 256 characters, was 0
			rojo      | " " | tracestate value must not end with a space, found ' ' at index 0 (trailing spaces are optional whitespace, not part of a value)
			rojo      | "a " | tracestate value must not end with a space, found ' ' at index 1 (trailing spaces are optional whitespace, not part of a value)
			rojo      | a=b | tracestate value: expected printable ASCII (' ' to '~') except ',' and '=', found '=' at index 1
			rojo      | a,b | tracestate value: expected printable ASCII (' ' to '~') except ',' and '=', found ',' at index 1
			rojo      | "a\tb" | tracestate value: expected printable ASCII (' ' to '~') except ',' and '=', found '\\u0009' at index 1
			""")
	void withEntry_invalidEntry_throwsIllegalArgumentExceptionNamingTheRule(String key, String value, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> TraceState.EMPTY.withEntry(key, value))
			.withMessage(message);
	}

	@Test
	void withEntry_tooLongKeyOrValue_throwsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> TraceState.EMPTY.withEntry("k".repeat(257), "v"))
			.withMessage("tracestate key must be 1 to 256 characters, was 257");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceState.EMPTY.withEntry("k", "v".repeat(257)))
			.withMessage("tracestate value must be 1 to 256 characters, was 257");
	}

	@Test
	void withEntry_nonAsciiValue_throwsWithAnAsciiMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> TraceState.EMPTY.withEntry("rojo", "caf\u00e9"))
			.withMessage(
					"tracestate value: expected printable ASCII (' ' to '~') except ',' and '=', found '\\u00e9' at index 3");
	}

	@Test
	void withEntry_null_throwsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> TraceState.EMPTY.withEntry(null, "v"))
			.withMessage("tracestate key must not be null");
		assertThatNullPointerException().isThrownBy(() -> TraceState.EMPTY.withEntry("k", null))
			.withMessage("tracestate value must not be null");
	}

	@Test
	void member_maximalKeyAndValue_isValid() {
		TraceState.Member member = new TraceState.Member("a".repeat(256), "~".repeat(256));

		assertThat(member.key()).hasSize(256);
		assertThat(member.value()).hasSize(256);
	}

	@Test
	void member_toString_isTheListMember() {
		assertThat(new TraceState.Member("congo", "t61rcWkgMzE")).hasToString("congo=t61rcWkgMzE");
	}

	@Test
	void equals_comparesMembersInOrder() {
		assertThat(parsed(HEADER)).isEqualTo(parsed(" rojo=00f067aa0ba902b7 , congo=t61rcWkgMzE "))
			.hasSameHashCodeAs(parsed(HEADER + ","));
		assertThat(parsed(HEADER)).isNotEqualTo(parsed("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));
		assertThat(parsed("")).isEqualTo(TraceState.EMPTY);
	}

	@Test
	void toString_showsTheHeader() {
		assertThat(parsed(HEADER)).hasToString("TraceState[" + HEADER + "]");
	}

	@Test
	void parse_rejection_isPrintableAsciiForAnyKey() {
		Rejection rejection = TraceState.parse("rojo=1,\u00e9" + "k".repeat(40) + "=v").rejection();

		assertThat(rejection.message()).isEqualTo("tracestate: member 2 key '\\u00e9kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...': "
				+ "expected lowercase letters, digits, '_', '-', '*', '/' or '@', found '\\u00e9' at index 7");
		assertThat(rejection.index()).isEqualTo(7);
	}

}
