package dev.tracer.store;

import java.util.List;

import zipkin2.Span;

/**
 * Told of every batch a store takes and every trace it lets go, once each: what lets an analysis run
 * once per span, on arrival, rather than over the whole store on every read (docs/design.md, decision 15).
 *
 * <pre>{@code
 * intake --accept--> GuardedSpanStore --accept--> the store
 *                          |                        | evicts a trace
 *                          +--accepted(batch)-->    +--evicted(traceId)-->   the listener
 * }</pre>
 *
 * Called on the intake's thread after the store holds the batch, outside the store's lock; a listener
 * must be quick and must not call back into the store's writes.
 */
public interface SpanListener {

	/** Hears nothing. */
	SpanListener NONE = new SpanListener() {

		@Override
		public void accepted(List<Span> spans) {
		}

		@Override
		public void evicted(String traceId) {
		}

	};

	/**
	 * A batch the store now holds, as stored (after the per-span limits).
	 *
	 * @param spans never null, no null element
	 */
	void accepted(List<Span> spans);

	/**
	 * A trace the store no longer holds.
	 *
	 * @param traceId its id as the store keyed it (Zipkin's form: 16 or 32 lowercase hex)
	 */
	void evicted(String traceId);

}
