package dev.tracer.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import zipkin2.Span;
import dev.tracer.core.context.TraceId;

/**
 * What every intake's spans pass before any store keeps them: a batch is refused whole while memory is
 * short, and each span of a batch taken is cut down to the {@link SpanLimits}. Wraps any
 * {@link SpanStore}, so that the Zipkin JSON and proto3 intakes, and any other that calls
 * {@link #accept}, get the same rules in the same place.
 *
 * <pre>{@code
 * intake --accept--> GuardedSpanStore --accept--> the store (InMemorySpanStore, ...)
 *                      | memory short? -> StoreOverloadedException, spansRefused += batch
 *                      | each span: SpanLimits.apply, spansTruncated += cut ones
 *                      | stored: SpanListener.accepted(batch), the analysis on arrival
 * }</pre>
 *
 * <p>Reads go straight to the store. {@link #stats()} is the store's, with this guard's two counters.
 */
public final class GuardedSpanStore implements SpanStore {

	private final SpanStore store;

	private final SpanLimits limits;

	private final MemoryPressure pressure;

	private final Duration retryAfter;

	private final SpanListener listener;

	private final LongAdder spansTruncated = new LongAdder();

	private final LongAdder spansRefused = new LongAdder();

	/**
	 * @param store where the spans go, never null
	 * @param limits how big one span may be, never null
	 * @param pressure when to refuse, never null ({@link MemoryPressure#NONE} never does)
	 * @param retryAfter what a refusal tells the sender, positive
	 */
	public GuardedSpanStore(SpanStore store, SpanLimits limits, MemoryPressure pressure, Duration retryAfter) {
		this(store, limits, pressure, retryAfter, SpanListener.NONE);
	}

	/**
	 * @param store where the spans go, never null
	 * @param limits how big one span may be, never null
	 * @param pressure when to refuse, never null ({@link MemoryPressure#NONE} never does)
	 * @param retryAfter what a refusal tells the sender, positive
	 * @param listener told of each batch the store took, as stored, never null
	 */
	public GuardedSpanStore(SpanStore store, SpanLimits limits, MemoryPressure pressure, Duration retryAfter,
			SpanListener listener) {
		if (store == null || limits == null || pressure == null) {
			throw new NullPointerException((store == null) ? "store" : (limits == null) ? "limits" : "pressure");
		}
		if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
			throw new IllegalArgumentException("retryAfter not positive: " + retryAfter);
		}
		this.store = store;
		this.limits = limits;
		this.pressure = pressure;
		this.retryAfter = retryAfter;
		this.listener = java.util.Objects.requireNonNull(listener, "listener");
	}

	/**
	 * @throws StoreOverloadedException if memory is short; then nothing of the batch is stored
	 */
	@Override
	public void accept(List<Span> spans) {
		Span[] batch = SpanStore.checkedBatch(spans);
		if (batch.length == 0) {
			return;
		}
		String shortage = pressure.shortage();
		if (shortage != null) {
			spansRefused.add(batch.length);
			throw new StoreOverloadedException(
					shortage + "; none of the " + batch.length + " spans was stored, try again later", retryAfter);
		}
		int truncated = 0;
		for (int i = 0; i < batch.length; i++) {
			Span limited = limits.apply(batch[i]);
			if (limited != batch[i]) {
				batch[i] = limited;
				truncated++;
			}
		}
		List<Span> taken = Arrays.asList(batch);
		store.accept(taken);
		spansTruncated.add(truncated);
		listener.accepted(taken);
	}

	@Override
	public List<Span> trace(TraceId traceId) {
		return store.trace(traceId);
	}

	@Override
	public List<TraceSummary> recentTraces(TraceQuery query) {
		return store.recentTraces(query);
	}

	@Override
	public List<Span> spans() {
		return store.spans();
	}

	/** The guard's counters are read first: a batch counts as truncated only once the store has it. */
	@Override
	public StoreStats stats() {
		long truncated = spansTruncated.sum();
		long refused = spansRefused.sum();
		StoreStats stats = store.stats();
		return stats.withIntake(stats.spansTruncated() + truncated, stats.spansRefused() + refused);
	}

}
