package dev.tracer.api;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The W3C test harness endpoint ({@code tracer.conformance.*}). {@code POST /test} makes this service
 * send requests where it is told to, so it is off by default and bounded when on.
 *
 * @param enabled whether {@code POST /test} exists
 * @param allowedHosts the only hosts a callback may go to; anything else is refused with 403 before any
 * request is sent
 * @param maxCallbacks the most callbacks one request may ask for
 * @param timeout connect and read timeout of each callback
 * @param deadline the most one request may take over all its callbacks; past it the callback under
 * way is cut off, the rest are not sent, and the answer is 504
 */
@ConfigurationProperties("tracer.conformance")
public record ConformanceProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue({ "127.0.0.1", "localhost", "::1" }) List<String> allowedHosts, @DefaultValue("16") int maxCallbacks,
		@DefaultValue("5s") Duration timeout, @DefaultValue("10s") Duration deadline) {

	/** @throws IllegalArgumentException if a timeout or the deadline is not positive: a bad setting fails the start */
	public ConformanceProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("tracer.conformance.timeout: expected a positive duration, found " + timeout);
		}
		if (deadline.isNegative() || deadline.isZero()) {
			throw new IllegalArgumentException("tracer.conformance.deadline: expected a positive duration, found " + deadline);
		}
	}

}
