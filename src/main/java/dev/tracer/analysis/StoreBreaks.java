package dev.tracer.analysis;

import java.util.ArrayList;
import java.util.List;
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

	/** The counts of the result and of the analysis's state. */
	public BreakTotals totals() {
		settle();
		return engine.totals();
	}

	/**
	 * The breaks of one trace: its lost calls and its restart.
	 *
	 * @param traceId the trace id, 16 or 32 hex of either case, compared in W3C form
	 * ({@link TraceId#w3cForm}) as every stored span's id is ({@link StoredSpan#traceId})
	 * @return the breaks, in report order
	 */
	public List<Break> inTrace(String traceId) {
		settle();
		return engine.inTrace(TraceId.w3cForm(traceId));
	}

	/**
	 * The calls of one trace that went to a callee that writes no span (a database, a cache, a broker, a
	 * third party): facts for its spans' details, never breaks.
	 *
	 * @param traceId the trace id, 16 or 32 hex of either case, compared in W3C form
	 * @return the untraced calls, in report order
	 */
	public List<UntracedCall> untracedInTrace(String traceId) {
		settle();
		return engine.untracedInTrace(TraceId.w3cForm(traceId));
	}

	/**
	 * How many breaks one trace has, for the trace list.
	 *
	 * @param traceId the trace id, 16 or 32 hex of either case, compared in W3C form
	 */
	public int countInTrace(String traceId) {
		settle();
		return engine.breakCount(TraceId.w3cForm(traceId));
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
