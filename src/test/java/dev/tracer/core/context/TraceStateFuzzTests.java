package dev.tracer.core.context;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link TraceState#parse(String)} and {@link TraceState#parse(List)} with
 * Jazzer. Seeds live in {@code src/test/resources/dev/tracer/core/context/TraceStateFuzzTestsInputs/<method>/};
 * the input bytes are read as UTF-8, so a seed is a plain text file.
 *
 * <p>Properties: parsing never throws; an accepted value's {@link TraceState#header()} holds only what a
 * valid {@code tracestate} can hold (printable ASCII, spaces and tabs) and parses back to the same
 * header; several header fields parse as their RFC 7230 combination, joined with commas (spec: "When
 * receiving multiple {@code tracestate} header fields, they MUST be combined into a single header
 * according to RFC7230.").
 */
class TraceStateFuzzTests {

	/** The whole input is one {@code tracestate} header value. */
	@FuzzTest
	void single(byte[] input) {
		String header = new String(input, StandardCharsets.UTF_8);
		ParseResult<TraceState> result = TraceState.parse(header);
		assertThat(result).as(header).isNotNull();
		if (result.isAccepted()) {
			assertCanonical(header, result.value());
			// one field is its own combination
			assertSameVerdict(header, result, TraceState.parse(List.of(header)));
		}
		else {
			assertThat(result.rejection().message()).as(header).isNotBlank();
		}
	}

	/** Each line of the input is one {@code tracestate} header field of the same request. */
	@FuzzTest
	void multiple(byte[] input) {
		List<String> fields = Arrays.asList(new String(input, StandardCharsets.UTF_8).split("\n", -1));
		ParseResult<TraceState> combined = TraceState.parse(fields);
		assertThat(combined).as("%s", fields).isNotNull();
		assertSameVerdict(String.join(",", fields), TraceState.parse(String.join(",", fields)), combined);
		if (combined.isAccepted()) {
			assertCanonical(fields.toString(), combined.value());
		}
	}

	private static void assertCanonical(String input, TraceState state) {
		String header = state.header();
		assertThat(header).as(input).isNotNull();
		assertThat(header.chars().allMatch((c) -> c == '\t' || (c >= 0x20 && c <= 0x7e)))
			.as("only printable ASCII and OWS in %s (from %s)", header, input)
			.isTrue();
		ParseResult<TraceState> again = TraceState.parse(header);
		assertThat(again.isAccepted()).as("%s formatted as %s", input, header).isTrue();
		assertThat(again.value().header()).as(input).isEqualTo(header);
	}

	private static void assertSameVerdict(String joined, ParseResult<TraceState> single,
			ParseResult<TraceState> fields) {
		assertThat(fields.isAccepted()).as("combined %s", joined).isEqualTo(single.isAccepted());
		if (single.isAccepted()) {
			assertThat(fields.value().header()).as("combined %s", joined).isEqualTo(single.value().header());
		}
	}

}
