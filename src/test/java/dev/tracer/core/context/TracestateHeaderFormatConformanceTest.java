package dev.tracer.core.context;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C Trace Context Level 2, section 3 "Trace Context HTTP Request Headers Format", the
 * {@code tracestate} part ({@code spec/20-http_request_header_format.md}): one nested class per
 * subsection, each case named after the sentence or ABNF rule it checks. Member numbers in messages
 * count comma-separated elements from 1; indices count characters from 0 in the joined header.
 */
class TracestateHeaderFormatConformanceTest {

	static TraceState accepted(String header) {
		ParseResult<TraceState> result = TraceState.parse(header);
		assertThat(result.isAccepted()).as("%s: %s", header, result).isTrue();
		return result.value();
	}

	static void assertRejected(String header, int index, String message) {
		ParseResult<TraceState> result = TraceState.parse(header);
		assertThat(result.isAccepted()).as("%s: %s", header, result).isFalse();
		assertThat(result.rejection().message()).isEqualTo(message);
		assertThat(result.rejection().field()).isEqualTo("tracestate");
		assertThat(result.rejection().index()).isEqualTo(index);
	}

	/** {@code k0=v0,k1=v1,...}: {@code count} members. */
	static String members(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "k" + i + "=v" + i).collect(Collectors.joining(","));
	}

	@Nested
	@DisplayName("Relationship Between the Headers and Examples of tracestate HTTP Headers")
	class Examples {

		@ParameterizedTest(name = "[{index}] tracestate: {0}")
		@DisplayName("the spec's example headers are accepted and sent on unchanged")
		@CsvSource(delimiter = '|', textBlock = """
				congo=t61rcWkgMzE                                 | congo | t61rcWkgMzE
				rojo=00f067aa0ba902b7,congo=t61rcWkgMzE           | rojo  | 00f067aa0ba902b7
				congo=ucfJifl5GOE,rojo=00f067aa0ba902b7           | congo | ucfJifl5GOE
				rojo=00f067aa0ba902b7                             | rojo  | 00f067aa0ba902b7
				vendorname1=opaqueValue1,vendorname2=opaqueValue2 | vendorname1 | opaqueValue1
				""")
		void specExample_isAccepted(String header, String firstKey, String firstValue) {
			TraceState state = accepted(header);

			assertThat(state.members().get(0)).isEqualTo(new TraceState.Member(firstKey, firstValue));
			assertThat(state.header()).isEqualTo(header);
		}

		@Test
		@DisplayName("\"The receiving server, traced in the Rojo tracing system, carries over the tracestate it received and adds a new entry to the left\"")
		void rojo_addsItsEntryToTheLeft() {
			assertThat(accepted("congo=t61rcWkgMzE").withEntry("rojo", W3CSamples.PARENT_ID).header())
				.isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
		}

		@Test
		@DisplayName("\"If the next receiving server uses Congo, it carries over the tracestate from Rojo and adds a new entry for the parent to the left of the previous entry\"")
		void congo_replacesItsEntryOnTheLeft() {
			assertThat(accepted("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE").withEntry("congo", "ucfJifl5GOE").header())
				.isEqualTo("congo=ucfJifl5GOE,rojo=00f067aa0ba902b7");
		}

	}

	@Nested
	@DisplayName("tracestate Header Field Values: list")
	class ListRules {

		@ParameterizedTest(name = "[{index}] \"{0}\"")
		@DisplayName("\"Spaces and horizontal tabs surrounding list-members are ignored\" and \"Empty and whitespace-only list members are allowed\" (list = list-member 0*31( OWS \",\" OWS list-member ); list-member = OWS)")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				# spaces and tabs around list-members
				" rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"
				"rojo=00f067aa0ba902b7 ,congo=t61rcWkgMzE"
				"rojo=00f067aa0ba902b7, congo=t61rcWkgMzE"
				"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE "
				"\trojo=00f067aa0ba902b7\t,\tcongo=t61rcWkgMzE\t"
				" \t rojo=00f067aa0ba902b7 \t , \t congo=t61rcWkgMzE \t "
				# empty and whitespace-only list-members
				",rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"
				"rojo=00f067aa0ba902b7,,congo=t61rcWkgMzE"
				"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,"
				"rojo=00f067aa0ba902b7, ,congo=t61rcWkgMzE"
				",, \t ,rojo=00f067aa0ba902b7,\t,congo=t61rcWkgMzE, ,"
				""")
		void owsAroundAndEmptyListMembers_areIgnored(String header) {
			assertThat(accepted(header).header()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
		}

		@ParameterizedTest(name = "[{index}] \"{0}\"")
		@DisplayName("\"Vendors MUST accept empty tracestate headers\"")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				""
				" "
				"\t"
				","
				" , \t ,"
				""")
		void emptyHeader_isAccepted(String header) {
			assertThat(accepted(header)).isSameAs(TraceState.EMPTY);
		}

		@Test
		@DisplayName("\"There can be a maximum of 32 list-members in a list\": 32 are accepted")
		void thirtyTwoMembers_areAccepted() {
			assertThat(accepted(members(32)).members()).hasSize(32);
		}

		@Test
		@DisplayName("\"There can be a maximum of 32 list-members in a list\": a 33rd rejects the header")
		void thirtyThreeMembers_areRejected() {
			String header = members(33);
			int index = header.indexOf("k32=");

			assertRejected(header, index,
					"tracestate: member 33: expected at most 32 list-members, found a 33rd at index " + index);
		}

		@Test
		@DisplayName("\"There can be a maximum of 32 list-members in a list\": empty list-members do not count (our reading)")
		void thirtyTwoMembersAndEmptyOnes_areAccepted() {
			assertThat(accepted(",," + members(32).replace(",", ", ,") + ",").members()).hasSize(32);
		}

	}

	@Nested
	@DisplayName("tracestate Header Field Values: key")
	class KeyRules {

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("key = ( lcalpha / DIGIT ) 0*255 ( keychar ); keychar = lcalpha / DIGIT / \"_\" / \"-\"/ \"*\" / \"/\" / \"@\"")
		@CsvSource(delimiter = '|', textBlock = """
				a
				z
				0
				9
				rojo
				0rojo
				a_b-c*d/e@f
				abcdefghijklmnopqrstuvwxyz0123456789_-*/@
				# Level 1 multi-tenant keys (tenant-id "@" system-id) are Level 2 keys
				fw529a3039@dt
				1@rojo
				tenant@system-id12
				# '@' is a keychar like any other in Level 2: anywhere after the first character, any number of times
				a@b@c
				a@
				a@1
				a@@
				t@systemidlongerthan14
				""")
		void key_followingTheGrammar_isAccepted(String key) {
			assertThat(accepted(key + "=v").get(key)).isEqualTo("v");
		}

		@Test
		@DisplayName("\"A key MUST ... contain up to 256 characters\": 256 are accepted")
		void key256Characters_isAccepted() {
			String key = "k".repeat(256);

			assertThat(accepted(key + "=v").get(key)).isEqualTo("v");
		}

		@Test
		@DisplayName("\"A key MUST ... contain up to 256 characters\": 257 are rejected")
		void key257Characters_isRejected() {
			assertRejected("rojo=1," + "k".repeat(257) + "=v", 263,
					"tracestate: member 2 key 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...': expected at most 256 characters, found 257, the 257th at index 263");
		}

		@ParameterizedTest(name = "[{index}] \"{0}\"")
		@DisplayName("\"A key MUST begin with a lowercase letter or a digit\" and contain only lowercase letters, digits, '_', '-', '*', '/' and '@'")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				rojo=00f067aa,Foo=1 | 14 | tracestate: member 2 key 'Foo': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found 'F' at index 14
				ROJO=1              | 0  | tracestate: member 1 key 'ROJO': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found 'R' at index 0
				roJo=1              | 2  | tracestate: member 1 key 'roJo': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found 'J' at index 2
				_rojo=1             | 0  | tracestate: member 1 key '_rojo': expected a lowercase letter or a digit first, found '_' at index 0
				-rojo=1             | 0  | tracestate: member 1 key '-rojo': expected a lowercase letter or a digit first, found '-' at index 0
				*rojo=1             | 0  | tracestate: member 1 key '*rojo': expected a lowercase letter or a digit first, found '*' at index 0
				/rojo=1             | 0  | tracestate: member 1 key '/rojo': expected a lowercase letter or a digit first, found '/' at index 0
				@rojo=1             | 0  | tracestate: member 1 key '@rojo': expected a lowercase letter or a digit first, found '@' at index 0
				ro.jo=1             | 2  | tracestate: member 1 key 'ro.jo': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found '.' at index 2
				"ro jo=1"           | 2  | tracestate: member 1 key 'ro jo': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found ' ' at index 2
				"rojo =1"           | 4  | tracestate: member 1 key 'rojo ': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found ' ' at index 4
				"rojo\t=1"          | 4  | tracestate: member 1 key 'rojo\\u0009': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found '\\u0009' at index 4
				=1                  | 0  | tracestate: member 1: key is empty, found '=' at index 0
				"rojo=1, =2"        | 8  | tracestate: member 2: key is empty, found '=' at index 8
				rojo                | 4  | tracestate: member 1 key 'rojo': expected '=' after the key, found the end of the member at index 4
				"rojo=1,congo ,x=2" | 12 | tracestate: member 2 key 'congo': expected '=' after the key, found the end of the member at index 12
				""")
		void key_breakingTheGrammar_rejectsTheHeader(String header, int index, String message) {
			assertRejected(header, index, message);
		}

	}

	@Nested
	@DisplayName("tracestate Header Field Values: value")
	class ValueRules {

		@ParameterizedTest(name = "[{index}] \"{0}\"")
		@DisplayName("value = 0*255(chr) nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E; chr = %x20 / nblk-chr")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				"rojo=x"                  | x
				"rojo=00f067aa0ba902b7"   | 00f067aa0ba902b7
				"rojo=a b"                | a b
				"rojo=!"                  | !
				"rojo=~"                  | ~
				"rojo=+"                  | +
				"rojo=-"                  | -
				"rojo=<"                  | <
				"rojo=>"                  | >
				"rojo=!+-<>~"             | !+-<>~
				"rojo=@:;?[]\\^_`{}"      | @:;?[]\\^_`{}
				"rojo=''"                 | ''
				""")
		void value_followingTheGrammar_isAccepted(String header, String value) {
			assertThat(accepted(header).get("rojo")).isEqualTo(value);
		}

		@Test
		@DisplayName("\"printable ASCII characters (i.e., the range 0x20 to 0x7E) except comma (,) and (=)\": every one of them")
		void value_everyAllowedCharacter_isAccepted() {
			StringBuilder value = new StringBuilder();
			for (char c = 0x21; c <= 0x7e; c++) {
				if (c != ',' && c != '=') {
					value.append(c).append(' ');
				}
			}
			value.setLength(value.length() - 1);

			assertThat(accepted("rojo=" + value).get("rojo")).isEqualTo(value.toString());
		}

		@Test
		@DisplayName("\"All leading spaces MUST be preserved as part of the value\"")
		void leadingSpaces_arePartOfTheValue() {
			TraceState state = accepted("rojo=   x");

			assertThat(state.get("rojo")).isEqualTo("   x");
			assertThat(state.header()).isEqualTo("rojo=   x");
		}

		@Test
		@DisplayName("\"All trailing spaces are considered to be optional whitespace characters not part of the value\"")
		void trailingSpaces_areNotPartOfTheValue() {
			assertThat(accepted("rojo=x   ,congo=y \t").members()).containsExactly(new TraceState.Member("rojo", "x"),
					new TraceState.Member("congo", "y"));
		}

		@Test
		@DisplayName("\"containing up to 256 printable ASCII characters\": 256 are accepted")
		void value256Characters_isAccepted() {
			assertThat(accepted("rojo=" + "v".repeat(256)).get("rojo")).hasSize(256);
		}

		@Test
		@DisplayName("\"containing up to 256 printable ASCII characters\": 257 are rejected")
		void value257Characters_isRejected() {
			assertRejected("rojo=" + "v".repeat(257), 261,
					"tracestate: member 1 value of 'rojo': expected at most 256 characters, found 257, the 257th at index 261");
		}

		@ParameterizedTest(name = "[{index}] {2}")
		@DisplayName("value characters: printable ASCII except ',' and '=', at least one, \"this also excludes tabs, newlines, carriage returns, etc.\"")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				rojo=                 | 5  | tracestate: member 1 value of 'rojo': expected 1 to 256 characters, found none at index 5
				"rojo=   "            | 5  | tracestate: member 1 value of 'rojo': expected 1 to 256 characters, found none at index 5
				"rojo=,congo=1"       | 5  | tracestate: member 1 value of 'rojo': expected 1 to 256 characters, found none at index 5
				rojo=a=b              | 6  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '=' at index 6
				rojo==                | 5  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '=' at index 5
				"rojo=a\tb"           | 6  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u0009' at index 6
				"rojo=\tb"            | 5  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u0009' at index 5
				"rojo=a\nb"           | 6  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u000a' at index 6
				"rojo=a\r\n"          | 6  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u000d' at index 6
				"rojo=a\u007f"        | 6  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u007f' at index 6
				"rojo=caf\u00e9"      | 8  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u00e9' at index 8
				"rojo=a\u00a0"        | 6  | tracestate: member 1 value of 'rojo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u00a0' at index 6
				"rojo=1,congo=\u0000" | 13 | tracestate: member 2 value of 'congo': expected printable ASCII (' ' to '~') except ',' and '=', found '\\u0000' at index 13
				""")
		void value_breakingTheGrammar_rejectsTheHeader(String header, int index, String message) {
			assertRejected(header, index, message);
		}

	}

	@Nested
	@DisplayName("Combined Header Value and several tracestate header fields")
	class CombinedHeader {

		@Test
		@DisplayName("\"Vendors SHOULD NOT delete keys that were not generated by them\": a repeated key someone else made is passed on as received")
		void duplicateKey_isPassedOnAsReceived() {
			TraceState state = accepted("congo=congosFirstPosition,rojo=rojosFirstPosition,congo=congosSecondPosition");

			assertThat(state.header())
				.isEqualTo("congo=congosFirstPosition,rojo=rojosFirstPosition,congo=congosSecondPosition");
			assertThat(state.members()).hasSize(3);
			assertThat(state.get("congo")).as("the left-most entry is the most recent").isEqualTo("congosFirstPosition");
		}

		@Test
		@DisplayName("\"Adding a key/value pair MUST NOT result in the same key being present multiple times\": every earlier entry with our key goes")
		void addingOurEntry_removesEveryRepeatOfOurKey() {
			TraceState state = accepted("congo=1,rojo=2,congo=3").withEntry("congo", "4");

			assertThat(state.header()).isEqualTo("congo=4,rojo=2");
		}

		@Test
		@DisplayName("\"Instead, the entry would be rewritten to only include the most recent position\"")
		void reentry_overwritesTheEntry() {
			assertThat(accepted("rojo=rojosFirstPosition,congo=congosFirstPosition")
				.withEntry("congo", "congosSecondPosition")
				.header()).isEqualTo("congo=congosSecondPosition,rojo=rojosFirstPosition");
		}

		@Test
		@DisplayName("\"When receiving multiple tracestate header fields, they MUST be combined into a single header\", in order")
		void severalFields_areOneListInOrder() {
			ParseResult<TraceState> result = TraceState.parse(List.of("rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE"));

			assertThat(result.value().header()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
		}

		@Test
		@DisplayName("\"Empty list members are allowed in tracestate because it is difficult for a vendor to recognize the empty value when multiple tracestate headers are sent\"")
		void severalFields_withEmptyOnes_areAccepted() {
			ParseResult<TraceState> result = TraceState.parse(List.of("", "rojo=00f067aa0ba902b7,", " ", ",congo=t61rcWkgMzE"));

			assertThat(result.value().header()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
		}

		@Test
		@DisplayName("Several fields: the 32-member limit applies to the combined list, and a key repeated across fields is kept")
		void severalFields_limitsApplyToTheCombinedList() {
			assertThat(TraceState.parse(List.of(members(16), members(32).substring(members(16).length() + 1)))
				.value()
				.members()).hasSize(32);
			assertThat(TraceState.parse(List.of("rojo=1", "rojo=2")).value().header()).isEqualTo("rojo=1,rojo=2");
		}

		@Test
		@DisplayName("Indices in a rejection count in the combined header, fields joined with ','")
		void severalFields_indexCountsInTheCombinedHeader() {
			Rejection rejection = TraceState.parse(List.of("rojo=00f067aa", "Foo=1")).rejection();

			assertThat(rejection.message()).isEqualTo(
					"tracestate: member 2 key 'Foo': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found 'F' at index 14");
			assertThat(rejection.index()).isEqualTo(14);
		}

	}

	@Nested
	@DisplayName("Tracestate Header: \"failure to parse tracestate MUST NOT affect the parsing of traceparent\"")
	class Independence {

		@Test
		@DisplayName("an invalid tracestate is rejected whole; the traceparent beside it is still accepted")
		void invalidTracestate_leavesTraceparentAccepted() {
			ParseResult<TraceParent> parent = TraceParentParser.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
					ParsePolicy.STRICT);
			ParseResult<TraceState> state = TraceState.parse("congo=t61rcWkgMzE,Rojo=1");

			assertThat(parent.isAccepted()).isTrue();
			assertThat(state.isAccepted()).isFalse();
		}

	}

}
