package dev.tracer.web;

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
 */
@ConfigurationProperties("tracer.conformance")
public record ConformanceProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue({ "127.0.0.1", "localhost", "::1" }) List<String> allowedHosts, @DefaultValue("16") int maxCallbacks,
		@DefaultValue("5s") Duration timeout) {
}
