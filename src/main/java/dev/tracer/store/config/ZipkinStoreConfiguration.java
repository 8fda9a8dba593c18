package dev.tracer.store.config;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import dev.tracer.store.zipkin.ZipkinSpanStore;

/**
 * {@code tracer.store.type: zipkin}: the span store is a Zipkin server ({@code tracer.store.zipkin.*}).
 * The in-memory store of {@link StoreConfiguration} stands back; the guard in front (limits, refusal under
 * memory pressure) stays.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tracer.store.type", havingValue = "zipkin")
class ZipkinStoreConfiguration {

	/**
	 * From Boot's builder (its message converters and customizers), with the store's own timeouts in
	 * place of {@code spring.http.clients.*}, and without observation: a traced call to Zipkin would
	 * make a client span, reported to the intake, forwarded to Zipkin as another traced call, for ever.
	 */
	@Bean(StoreConfiguration.BACKING_STORE)
	ZipkinSpanStore backingSpanStore(RestClient.Builder builder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories, StoreProperties properties) {
		StoreProperties.Zipkin zipkin = properties.zipkin();
		HttpClientSettings timeouts = HttpClientSettings.defaults()
			.withTimeouts(zipkin.connectTimeout(), zipkin.readTimeout());
		String baseUrl = zipkin.baseUrl().toString();
		RestClient client = builder.baseUrl(baseUrl)
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
		return new ZipkinSpanStore(client, baseUrl, zipkin.lookback(), Clock.systemUTC());
	}

}
