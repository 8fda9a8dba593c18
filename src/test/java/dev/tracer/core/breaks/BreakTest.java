package dev.tracer.core.breaks;

import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tracer.core.breaks.Break.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class BreakTest {

	private static final SpanRef CLIENT = new SpanRef("a", "c1", "frontend", 10);

	private static final SpanRef SERVER = new SpanRef("b", "s1", "backend", 15);

	@Test
	void lost_linked_traceAndOther() {
		Break lost = new Break(Kind.LOST_DOWNSTREAM, CLIENT, SERVER, Confidence.DEFINITE, Confidence.PROBABLE,
				List.of(SERVER), "why");

		assertThat(lost.span()).isEqualTo(CLIENT);
		assertThat(lost.traceId()).isEqualTo("a");
		assertThat(lost.otherTraceId()).isEqualTo("b");
	}

	@Test
	void restarted_unlinked_noOther() {
		Break restart = new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.DEFINITE, Confidence.NONE, List.of(),
				"why");

		assertThat(restart.traceId()).isEqualTo("b");
		assertThat(restart.otherTraceId()).isNull();
	}

	@Test
	void missingOwnSpan_throws() {
		assertThatNullPointerException().isThrownBy(() -> new Break(Kind.LOST_DOWNSTREAM, null, SERVER,
				Confidence.DEFINITE, Confidence.PROBABLE, List.of(SERVER), "why"))
			.withMessage("client");
	}

	@Test
	void ambiguous_manyCandidates_countedAndFirstFewListed() {
		List<SpanRef> five = List.of(CLIENT, CLIENT, CLIENT, CLIENT, CLIENT);

		Break restart = new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.PROBABLE, Confidence.AMBIGUOUS, five, 4_000,
				"why");

		assertThat(restart.candidates()).hasSize(Break.MAX_LISTED_CANDIDATES);
		assertThat(restart.candidateCount()).isEqualTo(4_000);
	}

	/** Each rule of the constructor broken once, with the message that names it. */
	static Stream<Arguments> brokenRules() {
		List<SpanRef> six = List.of(CLIENT, CLIENT, CLIENT, CLIENT, CLIENT, CLIENT);
		return Stream.of(
				refused("link PROBABLE with other piece null", () -> new Break(Kind.LOST_DOWNSTREAM, CLIENT, null, Confidence.DEFINITE, Confidence.PROBABLE, List.of(SERVER), "why")),
				refused("link AMBIGUOUS with 0 candidates", () -> new Break(Kind.LOST_DOWNSTREAM, CLIENT, null, Confidence.DEFINITE, Confidence.AMBIGUOUS, List.of(), "why")),
				refused("link NONE with 1 candidates", () -> new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.DEFINITE, Confidence.NONE, List.of(CLIENT), "why")),
				// more listed than the limit, or other than the count says
				refused("6 candidates listed of 6", () -> new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.PROBABLE, Confidence.AMBIGUOUS, six, "why")),
				refused("1 candidates listed of 3", () -> new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.PROBABLE, Confidence.AMBIGUOUS, List.of(CLIENT), 3, "why")),
				// a link's level as the break's confidence, and the other way round
				refused("confidence AMBIGUOUS: a break is definite, probable or possible", () -> new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.AMBIGUOUS, Confidence.AMBIGUOUS, List.of(CLIENT), "why")),
				refused("link POSSIBLE: a link is definite, probable, ambiguous or none", () -> new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.PROBABLE, Confidence.POSSIBLE, List.of(), "why")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenRules")
	void new_brokenRule_throwsNamingIt(String message, ThrowingCallable construction) {
		assertThatIllegalArgumentException().isThrownBy(construction).withMessage(message);
	}

	private static Arguments refused(String message, ThrowingCallable construction) {
		return Arguments.of(message, construction);
	}

}
