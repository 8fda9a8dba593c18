package dev.tracer.core.breaks;

import java.util.Objects;

/**
 * A call to a callee that writes no spans here: a database, a cache, a broker, a third party, or a
 * service whose spans never reach this store. A fact, not a fault: such a call has no child because
 * nobody was there to make one.
 *
 * <pre>{@code
 * yelp-main  memcache: get_multi  (client, no child)   callee memcache, basis remoteEndpoint.serviceName
 * orders     GET                  (client, no child)   callee api.stripe.com, basis server.address
 * }</pre>
 *
 * @param call the client span, never null
 * @param callee the callee as the span names it, never null
 * @param basis the tag or field that names it ({@code db.system}, {@code remoteEndpoint.serviceName}, ...),
 * never null; no span of that name reached the spans analysed
 */
public record UntracedCall(SpanRef call, String callee, String basis) {

	public UntracedCall {
		Objects.requireNonNull(call, "call");
		Objects.requireNonNull(callee, "callee");
		Objects.requireNonNull(basis, "basis");
	}

}
