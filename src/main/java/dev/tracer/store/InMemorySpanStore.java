package dev.tracer.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import zipkin2.Span;

import dev.tracer.core.context.TraceId;

/**
 * A span store that keeps spans in memory, bounded by a number of spans and by an estimate of the bytes
 * they take ({@link SpanSizes}). When a batch takes it past either bound, whole traces are evicted,
 * oldest first by first arrival, until it is within both again; evictions are counted, those for bytes
 * also apart, so memory stays bounded and nothing disappears unnoticed.
 *
 * <p>Two indexes, changed together under the store's lock. Here three traces arrived in the order
 * aaaa, bbbb, cccc, and a late span of aaaa came after cccc:
 *
 * <pre>{@code
 * tracesById:                           spans of each trace, arrival order, duplicates kept,
 *    aaaa --> [ spanA1, spanA2, spanA3 ]  900 B   and the estimated bytes of the trace
 *    bbbb --> [ spanB1 ]                  500 B   spanA3 arrived last of all, yet aaaa stays oldest
 *    cccc --> [ spanC1, spanC2 ]          700 B
 *
 * traceIdsByArrival:                    each trace once, by first arrival
 *    head (oldest, evicted first)  aaaa, bbbb, cccc  tail (newest, listed first)
 *
 * spansStored = 6 = sum of the list sizes
 * bytesStored = 2100 = sum of the traces' bytes (each: its spans' estimates + SpanSizes.TRACE_OVERHEAD)
 * }</pre>
 *
 * <p>With {@code maxSpans = 5}, a batch of one span of dddd makes 7 spans: aaaa (3 spans) is evicted,
 * leaving 4. With {@code maxBytes = 2000} instead, the same happens once dddd's bytes are added, and
 * the eviction also counts as one for bytes. A batch larger than a bound on its own evicts the oldest
 * traces until the store fits, the batch's own traces included; every evicted span still counts as
 * accepted and evicted. A span's estimate is made before the lock is taken.
 *
 * <p>The arrival order is a deque rather than a {@code LinkedHashMap}'s order because traces leave only
 * from the oldest end, and the newest-first listing needs a descending iterator, which Java 17's
 * {@code LinkedHashMap} does not have. One lock over simple structures keeps the counters and the
 * indexes consistent without reasoning about interleavings; each call holds it for time linear in its
 * input or output.
 */
public final class InMemorySpanStore implements SpanStore {

	private final int maxSpans;

	private final long maxBytes;

	private final Map<String, StoredTrace> tracesById = new HashMap<>();

	private final ArrayDeque<String> traceIdsByArrival = new ArrayDeque<>();

	private long spansAccepted;

	private int spansStored;

	private long bytesStored;

	private long spansEvicted;

	private long tracesEvicted;

	private long spansEvictedForBytes;

	private long tracesEvictedForBytes;

	private final SpanListener listener;

	/**
	 * A store bounded by span count alone.
	 *
	 * @param maxSpans the most spans to hold, 1 or more
	 * @throws IllegalArgumentException if maxSpans is less than 1
	 */
	public InMemorySpanStore(int maxSpans) {
		this(maxSpans, Long.MAX_VALUE);
	}

	/**
	 * @param maxSpans the most spans to hold, 1 or more
	 * @param maxBytes the most bytes the spans may take by {@link SpanSizes}' estimate, 1 or more;
	 * {@code Long.MAX_VALUE} for no bound
	 * @throws IllegalArgumentException if maxSpans or maxBytes is less than 1
	 */
	public InMemorySpanStore(int maxSpans, long maxBytes) {
		this(maxSpans, maxBytes, SpanListener.NONE);
	}

