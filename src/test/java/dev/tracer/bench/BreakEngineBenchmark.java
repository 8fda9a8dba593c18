package dev.tracer.bench;

import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import dev.tracer.core.breaks.BreakEngine;
import dev.tracer.core.breaks.BreakLimits;
import dev.tracer.core.breaks.BreakRules;
import dev.tracer.core.breaks.BreakTotals;
import dev.tracer.store.StoredSpan;

/**
 * {@link BreakEngine}, the analysis on arrival, over the workload of {@link BreakAnalysisBenchmark}: the
 * same 100,000 spans (25,000 requests, one a millisecond, {@code brokenPercent} of them broken), fed as
 * they would arrive, one request's four spans per batch, the clock one millisecond on per request and
 * the settling tick every 500 requests, so traces settle and roots leave the index as they would live. One op analyses all 100,000 spans once:
 * the analysis's CPU per span is the op's time / 100,000. {@link BreakAnalysisBenchmark} is the "before":
 * the same spans analysed whole, which the old read path did on every refresh of the list.
 *
 * <p>{@link #main} estimates the state's bytes per pending call and per indexed root from the heap used
 * before and after N of them ({@code Runtime} deltas after a collection; printed, not asserted).
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BreakEngineBenchmark extends BigInputBenchmark {

	private static final BreakRules RULES = new BreakRules(5_000_000L, 50_000L);

	private static final long T0 = 1_700_000_000_000_000L;

	@Param({ "1", "10", "100" })
	int brokenPercent;

	private List<StoredSpan> spans;

	@Setup(Level.Trial)
	public void prepare() {
		spans = BreakAnalysisBenchmark.spans(brokenPercent);
		BreakTotals totals = onArrival();
		if (totals.spansAnalysed() != spans.size() || totals.pendingSpans() != 0) {
			throw new IllegalStateException("analysed " + totals);
		}
	}

	@Benchmark
	public BreakTotals onArrival() {
		BreakEngine engine = new BreakEngine(RULES, BreakLimits.DEFAULTS, outcome -> {
		});
		long now = T0;
		for (int i = 0; i < spans.size(); i += 4) {
			engine.accept(spans.subList(i, i + 4), now);
			now += 1_000L;
			if (i % 2_000 == 0) {
				// the tick, every 500 requests: half a second of this clock
				engine.advance(now);
			}
		}
		engine.advance(now + 60_000_000L);
		return engine.totals();
	}

	/**
	 * Bytes per pending call and per indexed root: N requests' client spans held pending (the clock never
	 * moves), then N roots indexed, the heap measured after a collection before and after each. The spans
	 * themselves are made first and kept alive throughout: the store holds them anyway, so only the
	 * analysis's own state is counted. 25,000 of each (the broken workload at 100%).
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("time")) {
			time();
			return;
		}
		if (args.length > 0 && args[0].equals("intake")) {
			intake();
			return;
		}
		List<StoredSpan> spans = BreakAnalysisBenchmark.spans(100);
		Runtime runtime = Runtime.getRuntime();
		for (int round = 0; round < 3; round++) {
			BreakEngine engine = new BreakEngine(RULES, new BreakLimits(1_000_000, 1_000_000, 1_000_000, 10_000, 256), outcome -> {
			});
			long before = used(runtime);
			for (int i = 1; i < spans.size(); i += 4) {
				engine.accept(List.of(spans.get(i)), T0);
			}
			long calls = engine.totals().pendingCalls();
			long afterCalls = used(runtime);
			for (int i = 2; i < spans.size(); i += 4) {
				engine.accept(List.of(spans.get(i)), T0);
			}
			long roots = engine.totals().indexedRoots();
			long afterRoots = used(runtime);
			System.out.printf("round %d: %d pending calls, %.0f B each; %d indexed roots, %.0f B each (with their pending trace)%n",
					round, calls, (afterCalls - before) / (double) calls, roots, (afterRoots - afterCalls) / (double) roots);
			if (engine.totals().spansAnalysed() == 0) {
				throw new IllegalStateException();
			}
		}
	}

	/**
	 * Without JMH's harness (the {@code bench} profile needs a quiet machine): for each share broken, the
	 * whole-set analysis once ("before": what each refresh of the list cost) and the analysis on arrival
	 * of the same 100,000 spans, 5 warm-ups then 9 measured runs each; prints median, min and max in ms
	 * and per span.
	 */
	static void time() {
		for (int percent : new int[] { 1, 10, 100 }) {
			BreakEngineBenchmark bench = new BreakEngineBenchmark();
			bench.brokenPercent = percent;
			bench.prepare();
			BreakAnalysisBenchmark before = new BreakAnalysisBenchmark();
			before.brokenPercent = percent;
			before.prepare();
			long[] whole = runs(() -> before.analyze());
			long[] arrival = runs(() -> bench.onArrival());
			System.out.printf("broken %3d%%: whole set %s; on arrival %s (100,000 spans)%n", percent, describe(whole),
					describe(arrival));
		}
	}

	/**
	 * Intake with the analysis on against off, in one run: Zipkin proto3 batches of 100 decoded and
	 * accepted through the guard into an in-memory store of 100,000 spans, with the break analysis as the
	 * guard's listener or with none. One op is the 1,000 batches of the workload; prints spans/s, median,
	 * min and max of 9 runs each, interleaved, and the ratio of the medians.
	 */
	static void intake() {
		List<StoredSpan> stored = BreakAnalysisBenchmark.spans(10);
		List<byte[]> batches = new java.util.ArrayList<>();
		for (int i = 0; i < stored.size(); i += 100) {
			List<zipkin2.Span> batch = new java.util.ArrayList<>();
			for (StoredSpan span : stored.subList(i, i + 100)) {
				batch.add(span.span());
			}
			batches.add(zipkin2.codec.SpanBytesEncoder.PROTO3.encodeList(batch));
		}
		long[] on = new long[9];
		long[] off = new long[9];
		for (int round = -3; round < 9; round++) {
			long a = intakeOnce(batches, true);
			long b = intakeOnce(batches, false);
			if (round >= 0) {
				on[round] = a;
				off[round] = b;
			}
		}
		java.util.Arrays.sort(on);
		java.util.Arrays.sort(off);
		System.out.printf("intake, analysis on:  %s%nintake, analysis off: %s%nratio of medians (on/off throughput): %.3f%n",
				spansPerSecond(on, stored.size()), spansPerSecond(off, stored.size()), (double) off[4] / on[4]);
		long[] caughtUp = caughtUpNanos.stream().skip(3).mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("analysis caught up (intake start to every span taken), on: %s%n",
				spansPerSecond(caughtUp, stored.size()));
	}

	/**
	 * One pass of the intake. With the analysis on, its tick runs beside the intake as in the server
	 * (every 500 ms, on its own thread), and the pass ends when the intake has taken every batch; the
	 * analysis's catching up after that is printed apart ({@link #caughtUpNanos}), not counted.
	 */
	private static long intakeOnce(List<byte[]> batches, boolean analysis) {
		dev.tracer.store.SpanListener listener = dev.tracer.store.SpanListener.NONE;
		dev.tracer.analysis.StoreBreaks breaks = null;
		java.util.concurrent.ScheduledExecutorService tick = null;
		if (analysis) {
			breaks = new dev.tracer.analysis.StoreBreaks(new BreakEngine(RULES, BreakLimits.DEFAULTS, outcome -> {
			}), () -> System.currentTimeMillis() * 1_000L);
			listener = breaks;
			tick = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
			tick.scheduleWithFixedDelay(breaks::settle, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		dev.tracer.store.SpanStore store = new dev.tracer.store.GuardedSpanStore(
				new dev.tracer.store.InMemorySpanStore(100_000, Long.MAX_VALUE, listener), dev.tracer.store.SpanLimits.DEFAULTS,
				dev.tracer.store.MemoryPressure.NONE, java.time.Duration.ofSeconds(1), listener);
		long start = System.nanoTime();
		for (byte[] batch : batches) {
			store.accept(dev.tracer.store.ZipkinProto3.decode(batch));
		}
		long intake = System.nanoTime() - start;
		if (tick != null) {
			tick.shutdownNow();
			breaks.settle();
			caughtUpNanos.add(System.nanoTime() - start);
		}
		return intake;
	}

	/** Per pass with the analysis on: from the first batch until the analysis had taken every span. */
	private static final List<Long> caughtUpNanos = new java.util.ArrayList<>();

	private static String spansPerSecond(long[] sorted, int spans) {
		return String.format("median %.0f spans/s (min %.0f, max %.0f)", spans / (sorted[4] / 1e9),
				spans / (sorted[8] / 1e9), spans / (sorted[0] / 1e9));
	}

	private static long[] runs(Runnable op) {
		for (int i = 0; i < 5; i++) {
			op.run();
		}
		long[] nanos = new long[9];
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			op.run();
			nanos[i] = System.nanoTime() - start;
		}
		java.util.Arrays.sort(nanos);
		return nanos;
	}

	private static String describe(long[] sorted) {
		return String.format("median %.1f ms (min %.1f, max %.1f), %.2f us/span", sorted[sorted.length / 2] / 1e6,
				sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, sorted[sorted.length / 2] / 1e3 / 100_000);
	}

	private static long used(Runtime runtime) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
