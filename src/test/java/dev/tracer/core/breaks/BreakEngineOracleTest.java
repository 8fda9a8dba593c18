package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine, fed span by span, against the whole-set oracle ({@link BreakAnalysis}) on the corpus and
 * the demo's recorded propagation modes: the same breaks (every field), the same untraced calls and
 * calls to an unknown callee, the same orphans, whatever the order the spans arrive in, as long as a
 * trace's last span comes within the settle time of the others.
 *
 * <pre>
 * arrival     how the spans come                                   time advanced
 * in order    one batch per span, as recorded                      10 ms per span, then in 100 ms steps
 * shuffled    one batch per span, a seeded random order            10 ms per span, then in 100 ms steps
 * late        shuffled; every fifth span held back 4 s (settle 5)  in 100 ms steps throughout
 * batches     shuffled, in batches of 7                            up to 1 s per batch, 4 s in all
 * </pre>
 */
class BreakEngineOracleTest {

	private static final BreakRules RULES = new BreakRules(5_000_000L, 50_000L);

	/** Long after every corpus span ended: the oracle sees each trace settled. */
	private static final long T0 = 4_000_000_000_000_000L;

	enum Arrival {

		IN_ORDER, SHUFFLED, LATE, BATCHES

	}

	static Stream<Arguments> cases() {
		List<String> names = new ArrayList<>();
		CorpusBreaksTest.traces().forEach(names::add);
		for (String mode : List.of("normal", "dropped", "uppercase", "b3", "dropped-burst")) {
			if (!names.contains("demo/" + mode + ".json")) {
				names.add("demo/" + mode + ".json");
			}
		}
		names.add("ALL");
		List<Arguments> cases = new ArrayList<>();
		for (String name : names) {
			for (Arrival arrival : Arrival.values()) {
				cases.add(Arguments.of(name, arrival));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cases")
	void engine_spanBySpan_saysWhatTheOracleSays(String name, Arrival arrival) {
		List<HopSpan> spans = spans(name);
		BreakReport oracle = new BreakAnalysis(RULES).analyze(spans, T0 + 1_000_000_000L);
		List<CallOutcome> outcomes = new ArrayList<>();
		BreakEngine engine = new BreakEngine(RULES, BreakLimits.DEFAULTS, outcomes::add);

		long now = feed(engine, spans, arrival, name.hashCode());
		engine.advance(now + 60_000_000L);

		Set<String> traceIds = new LinkedHashSet<>();
		spans.forEach(span -> traceIds.add(span.traceId()));
		List<Break> breaks = new ArrayList<>();
		List<UntracedCall> untraced = new ArrayList<>();
		for (String traceId : traceIds) {
			breaks.addAll(engine.inTrace(traceId));
			untraced.addAll(engine.untracedInTrace(traceId));
			assertThat(engine.breakCount(traceId)).as("count of %s", traceId).isEqualTo(oracle.inTrace(traceId).size());
		}
		breaks.sort(Comparator.comparing(Break::span, BreakAnalysis.ORDER).thenComparing(Break::kind));
		untraced.sort(Comparator.comparing(UntracedCall::call, BreakAnalysis.ORDER));
		assertThat(breaks).as("breaks").isEqualTo(oracle.breaks());
		assertThat(untraced).as("untraced calls").isEqualTo(oracle.untracedCalls());
		assertThat(outcomes.stream().filter(o -> o.outcome() == CallOutcome.Outcome.UNKNOWN_CALLEE).map(CallOutcome::call)
			.sorted(BreakAnalysis.ORDER).toList()).as("unknown callee").isEqualTo(oracle.unknownCalleeCalls());
		List<Break> newestFirst = new ArrayList<>(oracle.breaks());
		newestFirst.sort(Comparator.comparingLong((Break b) -> b.span().startMicros()).reversed());
		assertThat(engine.newest(1000)).as("newest first").isEqualTo(newestFirst);
		BreakTotals totals = engine.totals();
		assertThat(totals.breaks()).isEqualTo(oracle.breaks().size());
		assertThat(totals.untracedCalls()).isEqualTo(oracle.untracedCalls().size());
		assertThat(totals.unknownCalleeCalls()).isEqualTo(oracle.unknownCalleeCalls().size());
		assertThat(totals.orphans()).as("orphans").isEqualTo(oracle.orphans().size());
		assertThat(totals.pendingCalls()).isZero();
		assertThat(totals.settledEarly()).isZero();
		long lost = oracle.breaks().stream().filter(b -> b.kind() == Break.Kind.LOST_DOWNSTREAM).count();
		assertThat(outcomes.stream().filter(o -> o.outcome() == CallOutcome.Outcome.BROKEN).count()).as("broken outcomes")
			.isEqualTo(lost);
		assertThat(outcomes.stream().filter(o -> o.outcome() == CallOutcome.Outcome.UNTRACED).count())
			.isEqualTo(oracle.untracedCalls().size());
	}

	/** Feeds the spans as the arrival says, advancing the engine's clock; answers the time of the last. */
	private static long feed(BreakEngine engine, List<HopSpan> spans, Arrival arrival, long seed) {
		List<HopSpan> order = new ArrayList<>(spans);
		if (arrival != Arrival.IN_ORDER) {
			Collections.shuffle(order, new Random(seed));
		}
		long now = T0;
		switch (arrival) {
			case IN_ORDER, SHUFFLED -> {
				for (HopSpan span : order) {
					engine.accept(List.of(span), now);
					now += 10_000L;
				}
			}
			case LATE -> {
				List<HopSpan> held = new ArrayList<>();
				for (int i = 0; i < order.size(); i++) {
					if (i % 5 == 4) {
						held.add(order.get(i));
					}
					else {
						engine.accept(List.of(order.get(i)), now);
					}
				}
				for (int step = 0; step < 40; step++) {
					now += 100_000L;
					engine.advance(now);
				}
				engine.accept(held, now);
			}
			case BATCHES -> {
				// a trace's spans must all come within the settle time: the batches spread over 4 s at most
				long step = Math.min(1_000_000L, 4_000_000L / (order.size() / 7 + 1));
				for (int i = 0; i < order.size(); i += 7) {
					engine.accept(order.subList(i, Math.min(order.size(), i + 7)), now);
					now += step;
				}
			}
		}
		for (int step = 0; step < 80; step++) {
			now += 100_000L;
			engine.advance(now);
		}
		return now;
	}

	private static List<HopSpan> spans(String name) {
		if (!name.equals("ALL")) {
			return CorpusBreaksTest.spans(name);
		}
		List<HopSpan> all = new ArrayList<>();
		for (String mode : List.of("normal", "dropped", "uppercase", "b3", "dropped-burst")) {
			all.addAll(CorpusBreaksTest.spans("demo/" + mode + ".json"));
		}
		return all;
	}

}
