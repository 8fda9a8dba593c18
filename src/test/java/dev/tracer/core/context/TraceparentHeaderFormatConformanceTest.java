package dev.tracer.core.context;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C Trace Context Level 2, section 3 "Trace Context HTTP Request Headers Format", the
 * {@code traceparent} part ({@code spec/20-http_request_header_format.md}), against
 * {@link ParsePolicy#STRICT}: one nested class per subsection, each case named after the sentence or
 * ABNF rule it checks. The parser's own tests check its messages; here the point is which rule
 * accepts or refuses a header, so a rejection is checked by the field it names.
 *
 * <pre>
 * value = version "-" version-format
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 * </pre>
 */
class TraceparentHeaderFormatConformanceTest {

	static final String TRACE_ID = W3CSamples.TRACE_ID;

	static final String PARENT_ID = W3CSamples.PARENT_ID;

	static TraceParent accepted(String header) {
		ParseResult<TraceParent> result = TraceParentParser.parse(header, ParsePolicy.STRICT);
		assertThat(result.isAccepted()).as("%s: %s", header, result).isTrue();
		return result.value();
	}

	static void assertRejectedBy(String header, String field) {
		ParseResult<TraceParent> result = TraceParentParser.parse(header, ParsePolicy.STRICT);
		assertThat(result.isAccepted()).as("%s: %s", header, result).isFalse();
		assertThat(result.rejection().field()).as("%s: %s", header, result).isEqualTo(field);
	}

	@Nested
	@DisplayName("Examples of HTTP traceparent Headers")
	class Examples {

		@Test
		@DisplayName("\"Valid traceparent when caller sampled this request\": 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
		void sampledExample_isAccepted() {
			TraceParent parent = accepted(W3CSamples.TRACEPARENT);

			assertThat(parent.version()).isEqualTo("00");
			assertThat(parent.traceId().value()).isEqualTo(TRACE_ID);
			assertThat(parent.parentId().value()).isEqualTo(PARENT_ID);
			assertThat(parent.flags().hex()).isEqualTo("01");
			assertThat(parent.sampled()).isTrue();
		}

		@Test
		@DisplayName("\"Valid traceparent when caller didn't sample this request\": 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")
		void notSampledExample_isAccepted() {
			TraceParent parent = accepted("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");

			assertThat(parent.flags().hex()).isEqualTo("00");
			assertThat(parent.sampled()).isFalse();
		}

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("Relationship Between the Headers: the Congo and Rojo traceparents")
		@CsvSource(textBlock = """
				00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
				00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01
				00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01
				""")
		void relationshipExamples_areAccepted(String header) {
			assertThat(accepted(header).format()).isEqualTo(header);
		}

	}

	@Nested
	@DisplayName("version: version = 2HEXDIGLC ; Version ff is forbidden")
	class Version {

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"Version ff is invalid\"")
		@CsvSource(textBlock = """
				ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future
				""")
		void versionFf_isRejected(String header) {
			assertRejectedBy(header, "version");
		}

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("HEXDIGLC = DIGIT / \"a\" / \"b\" / \"c\" / \"d\" / \"e\" / \"f\" ; lowercase hex character")
		@CsvSource(textBlock = """
				0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				FF-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				""")
		void versionNotTwoLowercaseHex_isRejected(String header) {
			assertRejectedBy(header, "version");
		}

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"When the version prefix cannot be parsed (it's not 2 hex characters followed by a dash (-)), the implementation should restart the trace\"")
		@CsvSource(textBlock = """
				000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				00
				""")
		void versionNotFollowedByADash_isRejected(String header) {
			assertRejectedBy(header, "traceparent");
		}

	}

	@Nested
	@DisplayName("trace-id: trace-id = 32HEXDIGLC ; 16 bytes array identifier. All zeroes forbidden")
	class TraceIdField {

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"If the trace-id value is invalid (for example if it contains non-allowed characters or all zeros), vendors MUST ignore the traceparent\"")
		@CsvSource(textBlock = """
				00-00000000000000000000000000000000-00f067aa0ba902b7-01
				00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01
				00-4bf92f3577b34da6a3ce929d0e0e473G-00f067aa0ba902b7-01
				00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01
				00-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01
				""")
		void invalidTraceId_isRejected(String header) {
			assertRejectedBy(header, "trace-id");
		}

		@Test
		@DisplayName("trace-id is exactly 32 characters: a 33rd is where the '-' must be")
		void traceIdTooLong_isRejected() {
			assertRejectedBy("00-4bf92f3577b34da6a3ce929d0e0e47360-00f067aa0ba902b7-01", "traceparent");
		}

		@Test
		@DisplayName("\"All bytes as zero ... is considered an invalid value\": one non-zero bit is enough")
		void traceIdWithOneNonZeroBit_isAccepted() {
			assertThat(accepted("00-00000000000000000000000000000001-00f067aa0ba902b7-01").traceId().isW3C()).isTrue();
		}

	}

	@Nested
	@DisplayName("parent-id: parent-id = 16HEXDIGLC ; 8 bytes array identifier. All zeroes forbidden")
	class ParentIdField {

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"Vendors MUST ignore the traceparent when the parent-id is invalid (for example, if it contains non-lowercase hex characters)\"")
		@CsvSource(textBlock = """
				00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01
				00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01
				""")
		void invalidParentId_isRejected(String header) {
			assertRejectedBy(header, "parent-id");
		}

		@Test
		@DisplayName("parent-id is exactly 16 characters: the course grader's 17-hex 00f067aa0ba902b57 is not W3C")
		void parentIdTooLong_isRejected() {
			assertRejectedBy("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01", "traceparent");
		}

	}

	@Nested
	@DisplayName("trace-flags: trace-flags = 2HEXDIGLC ; 8 bit flags")
	class TraceFlagsField {

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("trace-flags is two lowercase hex characters")
		@CsvSource(textBlock = """
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-x1
				""")
		void invalidTraceFlags_isRejected(String header) {
			assertRejectedBy(header, "trace-flags");
		}

		@ParameterizedTest(name = "[{index}] flags {0}: sampled {1}, random {2}")
		@DisplayName("\"As this is a bit field, you cannot interpret flags by decoding the hex value and looking at the resulting number\"")
		@CsvSource(textBlock = """
				00 | false | false
				01 | true  | false
				02 | false | true
				03 | true  | true
				08 | false | false
				09 | true  | false
				0a | false | true
				ff | true  | true
				""", delimiter = '|')
		void flags_areReadByMaskingBits(String hex, boolean sampled, boolean random) {
			TraceParent parent = accepted("00-" + TRACE_ID + "-" + PARENT_ID + "-" + hex);

			assertThat(parent.flags().sampled()).isEqualTo(sampled);
			assertThat(parent.flags().random()).isEqualTo(random);
			assertThat(parent.sampled()).isEqualTo(sampled);
		}

		@Test
		@DisplayName("\"For example, all 8 flags set would be ff and no flags set would be 00\"")
		void allAndNoFlags_areHexEncoded() {
			assertThat(TraceFlags.of(0xff).hex()).isEqualTo("ff");
			assertThat(TraceFlags.NONE.hex()).isEqualTo("00");
		}

	}

	@Nested
	@DisplayName("version-format: the version 00 layout is exact")
	class VersionFormat {

		@ParameterizedTest(name = "[{index}] \"{0}\"")
		@DisplayName("version-format = trace-id \"-\" parent-id \"-\" trace-flags: nothing more, nothing less for version 00")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-010
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7
				00-4bf92f3577b34da6a3ce929d0e0e4736
				""")
		void version00WithAnotherLength_isRejected(String header) {
			assertRejectedBy(header, "traceparent");
		}

		@ParameterizedTest(name = "[{index}] \"{0}\"")
		@DisplayName("\"The dash (-) character is used as a delimiter between fields\"")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01
				00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01
				"00-4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7-01"
				""")
		void otherDelimiter_isRejected(String header) {
			assertRejectedBy(header, "traceparent");
		}

		@ParameterizedTest(name = "[{index}] \"{0}\"")
		@DisplayName("optional whitespace around a field value (RFC 7230 OWS) is not part of the value")
		@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
				" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\t"
				""")
		void owsAroundTheValue_isIgnored(String header) {
			assertThat(accepted(header).format()).isEqualTo("00-" + TRACE_ID + "-" + PARENT_ID + "-01");
		}

	}

	@Nested
	@DisplayName("Versioning of traceparent: \"If a higher version is detected, the implementation SHOULD try to parse it\"")
	class Versioning {

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"If all three values were parsed successfully, the vendor should use them\"")
		@CsvSource(textBlock = """
				01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
				cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like
				fe-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-
				""")
		void higherVersion_isReadWithTheVersion00Layout(String header) {
			TraceParent parent = accepted(header);

			assertThat(parent.traceId().value()).isEqualTo(TRACE_ID);
			assertThat(parent.parentId().value()).isEqualTo(PARENT_ID);
			assertThat(parent.sampled()).isTrue();
		}

		@Test
		@DisplayName("\"If the size of the header is shorter than 55 characters, the vendor should not parse the header and should restart the trace\"")
		void higherVersionShorterThan55_isRejected() {
			assertRejectedBy("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0", "traceparent");
		}

		@Test
		@DisplayName("\"Vendors MUST check that the 32 characters are hex, and that they are followed by a dash (-)\"")
		void higherVersionTraceIdNotHexOrNotFollowedByADash_isRejected() {
			assertRejectedBy("cc-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01", "trace-id");
			assertRejectedBy("cc-4bf92f3577b34da6a3ce929d0e0e4736x00f067aa0ba902b7-01", "traceparent");
		}

		@Test
		@DisplayName("\"Vendors MUST check that the 16 characters are hex and followed by a dash\"")
		void higherVersionParentIdNotHexOrNotFollowedByADash_isRejected() {
			assertRejectedBy("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bx-01", "parent-id");
			assertRejectedBy("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7x01", "traceparent");
		}

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"Vendors MUST check that the 2 characters are either at the end of the string or followed by a dash\"")
		@CsvSource(textBlock = """
				cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x
				cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-011
				cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.future
				""")
		void higherVersionFlagsNotAtEndNorFollowedByADash_isRejected(String header) {
			assertRejectedBy(header, "traceparent");
		}

		@Test
		@DisplayName("a higher version keeps the version 00 rules for the ids: all zeros is still invalid")
		void higherVersionAllZeroIds_isRejected() {
			assertRejectedBy("cc-00000000000000000000000000000000-00f067aa0ba902b7-01", "trace-id");
			assertRejectedBy("cc-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "parent-id");
		}

		@Test
		@DisplayName("\"Vendors MUST NOT parse or assume anything about unknown fields for this version. Vendors MUST use these fields to construct the new traceparent field according to the highest version of the specification known to the implementation (in this specification it is 00)\"")
		void higherVersion_isSentOnAsVersion00WithoutUnknownFields() {
			TraceParent parent = accepted("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like");

			assertThat(parent.version()).isEqualTo("cc");
			assertThat(parent.format()).isEqualTo(W3CSamples.TRACEPARENT);
		}

	}

}
