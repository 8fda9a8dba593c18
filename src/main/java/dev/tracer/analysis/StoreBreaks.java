package dev.tracer.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import zipkin2.Span;

import dev.tracer.core.breaks.Break;
import dev.tracer.core.breaks.BreakAnalysis;
import dev.tracer.core.breaks.BreakReport;
import dev.tracer.core.breaks.BreakRules;
import dev.tracer.core.breaks.UntracedCall;
import dev.tracer.core.context.TraceId;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoreStats;
import dev.tracer.store.StoredSpan;

/**
 * The break analysis over everything a store holds, for the trace API and the break list. The
 * analysis links pieces across traces, so it reads the whole store ({@link SpanStore#spans}): linear
 * in the spans held (see {@code BreakAnalysisBenchmark}). The last report is reused while the store
 * has accepted and evicted nothing new and it is less than {@link #MAX_AGE_MICROS} old; a call that
 * settles in the meantime is judged at the next refresh.
 */
public final class StoreBreaks {

	/** How long a report is reused when nothing arrived: a pending call is judged this much late at most. */
	static final long MAX_AGE_MICROS = 1_000_000L;

	private static final Comparator<Break> NEWEST_FIRST = Comparator
		.comparingLong((Break b) -> b.span().startMicros())
		.reversed();

	private final SpanStore store;

	private final BreakAnalysis analysis;

	private final LongSupplier clockMicros;

	private BreakReport report;

	private long reportMicros;

	private long reportAccepted = -1;

	private long reportEvicted = -1;

	/**
	 * @param store the store to read, never null
	 * @param rules the settle time and skew tolerance, never null
	 * @param clockMicros epoch microseconds now, never null
	 */
	public StoreBreaks(SpanStore store, BreakRules rules, LongSupplier clockMicros) {
		this.store = Objects.requireNonNull(store, "store");
		this.analysis = new BreakAnalysis(rules);
		this.clockMicros = Objects.requireNonNull(clockMicros, "clockMicros");
	}

	/** The report over the whole store, at most {@link #MAX_AGE_MICROS} old. */
	public synchronized BreakReport report() {
		long now = clockMicros.getAsLong();
		StoreStats stats = store.stats();
		boolean unchanged = stats.spansAccepted() == reportAccepted && stats.spansEvicted() == reportEvicted;
		if (report == null || !unchanged || now - reportMicros >= MAX_AGE_MICROS) {
			List<Span> spans = store.spans();
			List<StoredSpan> stored = new ArrayList<>(spans.size());
			for (Span span : spans) {
				stored.add(new StoredSpan(span));
			}
			report = analysis.analyze(stored, now);
			reportMicros = now;
			reportAccepted = stats.spansAccepted();
			reportEvicted = stats.spansEvicted();
		}
		return report;
	}

	/**
	 * The breaks of one trace: its lost calls and its restart.
	 *
	 * @param traceId the trace id, 16 or 32 hex of either case, compared in W3C form
	 * ({@link TraceId#w3cForm}) as every stored span's id is ({@link StoredSpan#traceId})
	 * @return the breaks, in the report's order
	 */
	public List<Break> inTrace(String traceId) {
		return report().inTrace(TraceId.w3cForm(traceId));
	}

	/**
	 * The calls of one trace that went to a callee that writes no span (a database, a cache, a broker, a
	 * third party): facts for its spans' details, never breaks.
	 *
	 * @param traceId the trace id, 16 or 32 hex of either case, compared in W3C form
	 * @return the untraced calls, in the report's order
	 */
	public List<UntracedCall> untracedInTrace(String traceId) {
		return report().untracedCallsInTrace(TraceId.w3cForm(traceId));
	}

	/**
	 * The newest breaks of a report across traces, by the start of their span. A report, not the
	 * store: a caller that also shows the report's counts takes both from one report.
	 *
	 * @param report the report, never null
	 * @param limit the most to return, 0 or more
	 * @return at most {@code limit} breaks, newest first
	 */
	public static List<Break> newest(BreakReport report, int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit < 0: " + limit);
		}
		return report.breaks().stream().sorted(NEWEST_FIRST).limit(limit).toList();
	}

}
