package dev.tracer.core.context;

/**
 * How {@link IncomingTraceparent} and {@link IncomingTracestate} read a carrier's headers: every value of
 * one name, as OpenTelemetry's {@code TextMapGetter.getAll} and Micrometer's {@code Getter.getAll} give
 * them. Every value, not the first: W3C makes two {@code traceparent} headers invalid, and only a reader
 * that sees both can say so. The servlet filter, the propagator and the node each adapt their carrier to
 * this one interface, so the rule of which header wins is written once, here in core.
 *
 * @param <C> the carrier: a servlet request, a map of headers, a decoded node message...
 */
@FunctionalInterface
public interface HeaderGetter<C> {

	/**
	 * The values {@code carrier} holds for the header {@code name}, in the order received; empty when it
	 * holds none. Names are matched as the carrier's protocol does (HTTP: ignoring case).
	 * @throws RuntimeException of the caller's own kind when the carrier holds something that is not a
	 * header value; it is passed through unchanged
	 */
	Iterable<String> values(C carrier, String name);

}
