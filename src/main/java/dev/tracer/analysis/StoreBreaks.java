package dev.tracer.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * Nothing here reads the store.
 *
 * <p>The intake's thread only queues what the store told (a batch with its arrival time, an eviction):
 * the engine takes them in that order on {@link BreakConfiguration}'s tick and before each read, so a
 * reader sees every span that arrived before it asked and every call whose trace has been quiet for the
 * settle time, and the intake does not wait on the engine's lock. The queue is bounded by
 * {@link #MAX_QUEUED_SPANS}: past it the intake's thread drains it itself, so it is slowed, never
 * unbounded.
 */
public final class StoreBreaks implements SpanListener {

	/**
	 * Spans queued for the engine at most: the queue holds references to spans the store holds anyway,
	 * so its bound is on how far the analysis may fall behind (two ticks of an intake at 200,000 spans/s),
	 * not on memory.
	 */
	static final int MAX_QUEUED_SPANS = 200_000;

	private final BreakEngine engine;

	private final LongSupplier clockMicros;

	/** What the store told, in its order, not yet given to the engine. */
	private final ArrayDeque<Arrival> queue = new ArrayDeque<>();

	private int queuedSpans;

	/** Held while the queue is given to the engine, so that two drains never reorder it. */
	private final Object draining = new Object();

	/** A batch the store took (spans, not null) or a trace it evicted (traceId, not null). */
	private record Arrival(List<Span> spans, String evictedTraceId, long atMicros) {
	}

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
		enqueue(new Arrival(spans, null, clockMicros.getAsLong()), spans.size());
	}

	@Override
	public void evicted(String traceId) {
		enqueue(new Arrival(null, traceId, 0L), 0);
	}

	private void enqueue(Arrival arrival, int spans) {
		boolean full;
		synchronized (queue) {
			queue.add(arrival);
			queuedSpans += spans;
			full = queuedSpans > MAX_QUEUED_SPANS;
		}
		if (full) {
			drain();
		}
	}

	/** Gives the engine what the store told, in order. */
	private void drain() {
		synchronized (draining) {
			while (true) {
				Arrival arrival;
				synchronized (queue) {
					arrival = queue.poll();
					if (arrival == null) {
						return;
					}
					queuedSpans -= (arrival.spans() != null) ? arrival.spans().size() : 0;
				}
				if (arrival.spans() != null) {
					List<StoredSpan> stored = new ArrayList<>(arrival.spans().size());
					for (Span span : arrival.spans()) {
						stored.add(new StoredSpan(span));
					}
					engine.accept(stored, arrival.atMicros());
				}
				else {
					// the store's id is Zipkin's form; the engine's, as every stored span's, the W3C form
					engine.forget(TraceId.w3cForm(arrival.evictedTraceId()));
				}
			}
		}
	}

	/**
	 * Gives the engine what arrived and settles the traces that have been quiet for the settle time: the
	 * tick, and before each read.
	 */
	public void settle() {
		drain();
		engine.advance(clockMicros.getAsLong());
	}

	/**
	 * Judges these traces now rather than after their settle time: for spans known to be whole, a trace
	 * file opened at once, so that the file's page shows its breaks at once.
	 *
	 * @param traceIds the trace ids as stored spans carry them ({@link StoredSpan#traceId})
	 */
	public void settleNow(Collection<String> traceIds) {
		drain();
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
