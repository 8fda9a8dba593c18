package dev.tracer.core.context;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link TraceParentParser} with Jazzer. Under {@code mvn test} each method
 * replays its seeds ({@code src/test/resources/dev/tracer/core/context/TraceParentFuzzTestsInputs/<method>/});
 * with {@code JAZZER_FUZZ=1} one method at a time is fuzzed (see the README for the commands).
 *
 * <p>The input bytes are read as UTF-8 (malformed sequences become U+FFFD), so a seed is a plain text
 * file holding one header, and the fuzzer still reaches any character of the Basic Multilingual Plane.
 *
 * <p>Properties: parsing never throws; a rejection names a known field, a position inside the header and
 * stays printable ASCII; an accepted header formats to a version-00 header that parses back, under the
 * same policy, to the same ids and flags. STRICT is also compared with OpenTelemetry: a disagreement must
 * be one of {@link OpenTelemetryDifferentialTest.KnownDifference}.
 */
class TraceParentFuzzTests {

	private static final Set<String> FIELDS = Set.of("traceparent", "version", "trace-id", "parent-id",
			"trace-flags");

	@FuzzTest
	void strict(byte[] input) {
		String header = new String(input, StandardCharsets.UTF_8);
		ParseResult<TraceParent> result = check(header, ParsePolicy.STRICT);
		if (result.isAccepted()) {
			TraceParent parent = result.value();
			assertThat(parent.traceId().isW3C()).as(header).isTrue();
			assertThat(parent.parentId().isW3C()).as(header).isTrue();
			assertThat(parent.version()).as(header).matches("[0-9a-f]{2}").isNotEqualTo("ff");
			assertThat(parent.format()).as(header).hasSize(55);
			// formatted, anything STRICT accepts is a LENIENT header with the same values
			TraceParent lenient = TraceParentParser.parse(parent.format(), ParsePolicy.LENIENT).value();
			assertThat(lenient.traceId()).as(header).isEqualTo(parent.traceId());
			assertThat(lenient.parentId()).as(header).isEqualTo(parent.parentId());
			assertThat(lenient.flags()).as(header).isEqualTo(parent.flags());
		}
		OpenTelemetryDifferentialTest.assertAgreesOrKnown(header);
	}

	@FuzzTest
	void lenient(byte[] input) {
		String header = new String(input, StandardCharsets.UTF_8);
		check(header, ParsePolicy.LENIENT);
	}

	private static ParseResult<TraceParent> check(String header, ParsePolicy policy) {
		ParseResult<TraceParent> result = TraceParentParser.parse(header, policy);
		assertThat(result).as(header).isNotNull();
		if (result.isAccepted()) {
			TraceParent parent = result.value();
			String formatted = parent.format();
			ParseResult<TraceParent> again = TraceParentParser.parse(formatted, policy);
			assertThat(again.isAccepted()).as("%s formatted as %s", header, formatted).isTrue();
			assertThat(again.value().version()).isEqualTo("00");
			assertThat(again.value().traceId()).as(header).isEqualTo(parent.traceId());
			assertThat(again.value().parentId()).as(header).isEqualTo(parent.parentId());
			assertThat(again.value().flags()).as(header).isEqualTo(parent.flags());
			// formatting is a fixpoint after one round
			assertThat(again.value().format()).isEqualTo(formatted);
		}
		else {
			Rejection rejection = result.rejection();
			assertThat(FIELDS).as(header).contains(rejection.field());
			assertThat(rejection.index()).as(header).isBetween(0, header.length());
			String message = rejection.message();
			assertThat(message).as(header).startsWith(rejection.field() + ": ");
			assertThat(message.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)).as("printable ASCII: %s", message)
				.isTrue();
		}
		return result;
	}

}
