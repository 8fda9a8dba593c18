package dev.tracer.core.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tracer.testing.W3CSamples;

import static dev.tracer.core.context.TraceParentParserStrictTest.assertAccepted;
import static dev.tracer.core.context.TraceParentParserStrictTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ParsePolicy#LENIENT}: the course grader's data, which is not W3C.
 *
 * <pre>
 * 00-trace123-span_a-01
 * 0 2 3      11     18 19
 * </pre>
 */
class TraceParentParserLenientTest {

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			# the grader's samples
			00-trace123-span_a-01                                    | 00   | trace123                         | span_a            | 1   | true
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01 | 00   | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b57 | 1   | true
			# W3C headers are lenient headers too
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | 00   | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7  | 1   | true
			00-00000000000000000000000000000000-0000000000000000-00  | 00   | 00000000000000000000000000000000 | 0000000000000000  | 0   | false
			00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01  | 00   | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000000000  | 1   | true
			" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01	" | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7  | 1   | true
			# W3C's length, but not W3C: tokens like any other
			00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01  | 00   | 4BF92F3577B34DA6A3CE929D0E0E4736 | 00F067AA0BA902B7  | 1   | true
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A  | 00   | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7  | 10  | false
			01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | 01   | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7  | 1   | true
			# any version token, flags in either case
			ff-a-b-00                                                | ff   | a                                | b                 | 0   | false
			v1.2-trace.123-span:a/b-0A                               | v1.2 | trace.123                        | span:a/b          | 10  | false
			00-a-b-FF                                                | 00   | a                                | b                 | 255 | true
			00-a-b-fF                                                | 00   | a                                | b                 | 255 | true
			00-tr\u00e4ce-sp\u00e4n-01                               | 00   | tr\u00e4ce                       | sp\u00e4n         | 1   | true
			# optional whitespace around the value
			"  00-trace123-span_a-01\t"                              | 00   | trace123                         | span_a            | 1   | true
			" \t00-trace123-span_a-00 \t "                           | 00   | trace123                         | span_a            | 0   | false
			""")
	void parse_lenient_acceptsFourFields(String header, String version, String traceId, String parentId, int bits,
			boolean sampled) {
		assertAccepted(TraceParentParser.parse(header, ParsePolicy.LENIENT), version, traceId, parentId, bits, sampled);
	}

	@ParameterizedTest(name = "[{index}] {3}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			# empty and blank
			""                                 | traceparent | 0  | traceparent: header is empty
			" \t "                             | traceparent | 0  | traceparent: header is empty (only spaces and tabs)
			# field count
			00                                 | traceparent | 2  | traceparent: expected 4 fields separated by '-', found 1
			00-trace123-span_a                 | traceparent | 18 | traceparent: expected 4 fields separated by '-', found 3
			"  00-trace123-span_a  "           | traceparent | 20 | traceparent: expected 4 fields separated by '-', found 3
			00-trace123-span_a-01-extra        | traceparent | 21 | traceparent: expected 4 fields separated by '-', found another '-' at index 21
			cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like | traceparent | 55 | traceparent: expected 4 fields separated by '-', found another '-' at index 55
			# empty fields
			-trace123-span_a-01                | version     | 0  | version: must not be empty, found '-' at index 0
			00--span_a-01                      | trace-id    | 3  | trace-id: must not be empty, found '-' at index 3
			00-trace123--01                    | parent-id   | 12 | parent-id: must not be empty, found '-' at index 12
			00-trace123-span_a-                | trace-flags | 19 | trace-flags: must not be empty, found the end of the header at index 19
			"00-trace123-span_a- \t"           | trace-flags | 19 | trace-flags: must not be empty, found the end of the header at index 19
			---                                | version     | 0  | version: must not be empty, found '-' at index 0
			# whitespace inside a field
			"0 0-trace123-span_a-01"           | version     | 1  | version: expected no whitespace or control characters, found ' ' at index 1
			"00-trace 123-span_a-01"           | trace-id    | 8  | trace-id: expected no whitespace or control characters, found ' ' at index 8
			"00-trace123-span\ta-01"           | parent-id   | 16 | parent-id: expected no whitespace or control characters, found '\\u0009' at index 16
			"00-trace123-span_a-0 1"           | trace-flags | 20 | trace-flags: expected no whitespace or control characters, found ' ' at index 20
			# trace-flags
			00-trace123-span_a-1               | trace-flags | 19 | trace-flags: expected 2 hex digits, found 1 character at index 19
			00-trace123-span_a-001             | trace-flags | 19 | trace-flags: expected 2 hex digits, found 3 characters at index 19
			00-trace123-span_a-sampled         | trace-flags | 19 | trace-flags: expected 2 hex digits, found 7 characters at index 19
			00-trace123-span_a-0g              | trace-flags | 20 | trace-flags: expected 2 hex digits, found 'g' at index 20
			00-trace123-span_a-G0              | trace-flags | 19 | trace-flags: expected 2 hex digits, found 'G' at index 19
			"  00-trace123-span_a-x1"          | trace-flags | 21 | trace-flags: expected 2 hex digits, found 'x' at index 21
			# non-ASCII and control characters
			"00-trace\u0000123-span_a-01"      | trace-id    | 8  | trace-id: expected no whitespace or control characters, found '\\u0000' at index 8
			"00-trace123-span\u00a0a-01"       | parent-id   | 16 | parent-id: expected no whitespace or control characters, found '\\u00a0' at index 16
			"00-trace123-span\u2003a-01"       | parent-id   | 16 | parent-id: expected no whitespace or control characters, found '\\u2003' at index 16
			"00\u0085-trace123-span_a-01"      | version     | 2  | version: expected no whitespace or control characters, found '\\u0085' at index 2
			"00-trace123-span_a-01\n"          | trace-flags | 21 | trace-flags: expected no whitespace or control characters, found '\\u000a' at index 21
			"00-trace123-span_a-0\u00e9"       | trace-flags | 20 | trace-flags: expected 2 hex digits, found '\\u00e9' at index 20
			# a fullwidth digit is a digit to Character.digit, not to us
			"00-trace123-span_a-\uff101"       | trace-flags | 19 | trace-flags: expected 2 hex digits, found '\\uff10' at index 19
			""")
	void parse_lenient_rejectsInvalidHeader(String header, String field, int index, String message) {
		assertRejected(TraceParentParser.parse(header, ParsePolicy.LENIENT), field, index, message);
	}

	@Test
	void parse_lenient_w3cHeader_readsAsStrictDoes() {
		String header = W3CSamples.TRACEPARENT;
		TraceParent lenient = TraceParentParser.parse(header, ParsePolicy.LENIENT).value();
		TraceParent strict = TraceParentParser.parse(header, ParsePolicy.STRICT).value();

		assertThat(lenient).isEqualTo(strict);
		assertThat(lenient.traceId().value()).isEqualTo(W3CSamples.TRACE_ID);
		assertThat(lenient.parentId().value()).isEqualTo(W3CSamples.PARENT_ID);
		assertThat(lenient.format()).isEqualTo(header);
	}

	@Test
	void parse_lenient_rejectsNullAsMissing() {
		assertRejected(TraceParentParser.parse(null, ParsePolicy.LENIENT), "traceparent", -1,
				"traceparent: header is missing");
	}

	@Test
	void parse_lenient_graderSampleFormatRoundTrips() {
		TraceParent parent = TraceParentParser.parse("00-trace123-span_a-01", ParsePolicy.LENIENT).value();

		assertThat(parent.format()).isEqualTo("00-trace123-span_a-01");
		assertThat(TraceParentParser.parse(parent.format(), ParsePolicy.LENIENT).value()).isEqualTo(parent);
	}

	@Test
	void parse_lenient_formatsVersion00AndLowercaseFlags() {
		TraceParent parent = TraceParentParser.parse("v7-trace123-span_a-0A", ParsePolicy.LENIENT).value();

		assertThat(parent.format()).isEqualTo("00-trace123-span_a-0a");
	}

	@Test
	void parse_lenient_graderSamplesAreNotW3C() {
		TraceParent sample = TraceParentParser.parse("00-trace123-span_a-01", ParsePolicy.LENIENT).value();
		TraceParent longParent = TraceParentParser
			.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01", ParsePolicy.LENIENT)
			.value();

		assertThat(sample.traceId().isW3C()).isFalse();
		assertThat(sample.parentId().isW3C()).isFalse();
		assertThat(longParent.traceId().isW3C()).isTrue();
		assertThat(longParent.parentId().isW3C()).isFalse();
	}

}
