package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.tracer.core.breaks.CallOutcome.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The propagation map's counting: buckets of a minute, a window summing them, its bounds, and many
 * threads at once. The clock is the test's: {@link #NOW} is 2026-12-07T10:00:00Z.
 */
class PropagationMapTest {

	private static final long MINUTE = 60_000_000L;

	private static final long NOW = 1_796_637_600_000_000L;

	/** A minute buckets, an hour kept, 10 edges, 3 reasons, 5 listed calls per edge. */
	private static final PropagationMap.Limits LIMITS = new PropagationMap.Limits(MINUTE, 60, 10, 3, 5);

	private final AtomicLong clock = new AtomicLong(NOW);

	private final PropagationMap map = new PropagationMap(LIMITS, clock::get);

	private int spans;

	private SpanRef call(String caller, long start) {
		return new SpanRef("4bf92f3577b34da6a3ce929d0e0e4736", String.format("%016x", ++spans), caller, start);
	}

	private void continued(String caller, String callee, long start) {
		map.accept(new CallOutcome(call(caller, start), caller, callee, Outcome.CONTINUED, null, null));
	}

	private void broken(String caller, String callee, long start, String reason, Confidence confidence) {
		map.accept(new CallOutcome(call(caller, start), caller, callee, Outcome.BROKEN, confidence, reason));
	}

	private void untraced(String caller, String callee, long start) {
		map.accept(new CallOutcome(call(caller, start), caller, callee, Outcome.UNTRACED, null, null));
	}

	private PropagationMap.Window lastHour() {
		return map.window(NOW - 60 * MINUTE + 1, NOW);
	}

	@Test
	void window_countsPerEdgeByOutcomeAndReason() {
		for (int i = 0; i < 10; i++) {
			continued("frontend", "backend", NOW - 5 * MINUTE);
		}
		for (int i = 0; i < 12; i++) {
			broken("frontend", "backend", NOW - 4 * MINUTE, "dropped", Confidence.PROBABLE);
		}
		for (int i = 0; i < 8; i++) {
			broken("frontend", "backend", NOW - 3 * MINUTE, "not W3C: b3", Confidence.DEFINITE);
		}
		broken("frontend", "backend", NOW - 3 * MINUTE, "refused: trace-id uppercase", Confidence.DEFINITE);
		untraced("backend", "h2", NOW - MINUTE);

		PropagationMap.Window window = lastHour();

		assertThat(window.edges()).hasSize(2);
		EdgeCounts edge = window.edges().get(1);
		assertThat(edge.caller()).isEqualTo("frontend");
		assertThat(edge.callee()).isEqualTo("backend");
		assertThat(edge.calls()).isEqualTo(31);
		assertThat(edge.continued()).isEqualTo(10);
		assertThat(edge.broken()).isEqualTo(21);
		assertThat(edge.brokenShare()).isEqualTo(21 / 31.0);
		assertThat(edge.verdict()).isEqualTo(EdgeCounts.Verdict.BROKEN);
		assertThat(edge.reasons()).containsExactly(new EdgeCounts.ReasonCount("dropped", 12),
				new EdgeCounts.ReasonCount("not W3C: b3", 8), new EdgeCounts.ReasonCount("refused: trace-id uppercase", 1));
		EdgeCounts database = window.edges().get(0);
		assertThat(database.untraced()).isEqualTo(1);
		assertThat(database.brokenShare()).isZero();
		assertThat(database.verdict()).isEqualTo(EdgeCounts.Verdict.UNTRACED);
		assertThat(window.services()).containsExactly(new PropagationMap.Service("backend", true),
				new PropagationMap.Service("frontend", true), new PropagationMap.Service("h2", false));
	}

