package dev.tracer.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the span store ({@code tracer.store.*}).
 *
 * @param maxSpans how many spans the store keeps; past that, whole traces are evicted oldest first
 * and counted ({@code GET /api/traces} and the {@code tracer.store.evicted.spans} metric)
 * @param type which store: {@code memory}, the bounded in-memory store (the default), or
 * {@code zipkin}, a Zipkin server read and written through its HTTP API ({@code tracer.store.zipkin.*})
 * @param zipkin the Zipkin server, when {@code type} is {@code zipkin}
 */
@ConfigurationProperties("tracer.store")
public record StoreProperties(@DefaultValue("100000") int maxSpans, @DefaultValue("memory") Type type,
		@DefaultValue Zipkin zipkin) {

	/** The value of {@code tracer.store.type}; anything else fails the start, naming the choices. */
	public enum Type {

		MEMORY, ZIPKIN

	}

	/**
	 * @param baseUrl where the Zipkin server answers, e.g. {@code http://zipkin:9411}
	 * @param connectTimeout the longest wait for a connection: past it, the trace API answers 502
	 * @param readTimeout the longest wait for an answer: past it, the trace API answers 504
	 * @param lookback how far back from now the trace list ({@code GET /api/traces}) asks Zipkin to
	 * look; Zipkin lists traces by timestamp within this window
	 */
	public record Zipkin(@DefaultValue("http://localhost:9411") URI baseUrl, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout, @DefaultValue("1d") Duration lookback) {
	}

}
