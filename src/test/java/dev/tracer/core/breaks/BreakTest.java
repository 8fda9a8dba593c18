package dev.tracer.core.breaks;

import java.util.List;

import org.junit.jupiter.api.Test;

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
	void linkWithoutOther_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Break(Kind.LOST_DOWNSTREAM, CLIENT, null,
				Confidence.DEFINITE, Confidence.PROBABLE, List.of(SERVER), "why"))
			.withMessage("link PROBABLE with other piece null");
	}

	@Test
	void ambiguousWithoutCandidates_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Break(Kind.LOST_DOWNSTREAM, CLIENT, null,
				Confidence.DEFINITE, Confidence.AMBIGUOUS, List.of(), "why"))
			.withMessage("link AMBIGUOUS with 0 candidates");
	}

	@Test
	void noneWithCandidates_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Break(Kind.RESTARTED_HERE, null, SERVER,
				Confidence.DEFINITE, Confidence.NONE, List.of(CLIENT), "why"))
			.withMessage("link NONE with 1 candidates");
	}

	@Test
	void ambiguous_manyCandidates_countedAndFirstFewListed() {
		List<SpanRef> five = List.of(CLIENT, CLIENT, CLIENT, CLIENT, CLIENT);

		Break restart = new Break(Kind.RESTARTED_HERE, null, SERVER, Confidence.PROBABLE, Confidence.AMBIGUOUS, five, 4_000,
				"why");

		assertThat(restart.candidates()).hasSize(Break.MAX_LISTED_CANDIDATES);
		assertThat(restart.candidateCount()).isEqualTo(4_000);
	}

	@Test
	void candidatesListedBeyondLimitOrCount_throw() {
		List<SpanRef> six = List.of(CLIENT, CLIENT, CLIENT, CLIENT, CLIENT, CLIENT);
		assertThatIllegalArgumentException().isThrownBy(() -> new Break(Kind.RESTARTED_HERE, null, SERVER,
				Confidence.PROBABLE, Confidence.AMBIGUOUS, six, "why"))
			.withMessage("6 candidates listed of 6");
		assertThatIllegalArgumentException().isThrownBy(() -> new Break(Kind.RESTARTED_HERE, null, SERVER,
				Confidence.PROBABLE, Confidence.AMBIGUOUS, List.of(CLIENT), 3, "why"))
			.withMessage("1 candidates listed of 3");
	}

	@Test
	void linkLevelAsConfidence_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Break(Kind.RESTARTED_HERE, null, SERVER,
				Confidence.AMBIGUOUS, Confidence.AMBIGUOUS, List.of(CLIENT), "why"))
			.withMessage("confidence AMBIGUOUS: a break is definite, probable or possible");
		assertThatIllegalArgumentException().isThrownBy(() -> new Break(Kind.RESTARTED_HERE, null, SERVER,
				Confidence.PROBABLE, Confidence.POSSIBLE, List.of(), "why"))
			.withMessage("link POSSIBLE: a link is definite, probable, ambiguous or none");
	}

}
