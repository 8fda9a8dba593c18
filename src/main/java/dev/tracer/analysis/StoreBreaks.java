package dev.tracer.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.LongSupplier;

import zipkin2.Span;

import dev.tracer.core.breaks.Break;
import dev.tracer.core.breaks.BreakEngine;
import dev.tracer.core.breaks.BreakTotals;
import dev.tracer.core.breaks.UntracedCall;
import dev.tracer.core.context.TraceId;
import dev.tracer.store.SpanListener;
import dev.tracer.store.StoredSpan;

/**
 * The break analysis over what the store takes, analysed once on arrival ({@link BreakEngine},
 * docs/design.md, decision 15): the store tells it of every batch it holds and every trace it evicts
 * ({@link SpanListener}), and readers read the engine's result, in time proportional to their answer.
 * Nothing here reads the store. Quiet traces are settled by {@link BreakConfiguration}'s tick, on
 * arrival and before each read, so a reader sees every call whose trace has been quiet for the
 * settle time.
 */
public final class StoreBreaks implements SpanListener {

	private final BreakEngine engine;

	private final LongSupplier clockMicros;

	/**
	 * @param engine the analysis, never null
	 * @param clockMicros epoch microseconds now, never null
	 */
	public StoreBreaks(BreakEngine engine, LongSupplier clockMicros) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.clockMicros = Objects.requireNonNull(clockMicros, "clockMicros");
	}

	@Override
	public void accepted(List<Span> spans) {
		List<StoredSpan> stored = new ArrayList<>(spans.size());
		for (Span span : spans) {
			stored.add(new StoredSpan(span));
		}
		engine.accept(stored, clockMicros.getAsLong());
	}

	/** The store's id is Zipkin's form; the engine's, as every stored span's, the W3C form. */
	@Override
	public void evicted(String traceId) {
		engine.forget(TraceId.w3cForm(traceId));
	}

	/** Settles the traces that have been quiet for the settle time: the tick, and before each read. */
	public void settle() {
		engine.advance(clockMicros.getAsLong());
	}

	/**
	 * Judges these traces now rather than after their settle time: for spans known to be whole, a trace
	 * file opened at once, so that the file's page shows its breaks at once.
	 *
	 * @param traceIds the trace ids as stored spans carry them ({@link StoredSpan#traceId})
	 */
	public void settleNow(Collection<String> traceIds) {
		engine.settleNow(traceIds);
	}

	/** The counts of the result and of the analysis's state. */
	public BreakTotals totals() {
		settle();
		return engine.totals();
	}

	/**
	 * The breaks of one trace: its lost calls and its restart.
	 *
	 * @param traceId the trace id, read at the boundary; stored spans carry its {@link TraceId#value()}
	 * ({@link StoredSpan#traceId})
	 * @return the breaks, in report order
	 */
	public List<Break> inTrace(TraceId traceId) {
		settle();
		return engine.inTrace(traceId.value());
	}

	/**
	 * The calls of one trace that went to a callee that writes no span (a database, a cache, a broker, a
	 * third party): facts for its spans' details, never breaks.
	 *
	 * @param traceId the trace id, read at the boundary
	 * @return the untraced calls, in report order
	 */
	public List<UntracedCall> untracedInTrace(TraceId traceId) {
		settle();
		return engine.untracedInTrace(traceId.value());
	}

	/**
	 * How many breaks one trace has, for the trace list.
	 *
	 * @param traceId the trace id, read at the boundary
	 */
	public int countInTrace(TraceId traceId) {
		settle();
		return engine.breakCount(traceId.value());
	}

	/** The traces with at least one break, for the list's "has breaks" search: ids as the spans carry them. */
	public Set<String> tracesWithBreaks() {
		settle();
		return engine.tracesWithBreaks();
	}

	/**
	 * The newest breaks across traces, by the start of their span.
	 *
	 * @param limit the most to return, 0 or more
	 * @return at most {@code limit} breaks, newest first
	 */
	public List<Break> newest(int limit) {
		settle();
		return engine.newest(limit);
	}

}
