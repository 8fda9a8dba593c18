package dev.tracer.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The HTTP API people and the viewer read: traces, their documents and breaks, and the W3C test
 * harness's endpoint when it is on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ApiProperties.class, ConformanceProperties.class })
@Import({ TraceApiController.class, BreakApiController.class, PropagationApiController.class,
		ConformanceConfiguration.class })
public class ApiConfiguration {

	@Bean
	ReadBulkhead readBulkhead(ApiProperties properties) {
		return new ReadBulkhead(properties);
	}

}
