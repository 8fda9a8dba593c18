package dev.tracer.store;

import java.util.ArrayList;
import java.util.List;

import zipkin2.Span;

import dev.tracer.core.context.TraceId;

/**
 * Where finished spans go: what the Zipkin v2 endpoints write to and what the trace viewer reads
 * from. Implementations are thread-safe.
 */
public interface SpanStore {

	/**
	 * Stores the spans as received, duplicates included: the trace tree merges and reports them, so
	 * dropping them here would hide what the instrumentation sent.
	 *
	 * @param spans the spans, possibly of several traces; an empty list is a no-op
	 * @throws NullPointerException if the list or an element is null; then nothing is stored
	 */
	void accept(List<Span> spans);

	/**
	 * The batch {@link #accept} was given, copied and checked as its contract says: every store calls
	 * this first, so that a bad batch is refused the same way whichever store has it, before anything
	 * is stored.
	 *
	 * @param spans the batch as the caller passed it
	 * @return a copy that later changes to the caller's list do not reach
	 * @throws NullPointerException if the list or an element is null, naming which
	 */
	static Span[] checkedBatch(List<Span> spans) {
		if (spans == null) {
			throw new NullPointerException("spans == null");
		}
		Span[] batch = spans.toArray(new Span[0]);
		for (int i = 0; i < batch.length; i++) {
			if (batch[i] == null) {
				throw new NullPointerException("spans[" + i + "] == null");
			}
		}
		return batch;
	}

	/**
	 * The spans of one trace, in arrival order.
	 *
	 * @param traceId the trace id, read at the boundary ({@link TraceId#parseHex}); a 32-hex id whose high
	 * half is zero finds the trace Zipkin files under the low 16
	 * @return a copy, empty if the trace is unknown (never stored, or evicted)
	 */
	List<Span> trace(TraceId traceId);

	/**
	 * Summaries of the newest traces, newest first by the trace's first arrival.
	 *
	 * @param limit the most to return, 0 or more
	 * @return at most {@code limit} summaries
	 * @throws IllegalArgumentException if limit is negative
	 */
	default List<TraceSummary> recentTraces(int limit) {
		return recentTraces(TraceQuery.newest(limit));
	}

	/**
	 * Summaries ({@link TraceSummary#of}) of the newest traces that the query {@link TraceQuery#matches},
	 * newest first by the trace's first arrival.
	 *
	 * @param query the limit and the filters, never null
	 * @return at most {@code query.limit()} summaries
	 */
	List<TraceSummary> recentTraces(TraceQuery query);

	/**
	 * Every span held, trace by trace, oldest trace first: what the break analysis reads, as it links
	 * pieces across traces. This default asks for each trace in turn; a store that can copy its spans
	 * at once does so.
	 *
	 * @return a copy, each trace's spans in arrival order
	 */
	default List<Span> spans() {
		List<TraceSummary> newestFirst = recentTraces(TraceQuery.newest(Integer.MAX_VALUE));
		List<Span> spans = new ArrayList<>();
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			spans.addAll(trace(TraceId.parseHex(newestFirst.get(i).traceId())));
		}
		return spans;
	}

	/** Counters and sizes at the moment of the call, consistent with one another. */
	StoreStats stats();

}
