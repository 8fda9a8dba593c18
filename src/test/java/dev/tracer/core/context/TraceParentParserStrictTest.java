package dev.tracer.core.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link ParsePolicy#STRICT}: W3C Trace Context Level 2. Field positions of a version-00 header:
 *
 * <pre>
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 * 0 2 3                              35 36            52 53
 * </pre>
 */
class TraceParentParserStrictTest {

	static final String TRACE_ID = W3CSamples.TRACE_ID;

	static final String PARENT_ID = W3CSamples.PARENT_ID;

	static final String HEADER = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			# spec examples
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1   | true
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 0   | false
			00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 | 00 | 0af7651916cd43dd8448eb211c80319c | b7ad6b7169203331 | 1   | true
			00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01 | 00 | 0af7651916cd43dd8448eb211c80319c | b9c7c989f97918e1 | 1   | true
			# flags are a bit field: unknown bits are kept, sampled is masked
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09 | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 9   | true
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02 | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 2   | false
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03 | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 3   | true
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 255 | true
			# ids that are not all zeros, however close
			00-00000000000000000000000000000001-0000000000000001-01 | 00 | 00000000000000000000000000000001 | 0000000000000001 | 1   | true
			00-10000000000000000000000000000000-1000000000000000-01 | 00 | 10000000000000000000000000000000 | 1000000000000000 | 1   | true
			# future versions: the first 55 characters, then end of header or '-'
			cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like | cc | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1 | true
			cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | cc | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1   | true
			01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00- | 01 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 0  | false
			fe-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-XYZ_ -x | fe | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1 | true
			# optional whitespace (spaces and tabs) around the value
			"  00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  " | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1 | true
			"\t00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\t" | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1 | true
			" \t 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 \t " | 00 | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1 | true
			" cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x\t" | cc | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 1 | true
			""")
	void parse_strict_acceptsValidHeader(String header, String version, String traceId, String parentId, int bits,
			boolean sampled) {
		TraceParent parent = assertAccepted(TraceParentParser.parse(header, ParsePolicy.STRICT), version, traceId,
				parentId, bits, sampled);

		assertThat(parent.traceId().isW3C()).isTrue();
		assertThat(parent.parentId().isW3C()).isTrue();
	}

	@ParameterizedTest(name = "[{index}] {3}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			# empty and blank
			""                                                       | traceparent | 0  | traceparent: header is empty
			"   "                                                    | traceparent | 0  | traceparent: header is empty (only spaces and tabs)
			"\t \t"                                                  | traceparent | 0  | traceparent: header is empty (only spaces and tabs)
			# wrong length, every character present being right
			0                                                        | traceparent | 1  | traceparent: expected 55 characters, found 1
			00                                                       | traceparent | 2  | traceparent: expected 55 characters, found 2
			"  0"                                                    | traceparent | 3  | traceparent: expected 55 characters, found 1
			00-4bf92f3577b34da6a3ce929d0e0e4736                      | traceparent | 35 | traceparent: expected 55 characters, found 35
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0   | traceparent | 54 | traceparent: expected 55 characters, found 54
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-010 | traceparent | 55 | traceparent: expected 55 characters for version 00, found 56
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 x" | traceparent | 55 | traceparent: expected 55 characters for version 00, found 57
			cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0   | traceparent | 54 | traceparent: expected at least 55 characters, found 54
			cc-4bf92f                                                | traceparent | 9  | traceparent: expected at least 55 characters, found 9
			# version 00 allows nothing after the flags, a future version only '-'
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like | traceparent | 55 | traceparent: expected 55 characters for version 00, found 84
			cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x | traceparent | 55 | traceparent: expected '-' or end of header after trace-flags, found 'x' at index 55
			cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.what-the-future | traceparent | 55 | traceparent: expected '-' or end of header after trace-flags, found '.' at index 55
			"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 -x" | traceparent | 55 | traceparent: expected '-' or end of header after trace-flags, found ' ' at index 55
			# version
			ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | version     | 0  | version: ff is forbidden
			ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x | version    | 0  | version: ff is forbidden
			FF-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | version     | 0  | version: expected 2 lowercase hex characters, found uppercase 'F' at index 0
			0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | version     | 1  | version: expected 2 lowercase hex characters, found uppercase 'A' at index 1
			0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | version     | 1  | version: expected 2 lowercase hex characters, found 'g' at index 1
			0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01   | version     | 1  | version: expected 2 lowercase hex characters, found 1 before '-' at index 1
			-                                                        | version     | 0  | version: expected 2 lowercase hex characters, found 0 before '-' at index 0
			# separators
			000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | traceparent | 2  | traceparent: expected '-' after version, found '0' at index 2
			00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | traceparent | 2  | traceparent: expected '-' after version, found '_' at index 2
			00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01  | traceparent | 35 | traceparent: expected '-' after trace-id, found '_' at index 35
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01  | traceparent | 52 | traceparent: expected '-' after parent-id, found '_' at index 52
			"00-4bf92f3577b34da6a3ce929d0e0e4736\t00f067aa0ba902b7-01" | traceparent | 35 | traceparent: expected '-' after trace-id, found '\\u0009' at index 35
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7--01 | trace-flags | 53 | trace-flags: expected 2 lowercase hex characters, found 0 before '-' at index 53
			# trace-id
			00-4BF92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | trace-id    | 4  | trace-id: expected 32 lowercase hex characters, found uppercase 'B' at index 4
			00-4bf9Zf3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01  | trace-id    | 7  | trace-id: expected 32 lowercase hex characters, found 'Z' at index 7
			00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01  | trace-id    | 34 | trace-id: expected 32 lowercase hex characters, found 'g' at index 34
			00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01   | trace-id    | 34 | trace-id: expected 32 lowercase hex characters, found 31 before '-' at index 34
			00-4bf92f3577b34da6a3ce929d0e0e47360-00f067aa0ba902b7-01 | traceparent | 35 | traceparent: expected '-' after trace-id, found '0' at index 35
			00-00000000000000000000000000000000-00f067aa0ba902b7-01  | trace-id    | 3  | trace-id: must not be all zeros
			00-00000000000000000000000000000000-0000000000000000-00  | trace-id    | 3  | trace-id: must not be all zeros
			00-trace123-span_a-01                                    | trace-id    | 3  | trace-id: expected 32 lowercase hex characters, found 't' at index 3
			# parent-id
			00-4bf92f3577b34da6a3ce929d0e0e4736-00F067aa0ba902b7-01  | parent-id   | 38 | parent-id: expected 16 lowercase hex characters, found uppercase 'F' at index 38
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bx-01  | parent-id   | 51 | parent-id: expected 16 lowercase hex characters, found 'x' at index 51
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01   | parent-id   | 51 | parent-id: expected 16 lowercase hex characters, found 15 before '-' at index 51
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01 | traceparent | 52 | traceparent: expected '-' after parent-id, found '7' at index 52
			00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01  | parent-id   | 36 | parent-id: must not be all zeros
			# trace-flags
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A  | trace-flags | 54 | trace-flags: expected 2 lowercase hex characters, found uppercase 'A' at index 54
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g  | trace-flags | 54 | trace-flags: expected 2 lowercase hex characters, found 'g' at index 54
			00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-x1  | trace-flags | 53 | trace-flags: expected 2 lowercase hex characters, found 'x' at index 53
			# indices count in the header as received, before trimming
			"  00-4bf9Zf3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" | trace-id | 9 | trace-id: expected 32 lowercase hex characters, found 'Z' at index 9
			"\t00-00000000000000000000000000000000-00f067aa0ba902b7-01 " | trace-id | 4 | trace-id: must not be all zeros
			" \t00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0 " | traceparent | 56 | traceparent: expected 55 characters, found 54
			" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x " | traceparent | 56 | traceparent: expected 55 characters for version 00, found 57
			# non-ASCII and control characters
			"00-4bf92f3577b34da6a3ce929d0e0e473\u00e9-00f067aa0ba902b7-01" | trace-id | 34 | trace-id: expected 32 lowercase hex characters, found '\\u00e9' at index 34
			# a fullwidth digit is a digit to Character.digit, not to W3C
			"00-4bf92f3577b34da6a3ce929d0e0e4736-\uff100f067aa0ba902b7-01" | parent-id | 36 | parent-id: expected 16 lowercase hex characters, found '\\uff10' at index 36
			"\ud83d\ude00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" | version | 0 | version: expected 2 lowercase hex characters, found '\\ud83d' at index 0
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\u0000" | trace-flags | 54 | trace-flags: expected 2 lowercase hex characters, found '\\u0000' at index 54
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\u007f" | traceparent | 55 | traceparent: expected 55 characters for version 00, found 56
			# only spaces and tabs are optional whitespace; a no-break space is a character like any other
			"\u00a000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" | version | 0 | version: expected 2 lowercase hex characters, found '\\u00a0' at index 0
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n" | traceparent | 55 | traceparent: expected 55 characters for version 00, found 56
			"\r\n00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" | version | 0 | version: expected 2 lowercase hex characters, found '\\u000d' at index 0
			""")
	void parse_strict_rejectsInvalidHeader(String header, String field, int index, String message) {
		assertRejected(TraceParentParser.parse(header, ParsePolicy.STRICT), field, index, message);
	}

	@Test
	void parse_strict_rejectsNullAsMissing() {
		assertRejected(TraceParentParser.parse(null, ParsePolicy.STRICT), "traceparent", -1,
				"traceparent: header is missing");
	}

	@Test
	void parse_nullPolicy_throwsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> TraceParentParser.parse(HEADER, null))
			.withMessage("policy must not be null");
	}

	@Test
	void parse_strict_formatRoundTrips() {
		TraceParent parent = TraceParentParser.parse(HEADER, ParsePolicy.STRICT).value();

		assertThat(parent.format()).isEqualTo(HEADER);
		assertThat(TraceParentParser.parse(parent.format(), ParsePolicy.STRICT).value()).isEqualTo(parent);
	}

	@Test
	void parse_strict_futureVersionFormatsAsVersion00WithoutUnknownFields() {
		TraceParent parent = TraceParentParser
			.parse("cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-will-be-like", ParsePolicy.STRICT)
			.value();

		assertThat(parent.version()).isEqualTo("cc");
		assertThat(parent.format()).isEqualTo(HEADER);
	}

	@Test
	void parse_strict_trimmedHeaderFormatsWithoutWhitespace() {
		TraceParent parent = TraceParentParser.parse(" \t" + HEADER + "\t ", ParsePolicy.STRICT).value();

		assertThat(parent.format()).isEqualTo(HEADER);
	}

	@Test
	void parse_strict_sharesFlagsInstances() {
		TraceParent parent = TraceParentParser.parse(HEADER, ParsePolicy.STRICT).value();

		assertThat(parent.flags()).isSameAs(TraceFlags.SAMPLED);
	}

	/** Checks a header was accepted with these fields; returns what it parsed to. */
	static TraceParent assertAccepted(ParseResult<TraceParent> result, String version, String traceId, String parentId,
			int bits, boolean sampled) {
		assertThat(result.isAccepted()).as("%s", result).isTrue();
		TraceParent parent = result.value();
		assertThat(parent.version()).isEqualTo(version);
		assertThat(parent.traceId()).isEqualTo(new TraceId(traceId));
		assertThat(parent.parentId()).isEqualTo(new SpanId(parentId));
		assertThat(parent.flags().bits()).isEqualTo(bits);
		assertThat(parent.sampled()).isEqualTo(sampled);
		return parent;
	}

	static void assertRejected(ParseResult<TraceParent> result, String field, int index, String message) {
		assertThat(result.isAccepted()).as("%s", result).isFalse();
		Rejection rejection = result.rejection();
		assertThat(rejection.message()).isEqualTo(message);
		assertThat(rejection.field()).isEqualTo(field);
		assertThat(rejection.index()).isEqualTo(index);
		assertThat(message).startsWith(field + ": ");
	}

}