	@Test
	void window_sumsOnlyItsBuckets_roundedOutToWholeMinutes() {
		continued("frontend", "backend", NOW - 30 * MINUTE);
		continued("frontend", "backend", NOW - 10 * MINUTE - 1);
		continued("frontend", "backend", NOW - 10 * MINUTE + 1);
		continued("frontend", "backend", NOW - 1);

		assertThat(map.window(NOW - 15 * MINUTE, NOW).edges().get(0).continued()).isEqualTo(3);
		assertThat(map.window(NOW - 10 * MINUTE, NOW).edges().get(0).continued()).isEqualTo(2);
		// the whole minute of NOW - 10 min + 1 µs is in, though the window starts inside it
		assertThat(map.window(NOW - 10 * MINUTE + 30_000_000L, NOW).edges().get(0).continued()).isEqualTo(2);
		assertThat(map.window(NOW - 40 * MINUTE, NOW - 20 * MINUTE).edges().get(0).continued()).isEqualTo(1);
		assertThat(map.window(NOW - 50 * MINUTE, NOW - 40 * MINUTE).edges()).isEmpty();
		PropagationMap.Window window = map.window(NOW - 10 * MINUTE + 30_000_000L, NOW);
		assertThat(window.sinceMicros()).isEqualTo(NOW - 10 * MINUTE);
		assertThat(window.untilMicros()).isEqualTo(NOW + MINUTE - 1);
	}

	@Test
	void retention_oldCallsExpire_andTheRingForgetsWhatItPassed() {
		continued("frontend", "backend", NOW - 61 * MINUTE);
		assertThat(map.stats().expiredCalls()).isEqualTo(1);

		continued("frontend", "backend", NOW - 59 * MINUTE);
		assertThat(lastHour().edges().get(0).continued()).isEqualTo(1);

		clock.set(NOW + 2 * MINUTE);
		// the slot of NOW - 59 min now holds NOW + 1 min's calls; the old count is gone, not added
		continued("frontend", "backend", NOW + MINUTE);
		assertThat(map.window(NOW - 120 * MINUTE, NOW + 2 * MINUTE).edges().get(0).continued()).isEqualTo(1);
	}

	@Test
	void window_clippedToTheRetention() {
		continued("frontend", "backend", NOW - 30 * MINUTE);

		PropagationMap.Window day = map.window(NOW - 24 * 60 * MINUTE, NOW);

		assertThat(day.sinceMicros()).isEqualTo(NOW - 59 * MINUTE);
		assertThat(day.edges().get(0).continued()).isEqualTo(1);
	}

	@Test
	void accept_futureOrUnknownStart_countsNow() {
		continued("frontend", "backend", NOW + 10 * MINUTE);
		continued("frontend", "backend", 0);

		assertThat(map.window(NOW, NOW).edges().get(0).continued()).isEqualTo(2);
	}

	@Test
	void accept_unknownCallee_oneEdgePerCallerWithNoCallee() {
		map.accept(new CallOutcome(call("frontend", NOW), "frontend", null, Outcome.UNKNOWN_CALLEE, null, null));
		map.accept(new CallOutcome(call("backend", NOW), "backend", null, Outcome.UNKNOWN_CALLEE, null, null));
		map.accept(new CallOutcome(call(null, NOW), null, null, Outcome.UNKNOWN_CALLEE, null, null));

		List<EdgeCounts> edges = lastHour().edges();

		assertThat(edges).extracting(EdgeCounts::caller).containsExactly(PropagationMap.UNNAMED, "backend", "frontend");
		assertThat(edges).allSatisfy((edge) -> {
			assertThat(edge.callee()).isNull();
			assertThat(edge.unknownCallee()).isEqualTo(1);
			assertThat(edge.verdict()).isEqualTo(EdgeCounts.Verdict.UNTRACED);
		});
	}

	@Test
	void verdict_onlyPossibleBreaks_areNoFault() {
		broken("frontend", "backend", NOW, "dropped", Confidence.POSSIBLE);
		continued("frontend", "backend", NOW);

		EdgeCounts edge = lastHour().edges().get(0);

		assertThat(edge.possible()).isEqualTo(1);
		assertThat(edge.verdict()).isEqualTo(EdgeCounts.Verdict.POSSIBLY_BROKEN);
		broken("frontend", "backend", NOW, "dropped", Confidence.PROBABLE);
		assertThat(lastHour().edges().get(0).verdict()).isEqualTo(EdgeCounts.Verdict.BROKEN);
	}

	@Test
	void services_calleeOfUntracedCallsOnly_isUntraced_oneThatContinuesIsTraced() {
		untraced("backend", "api.thirdparty.example", NOW);
		untraced("frontend", "backend", NOW);
		continued("frontend", "backend", NOW);

		assertThat(lastHour().services()).contains(new PropagationMap.Service("api.thirdparty.example", false),
				new PropagationMap.Service("backend", true));
	}

