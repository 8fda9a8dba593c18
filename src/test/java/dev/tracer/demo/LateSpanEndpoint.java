package dev.tracer.demo;

import zipkin2.reporter.HttpEndpointSupplier;

import org.springframework.core.env.Environment;

/**
 * Test-only: the Zipkin reporter's endpoint ({@code management.tracing.export.zipkin.endpoint}) is
 * resolved against the service's {@link Environment} at every send instead of once at start, so it
 * may name a port that exists only after a server started: {@code ${local.server.port}}, the
 * service's own, which Boot sets once its server is listening, or a property a test adds later.
 * Boot's Zipkin sender uses a bean of zipkin-reporter's {@link HttpEndpointSupplier.Factory} when
 * there is one (the hook meant for endpoints found by service discovery) and asks a supplier that is
 * not a constant before each message.
 */
public final class LateSpanEndpoint implements HttpEndpointSupplier.Factory {

	private final Environment environment;

	public LateSpanEndpoint(Environment environment) {
		this.environment = environment;
	}

	@Override
	public HttpEndpointSupplier create(String endpoint) {
		return new HttpEndpointSupplier() {

			/** Before the port is known there is nothing to send: no request has been served. */
			@Override
			public String get() {
				return environment.resolveRequiredPlaceholders(endpoint);
			}

			@Override
			public void close() {
			}

		};
	}

}
