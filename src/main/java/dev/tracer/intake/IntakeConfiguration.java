package dev.tracer.intake;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.tracer.instrumentation.InstrumentationConfiguration;

/**
 * The span intakes: Zipkin's v2 API (JSON and proto3) and OTLP/HTTP (protobuf and JSON), and the limit on
 * the bytes any request body may bring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
@Import({ ZipkinApiController.class, OtlpController.class })
public class IntakeConfiguration {

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(WebProperties properties) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
		registration.setOrder(InstrumentationConfiguration.TRACE_CONTEXT_FILTER_ORDER + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
