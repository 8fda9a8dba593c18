package dev.tracer.analysis;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tracer.store.SpanStore;

/** Where propagation broke, over the span store: {@code GET /api/breaks} and the breaks of each trace. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BreakProperties.class)
public class BreakConfiguration {

	@Bean
	StoreBreaks storeBreaks(SpanStore store, BreakProperties properties) {
		Clock clock = Clock.systemUTC();
		return new StoreBreaks(store, properties.rules(), () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
		});
	}

}
