package dev.tracer.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/** {@code POST /test} for the W3C test harness, only when {@code tracer.conformance.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("tracer.conformance.enabled")
@Import(ConformanceController.class)
class ConformanceConfiguration {

	@Bean
	ConformanceCallbacks conformanceCallbacks(RestClient.Builder builder, ConformanceProperties properties) {
		return new ConformanceCallbacks(builder, properties.timeout());
	}

}
