package dev.tracer.core.findings;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tracer.core.findings.Finding.Kind;

import static dev.tracer.core.findings.RepeatedCallsTest.ofKind;
import static dev.tracer.core.findings.RepeatedCallsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

/** The critical path in words ({@link CriticalPathHotSpot}). */
class CriticalPathHotSpotTest {

	/**
	 * The backend's handler holds the request 80 ms of the trace's 100 ms in its own code: no child
	 * covers that time. An expert: "the time is in backend's own work, or in calls it does not trace".
	 */
	@Test
	void shouldNameTheSpanWhoseOwnTimeDominatesThePath() {
		List<Finding> findings = TestSpan.trace()
			.server("fe", null, "frontend", "GET /page", 0, 100_000)
			.client("call", "fe", "frontend", "backend", "http get", 5_000, 90_000)
			.server("be", "call", "backend", "GET /api", 6_000, 88_000)
			.client("q", "be", "backend", "db", "select", 7_000, 6_000)
			.findings();

		Finding hot = single(findings, Kind.CRITICAL_PATH);
		assertThat(hot.spanId()).isEqualTo("be");
		Finding.HotSpots facts = (Finding.HotSpots) hot.facts();
		assertThat(facts.pathMicros()).isEqualTo(100_000);
		assertThat(facts.contributors()).hasSize(3);
		assertThat(facts.contributors().get(0).ownMicros()).isEqualTo(82_000);
		assertThat(facts.contributors().get(0).share()).isEqualTo(0.82);
		assertThat(hot.summary()).isEqualTo("backend \"GET /api\" owns 82% of the critical path in its own time");
	}

	/** Time spread over several spans, none owning half: nothing to point at. */
	@Test
	void shouldSayNothingWhenTimeIsSpread() {
		List<Finding> findings = TestSpan.trace()
			.server("fe", null, "frontend", "GET /page", 0, 100_000)
			.client("a", "fe", "frontend", "a", "get", 10_000, 30_000)
			.client("b", "fe", "frontend", "b", "get", 40_000, 30_000)
			.client("c", "fe", "frontend", "c", "get", 70_000, 25_000)
			.findings();

		assertThat(ofKind(findings, Kind.CRITICAL_PATH)).isEmpty();
	}

	/** One span alone owns all its time, trivially: not a finding. */
	@Test
	void shouldSayNothingOfASingleSpan() {
		assertThat(TestSpan.trace().server("fe", null, "frontend", "GET /page", 0, 100_000).findings()).isEmpty();
	}

}
