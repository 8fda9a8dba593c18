package dev.tracer.core.breaks;

import dev.tracer.core.tree.SpanLink;

/**
 * What the break analysis needs of a span beyond its ids and timing: its kind, its services and its
 * tags. The store's spans implement it as they are, as they do {@link SpanLink} for the tree.
 *
 * <pre>{@code
 * kind           CLIENT | SERVER | OTHER          Zipkin's PRODUCER, CONSUMER and local spans are OTHER
 * localService   frontend                         null when unknown
 * remoteService  backend                          null when unknown (Boot's RestClient spans leave it out)
 * tag("method")  GET                              null when absent
 * }</pre>
 */
public interface HopSpan extends SpanLink {

	/** The span's role in a remote call. */
	enum Kind {

		/** An outgoing call: it sent (or should have sent) a context downstream. */
		CLIENT,

		/** An incoming request: it received (or should have received) a context. */
		SERVER,

		/** Anything else: local work, messaging. */
		OTHER

	}

	/** The span's kind, never null. */
	Kind kind();

	/** The service that recorded the span, or null when unknown. */
	String localService();

	/** The service a client span called, or null when unknown. */
	String remoteService();

	/**
	 * A tag's value.
	 *
	 * @param key the tag's name, never null
	 * @return the value, or null when the span has no such tag
	 */
	String tag(String key);

}
