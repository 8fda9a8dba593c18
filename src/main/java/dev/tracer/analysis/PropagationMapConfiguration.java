package dev.tracer.analysis;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tracer.core.breaks.PropagationMap;

/**
 * The propagation map: the bean of type {@code Consumer<CallOutcome>} the break analysis hands every
 * judged call to, and that {@code GET /api/propagation} reads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PropagationMapProperties.class)
public class PropagationMapConfiguration {

	@Bean
	PropagationMap propagationMap(PropagationMapProperties properties) {
		Clock clock = Clock.systemUTC();
		return new PropagationMap(properties.limits(), () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
		});
	}

}
