package dev.tracer.store;

/**
 * A snapshot of a {@link SpanStore}'s counters, taken at one moment. Every accepted span is either
 * still stored or was evicted, so {@code spansAccepted == spansStored + spansEvicted}; a span refused
 * under memory pressure was never accepted, so every span handed to the store is counted once in
 * {@code spansAccepted + spansRefused}.
 *
 * @param spansAccepted spans accepted since the store was created
 * @param spansStored spans held now
 * @param tracesStored traces held now
 * @param spansEvicted spans evicted to stay within {@code maxSpans} or {@code maxBytes}, both counted
 * @param tracesEvicted traces evicted to stay within {@code maxSpans} or {@code maxBytes}, both counted
 * @param maxSpans the bound on {@code spansStored}
 * @param bytesStored the estimate of the heap the stored spans take ({@link SpanSizes})
 * @param maxBytes the bound on {@code bytesStored}; 0 when the store is not bounded by bytes
 * @param spansEvictedForBytes the part of {@code spansEvicted} evicted because {@code maxBytes} was passed
 * while {@code maxSpans} was not
 * @param tracesEvictedForBytes the part of {@code tracesEvicted} evicted for {@code maxBytes}
 * @param spansTruncated accepted spans that were over a {@link SpanLimits} limit and were stored cut down
 * @param spansRefused spans refused, never stored, because the heap was short
 * ({@link StoreOverloadedException})
 */
public record StoreStats(long spansAccepted, int spansStored, int tracesStored, long spansEvicted,
		long tracesEvicted, int maxSpans, long bytesStored, long maxBytes, long spansEvictedForBytes,
		long tracesEvictedForBytes, long spansTruncated, long spansRefused) {

	public StoreStats {
		checkNotNegative("spansAccepted", spansAccepted);
		checkNotNegative("spansStored", spansStored);
		checkNotNegative("tracesStored", tracesStored);
		checkNotNegative("spansEvicted", spansEvicted);
		checkNotNegative("tracesEvicted", tracesEvicted);
		if (maxSpans < 1) {
			throw new IllegalArgumentException("maxSpans < 1: " + maxSpans);
		}
		checkNotNegative("bytesStored", bytesStored);
		checkNotNegative("maxBytes", maxBytes);
		checkNotNegative("spansEvictedForBytes", spansEvictedForBytes);
		checkNotNegative("tracesEvictedForBytes", tracesEvictedForBytes);
		checkNotNegative("spansTruncated", spansTruncated);
		checkNotNegative("spansRefused", spansRefused);
	}

	/** The counters a store that knows nothing of bytes, limits or refusals has; the rest are 0. */
	public StoreStats(long spansAccepted, int spansStored, int tracesStored, long spansEvicted, long tracesEvicted,
			int maxSpans) {
		this(spansAccepted, spansStored, tracesStored, spansEvicted, tracesEvicted, maxSpans, 0, 0, 0, 0, 0, 0);
	}

	/** These counters with the intake's own: what {@link GuardedSpanStore} adds to the store it guards. */
	StoreStats withIntake(long spansTruncated, long spansRefused) {
		return new StoreStats(spansAccepted, spansStored, tracesStored, spansEvicted, tracesEvicted, maxSpans,
				bytesStored, maxBytes, spansEvictedForBytes, tracesEvictedForBytes, spansTruncated, spansRefused);
	}

	private static void checkNotNegative(String name, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " < 0: " + value);
		}
	}

}