	/**
	 * @param maxSpans the most spans to hold, 1 or more
	 * @param maxBytes the most bytes the spans may take by {@link SpanSizes}' estimate, 1 or more;
	 * {@code Long.MAX_VALUE} for no bound
	 * @param listener told of each trace evicted, after the store's lock is released, never null
	 * @throws IllegalArgumentException if maxSpans or maxBytes is less than 1
	 */
	public InMemorySpanStore(int maxSpans, long maxBytes, SpanListener listener) {
		if (maxSpans < 1) {
			throw new IllegalArgumentException("maxSpans < 1: " + maxSpans);
		}
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
		}
		this.maxSpans = maxSpans;
		this.maxBytes = maxBytes;
		this.listener = java.util.Objects.requireNonNull(listener, "listener");
	}

	@Override
	public void accept(List<Span> spans) {
		// Copied, checked and sized before taking the lock: a bad batch changes nothing, and the caller's
		// list is read once, outside the time other threads wait.
		Span[] batch = SpanStore.checkedBatch(spans);
		if (batch.length == 0) {
			return;
		}
		long[] sizes = new long[batch.length];
		for (int i = 0; i < batch.length; i++) {
			sizes[i] = SpanSizes.of(batch[i]);
		}
		List<String> evicted = new ArrayList<>(0);
		synchronized (this) {
			for (int i = 0; i < batch.length; i++) {
				StoredTrace trace = tracesById.computeIfAbsent(batch[i].traceId(), this::newTrace);
				trace.spans.add(batch[i]);
				trace.bytes += sizes[i];
				bytesStored += sizes[i];
			}
			spansAccepted += batch.length;
			spansStored += batch.length;
			while (spansStored > maxSpans || bytesStored > maxBytes) {
				evicted.add(evictOldestTrace(spansStored <= maxSpans));
			}
		}
		for (String traceId : evicted) {
			listener.evicted(traceId);
		}
	}

	/** Called under the lock, by computeIfAbsent, when a trace id is new or returns after eviction. */
	private StoredTrace newTrace(String traceId) {
		traceIdsByArrival.addLast(traceId);
		bytesStored += SpanSizes.TRACE_OVERHEAD;
		return new StoredTrace();
	}

	private String evictOldestTrace(boolean forBytes) {
		String traceId = traceIdsByArrival.removeFirst();
		StoredTrace trace = tracesById.remove(traceId);
		int size = trace.spans.size();
		spansStored -= size;
		bytesStored -= trace.bytes;
		spansEvicted += size;
		tracesEvicted++;
		if (forBytes) {
			spansEvictedForBytes += size;
			tracesEvictedForBytes++;
		}
		return traceId;
	}

	@Override
	public List<Span> trace(TraceId traceId) {
		if (traceId == null) {
			throw new NullPointerException("traceId == null");
		}
		// Zipkin's model files a 32-hex id whose high half is zero under the low 16 (Span.normalizeTraceId)
		return spansOf(Span.normalizeTraceId(traceId.value()));
	}

	private List<Span> spansOf(String key) {
		synchronized (this) {
			StoredTrace trace = tracesById.get(key);
			return (trace != null) ? List.copyOf(trace.spans) : List.of();
		}
	}

	/**
	 * Summarises outside the lock, one trace at a time, so building trees for the list never holds up
	 * the intake; a trace evicted meanwhile is skipped. A trace the query's span criteria rule out is
	 * not summarised ({@link TraceQuery#matchesSpans}).
	 */
	@Override
	public List<TraceSummary> recentTraces(TraceQuery query) {
		if (query == null) {
			throw new NullPointerException("query == null");
		}
		String[] oldestFirst;
		synchronized (this) {
			oldestFirst = traceIdsByArrival.toArray(new String[0]);
		}
		List<TraceSummary> result = new ArrayList<>(Math.min(query.limit(), oldestFirst.length));
		for (int i = oldestFirst.length - 1; i >= 0 && result.size() < query.limit(); i--) {
			if (query.traceIds() != null && !query.traceIds().contains(TraceId.w3cForm(oldestFirst[i]))) {
				continue; // not even copied
			}
			List<Span> spans = spansOf(oldestFirst[i]);
			if (!spans.isEmpty() && query.matchesSpans(oldestFirst[i], spans)) {
				TraceSummary summary = TraceSummary.of(oldestFirst[i], spans);
				if (query.matchesSummary(summary)) {
					result.add(summary);
				}
			}
		}
		return result;
	}

	/** One copy under the lock: linear in the spans held, and consistent with one moment. */
	@Override
	public List<Span> spans() {
		synchronized (this) {
			List<Span> spans = new ArrayList<>(spansStored);
			for (String traceId : traceIdsByArrival) {
				spans.addAll(tracesById.get(traceId).spans);
			}
			return spans;
		}
	}

	@Override
	public synchronized StoreStats stats() {
		return new StoreStats(spansAccepted, spansStored, traceIdsByArrival.size(), spansEvicted, tracesEvicted,
				maxSpans, bytesStored, (maxBytes == Long.MAX_VALUE) ? 0 : maxBytes, spansEvictedForBytes,
				tracesEvictedForBytes, 0, 0);
	}

	/** The spans of one trace and what they take, with {@link SpanSizes#TRACE_OVERHEAD}. */
	private static final class StoredTrace {

		final List<Span> spans = new ArrayList<>(4);

		long bytes = SpanSizes.TRACE_OVERHEAD;

	}

}
