package dev.tracer.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

import dev.tracer.store.zipkin.ZipkinServer;
import dev.tracer.store.zipkin.ZipkinSpanStore;
import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.TODAY;

/**
 * The store contract against a real Zipkin server, a fresh one per test: Zipkin's API can neither clear
 * nor count, so nothing else isolates the tests. Runs with {@code ./mvnw -Pzipkin test}.
 *
 * <p>The fixtures are from 2023 ({@link TestObjects#TODAY}); the store's clock stands an hour after
 * them, so that its one-day lookback covers them as it covers today's spans in production.
 */
@Tag("zipkin")
class ZipkinSpanStoreTest extends SpanStoreContractTest {

	private static final Clock AN_HOUR_AFTER_TODAY = Clock.fixed(
			Instant.ofEpochMilli(TestObjects.TODAY / 1000).plus(Duration.ofHours(1)), ZoneOffset.UTC);

	private ZipkinServer server;

	@Override
	SpanStore newStore(int maxSpans) {
		stopServer();
		server = ZipkinServer.start();
		RestClient client = RestClient.builder()
			.baseUrl(server.baseUrl())
			.requestFactory(ClientHttpRequestFactoryBuilder.detect()
				.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10))))
			.build();
		return new ZipkinSpanStore(client, server.baseUrl(), Duration.ofDays(1), AN_HOUR_AFTER_TODAY);
	}

	@Override
	Set<Difference> differences() {
		return EnumSet.allOf(Difference.class);
	}

	@AfterEach
	void stopServer() {
		if (server != null) {
			server.close();
			server = null;
		}
	}

}
