package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reproduction, in the engine: bursts of traces that are each a server root with one client
 * call without a child, all in the same millisecond, two services taking turns, one route. Every call
 * of service a fits every root of service b and the other way round, so every break is ambiguous:
 * it counts its candidates (as far as {@link BreakLimits#maxCandidatesPerCall}, then "at least") and
 * lists at most five, and the state stays within its bounds.
 *
 * <pre>
 * trace t (t even: service a, odd: b)   S 01 |0--1|  GET /api/data, a root
 *                                       c 02 |0--1|  GET /api/data, no child
 * </pre>
 */
class BreakEngineBurstTest {

	private static final BreakRules RULES = new BreakRules(5_000_000L, 50_000L);

	private static final long NOW = Hop.T0 + 60_000_000L;

	/** {@code n} traces, their spans in arrival order. */
	private static List<HopSpan> burst(int n, int first) {
		List<HopSpan> spans = new ArrayList<>(2 * n);
		for (int t = first; t < first + n; t++) {
			String traceId = String.format("%032x", 0x1000_0000L + t);
			String service = (t % 2 == 0) ? "a" : "b";
			Map<String, String> tags = Map.of("http.method", "GET", "http.path", "/api/data");
			spans.add(new Hop(traceId, "0000000000000001", null, HopSpan.Kind.SERVER, service, null, Hop.T0, 1000, tags));
			spans.add(new Hop(traceId, "0000000000000002", "0000000000000001", HopSpan.Kind.CLIENT, service, null, Hop.T0,
					1000, tags));
		}
		return spans;
	}

	@Test
	void burst_8000Traces_everyBreakCountsItsCandidatesBoundedAndListsFive() {
		List<CallOutcome> outcomes = new ArrayList<>();
		BreakEngine engine = new BreakEngine(RULES, BreakLimits.DEFAULTS, outcomes::add);
		List<HopSpan> spans = burst(8000, 0);
		for (int i = 0; i < spans.size(); i += 3000) {
			engine.accept(spans.subList(i, Math.min(spans.size(), i + 3000)), NOW);
		}

		engine.advance(NOW + RULES.settleMicros());

		int counted = BreakLimits.DEFAULTS.maxCandidatesPerCall();
		assertThat(engine.newest(1)).as("trace 0's root: every call of b counted it").singleElement().satisfies(b -> {
			assertThat(b.kind()).isEqualTo(Break.Kind.RESTARTED_HERE);
			assertThat(b.candidates()).hasSize(Break.MAX_LISTED_CANDIDATES);
			assertThat(b.candidateCount()).isEqualTo(4000);
		});
		String first = String.format("%032x", 0x1000_0000L);
		assertThat(engine.inTrace(first)).filteredOn(b -> b.kind() == Break.Kind.LOST_DOWNSTREAM).singleElement()
			.satisfies(b -> {
				assertThat(b.candidates()).hasSize(Break.MAX_LISTED_CANDIDATES);
				assertThat(b.candidateCount()).as("4,000 fit; counted as far as the bound").isEqualTo(counted);
				assertThat(b.reason()).contains("at least " + counted + " new traces match it");
				assertThat(b.link()).isEqualTo(Confidence.AMBIGUOUS);
			});
		assertThat(engine.newest(20_000)).allSatisfy(b -> assertThat(b.candidates()).hasSizeLessThanOrEqualTo(5));
		BreakTotals totals = engine.totals();
		assertThat(totals.breaks()).as("8,000 lost calls and the roots counted").isEqualTo(8000 + 2 * counted);
		assertThat(totals.candidatesCapped()).isEqualTo(8000);
		assertThat(totals.callsJudged()).isEqualTo(8000);
		assertThat(outcomes).hasSize(8000).allMatch(o -> o.outcome() == CallOutcome.Outcome.BROKEN);
		assertThat(totals.pendingSpans()).isZero();
	}

	@Test
	void burst_pastEveryBound_stateStaysWithinItsCaps() {
		BreakLimits limits = new BreakLimits(5_000, 500, 3_000, 10, 256);
		BreakEngine engine = new BreakEngine(RULES, limits, outcome -> {
		});
		long now = NOW;
		for (int round = 0; round < 3; round++) {
			List<HopSpan> spans = burst(8000, round * 8000);
			for (int i = 0; i < spans.size(); i += 3000) {
				engine.accept(spans.subList(i, Math.min(spans.size(), i + 3000)), now);
				BreakTotals totals = engine.totals();
				assertThat(totals.pendingSpans()).isLessThanOrEqualTo(limits.maxPendingSpans());
				assertThat(totals.indexedRoots()).isLessThanOrEqualTo(limits.maxIndexedRoots());
				assertThat(totals.resultTraces()).isLessThanOrEqualTo(limits.maxResultTraces());
			}
			now += 1_000_000L;
		}
		engine.advance(now + RULES.settleMicros());

		BreakTotals totals = engine.totals();
		assertThat(totals.settledEarly()).as("judged early to stay within the pending bound").isPositive();
		assertThat(totals.rootsDroppedEarly()).as("left the index early").isPositive();
		assertThat(totals.resultsDropped()).as("forgotten past the result bound").isPositive();
		assertThat(totals.resultTraces()).isLessThanOrEqualTo(limits.maxResultTraces());
		assertThat(totals.indexedRoots()).isLessThanOrEqualTo(limits.maxIndexedRoots());
		assertThat(totals.breaks()).as("counted over the kept results only").isLessThanOrEqualTo(2 * limits.maxResultTraces());
		assertThat(engine.newest(1000)).hasSizeLessThanOrEqualTo(1000)
			.allSatisfy(b -> assertThat(b.candidates()).hasSizeLessThanOrEqualTo(Break.MAX_LISTED_CANDIDATES));
	}

	@Test
	void forget_evictedTrace_itsRootIsNoCandidateAndItsResultGoes() {
		BreakEngine engine = new BreakEngine(RULES, BreakLimits.DEFAULTS, outcome -> {
		});
		List<HopSpan> spans = burst(4, 0);
		engine.accept(spans, NOW);
		engine.forget(spans.get(2).traceId());

		engine.advance(NOW + RULES.settleMicros());

		assertThat(engine.inTrace(spans.get(2).traceId())).isEmpty();
		assertThat(engine.inTrace(spans.get(0).traceId())).as("a's call: only b's other root is left")
			.filteredOn(b -> b.kind() == Break.Kind.LOST_DOWNSTREAM).singleElement()
			.returns(1, Break::candidateCount)
			.returns(List.of(SpanRef.of(spans.get(6))), Break::candidates);
		assertThat(engine.totals().resultTraces()).isEqualTo(3);
	}

}
