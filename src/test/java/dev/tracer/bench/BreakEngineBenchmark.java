package dev.tracer.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.tracer.core.breaks.BreakEngine;
import dev.tracer.core.breaks.BreakLimits;
import dev.tracer.core.breaks.BreakRules;
import dev.tracer.core.breaks.BreakTotals;
import dev.tracer.store.StoredSpan;

/**
 * {@link BreakEngine}, the analysis on arrival, over the workload of {@link BreakAnalysisBenchmark}: the
 * same 100,000 spans (25,000 requests, one a millisecond, {@code brokenPercent} of them broken), fed as
 * they would arrive, one request's four spans per batch, the clock one millisecond on per request, so
 * traces settle and roots leave the index as they would live. One op analyses all 100,000 spans once:
 * the analysis's CPU per span is the op's time / 100,000. {@link BreakAnalysisBenchmark} is the "before":
 * the same spans analysed whole, which the old read path did on every refresh of the list.
 *
 * <p>{@link #main} estimates the state's bytes per pending call and per indexed root from the heap used
 * before and after N of them ({@code Runtime} deltas after a collection; printed, not asserted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BreakEngineBenchmark {

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

	private static long used(Runtime runtime) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
