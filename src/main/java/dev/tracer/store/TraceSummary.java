package dev.tracer.store;

/**
 * One line of the trace list: enough to pick a trace without loading its spans.
 *
 * <pre>{@code
 * traceId         4bf92f3577b34da6a3ce929d0e0e4736
 * rootService     frontend          of the root span; null if no span is a root (e.g. a pure cycle)
 * rootName        get /hello
 * spanCount       4                 spans stored, duplicates included
 * startMicros     1700000000000000  earliest timestamp; 0 if no span has one
 * durationMicros  350000            latest end minus earliest start; 0 if unknown
 * errorCount      1                 spans with an "error" tag
 * }</pre>
 *
 * <p>The root is the earliest-starting span whose parent is null or absent from the trace; an
 * unknown start counts as 0 and ties go to the first to arrive, which is how {@code TraceTree} orders
 * its roots, so the list names the same root the tree shows first.
 *
 * @param traceId the trace id, lowercase hex
 * @param rootService the root span's local service name, or null if unknown
 * @param rootName the root span's name, or null if unknown
 * @param spanCount spans stored for the trace, duplicates included
 * @param startMicros epoch microseconds of the earliest span start, or 0 if unknown
 * @param durationMicros microseconds from the earliest start to the latest end, or 0 if unknown
 * @param errorCount spans with an {@code error} tag
 */
public record TraceSummary(String traceId, String rootService, String rootName, int spanCount, long startMicros,
		long durationMicros, int errorCount) {

	public TraceSummary {
		if (traceId == null) {
			throw new NullPointerException("traceId");
		}
		if (spanCount < 0) {
			throw new IllegalArgumentException("spanCount < 0: " + spanCount);
		}
		if (durationMicros < 0) {
			throw new IllegalArgumentException("durationMicros < 0: " + durationMicros);
		}
		if (errorCount < 0 || errorCount > spanCount) {
			throw new IllegalArgumentException("errorCount not in [0, spanCount]: " + errorCount);
		}
	}

}