	@Test
	void reasons_pastTheLimit_countAsOther() {
		for (String reason : List.of("a", "b", "c", "d", "e", "a")) {
			broken("frontend", "backend", NOW, reason, Confidence.DEFINITE);
		}

		assertThat(lastHour().edges().get(0).reasons()).containsExactly(new EdgeCounts.ReasonCount("a", 2),
				new EdgeCounts.ReasonCount(PropagationMap.OTHER_REASONS, 2), new EdgeCounts.ReasonCount("b", 1),
				new EdgeCounts.ReasonCount("c", 1));
	}

	@Test
	void brokenCalls_newestStartFirst_boundedPerEdge_inTheWindow() {
		for (int i = 0; i < 7; i++) {
			broken("frontend", "backend", NOW - (10 - i) * MINUTE, "dropped", Confidence.PROBABLE);
		}
		continued("frontend", "backend", NOW);

		List<BrokenCall> calls = map.brokenCalls("frontend", "backend", NOW - 60 * MINUTE, NOW, 100);

		// the 5 kept are the last 5 received: started 8, 7, 6, 5 and 4 minutes ago
		assertThat(calls).extracting((call) -> (NOW - call.call().startMicros()) / MINUTE).containsExactly(4L, 5L, 6L, 7L, 8L);
		assertThat(calls.get(0).reason()).isEqualTo("dropped");
		assertThat(calls.get(0).confidence()).isEqualTo(Confidence.PROBABLE);
		assertThat(map.brokenCalls("frontend", "backend", NOW - 6 * MINUTE, NOW, 100)).hasSize(3);
		assertThat(map.brokenCalls("frontend", "backend", NOW - 60 * MINUTE, NOW, 2)).hasSize(2);
		assertThat(map.brokenCalls("frontend", "nobody", NOW - 60 * MINUTE, NOW, 2)).isEmpty();
	}

	@Test
	void edges_pastTheCap_refusedAndCounted_idleOnesForgottenFirst() {
		for (int i = 0; i < 12; i++) {
			continued("frontend", "backend-" + i, NOW - 30 * MINUTE);
		}
		assertThat(map.stats().edges()).isEqualTo(10);
		assertThat(map.stats().refusedCalls()).isEqualTo(2);
		assertThat(lastHour().edges()).hasSize(10);

		// an hour later every edge is idle: a new one takes the place of the forgotten ones
		clock.set(NOW + 31 * MINUTE);
		continued("frontend", "backend-new", NOW + 31 * MINUTE);

		assertThat(map.stats().edges()).isEqualTo(1);
		assertThat(map.window(NOW, NOW + 31 * MINUTE).edges()).extracting(EdgeCounts::callee).containsExactly("backend-new");
	}

	@Test
	void accept_manyThreadsAtOnce_everyCallCounted() throws Exception {
		int threads = 8;
		int perThread = 20_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			String callee = "backend-" + (t % 3);
			done.add(pool.submit(() -> {
				go.await();
				for (int i = 0; i < perThread; i++) {
					long start = NOW - (i % 50) * MINUTE;
					if (i % 4 == 0) {
						map.accept(new CallOutcome(new SpanRef("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
								"frontend", start), "frontend", callee, Outcome.BROKEN, Confidence.DEFINITE, "dropped"));
					}
					else {
						map.accept(new CallOutcome(new SpanRef("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
								"frontend", start), "frontend", callee, Outcome.CONTINUED, null, null));
					}
					if (i % 1000 == 0) {
						lastHour();
					}
				}
				return null;
			}));
		}
		go.countDown();
		for (Future<?> future : done) {
			future.get(1, TimeUnit.MINUTES);
		}
		pool.shutdown();

		List<EdgeCounts> edges = lastHour().edges();
		assertThat(edges).hasSize(3);
		assertThat(edges.stream().mapToLong(EdgeCounts::calls).sum()).isEqualTo((long) threads * perThread);
		assertThat(edges.stream().mapToLong(EdgeCounts::broken).sum()).isEqualTo((long) threads * perThread / 4);
		assertThat(map.brokenCalls("frontend", "backend-0", 0, NOW, 100)).hasSize(5);
	}

	@Test
	void limits_belowOne_refused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PropagationMap.Limits(MINUTE, 0, 10, 3, 5))
			.withMessageContaining("0 buckets");
	}

}
