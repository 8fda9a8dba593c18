package dev.tracer.core.findings;

import dev.tracer.core.breaks.HopSpan;

/**
 * What the findings need of a span beyond its ids, timing, kind, services and tags: its name and
 * whether it failed. The store's spans implement it as they are, as they do {@link HopSpan}.
 *
 * <pre>{@code
 * name()    get /api/items/{id}      null when unknown
 * failed()  true                     the store's one rule for a span in error, the rule the viewer's
 *                                    ERROR flag uses; the findings never re-derive it from tags
 * tag("db.statement")  select * from item where id = 42   read for the shape of a repeated call
 * }</pre>
 */
public interface FindingSpan extends HopSpan {

	/** The span's name (its operation), or null when unknown. */
	String name();

	/** Whether the span is in error, by the store's rule. */
	boolean failed();

	/**
	 * Whether the span is a message's producer or consumer: its edges are asynchronous hand-offs for the
	 * critical path ({@code CriticalPath}, rule 5). None by default.
	 */
	default boolean messaging() {
		return false;
	}

}
