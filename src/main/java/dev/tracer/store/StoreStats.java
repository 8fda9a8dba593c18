package dev.tracer.store;

/**
 * A snapshot of a {@link SpanStore}'s counters, taken at one moment. Every accepted span is either
 * still stored or was evicted, so {@code spansAccepted == spansStored + spansEvicted}.
 *
 * @param spansAccepted spans accepted since the store was created
 * @param spansStored spans held now
 * @param tracesStored traces held now
 * @param spansEvicted spans evicted to stay within {@code maxSpans}
 * @param tracesEvicted traces evicted to stay within {@code maxSpans}
 * @param maxSpans the bound on {@code spansStored}
 */
public record StoreStats(long spansAccepted, int spansStored, int tracesStored, long spansEvicted,
		long tracesEvicted, int maxSpans) {

	public StoreStats {
		checkNotNegative("spansAccepted", spansAccepted);
		checkNotNegative("spansStored", spansStored);
		checkNotNegative("tracesStored", tracesStored);
		checkNotNegative("spansEvicted", spansEvicted);
		checkNotNegative("tracesEvicted", tracesEvicted);
		if (maxSpans < 1) {
			throw new IllegalArgumentException("maxSpans < 1: " + maxSpans);
		}
	}

	private static void checkNotNegative(String name, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " < 0: " + value);
		}
	}

}
