package dev.tracer.intake;

import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.tracer.instrumentation.InstrumentationConfiguration;

/**
 * The span intakes: Zipkin's v2 API (JSON and proto3), OTLP/HTTP (protobuf and JSON) and trace files
 * opened in the viewer, and the limit on the bytes any request body may bring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ WebProperties.class, FileProperties.class })
@Import({ ZipkinApiController.class, OtlpController.class, TraceFileController.class })
public class IntakeConfiguration {

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(WebProperties properties, FileProperties files) {
		BodySizeLimitFilter.Limit general = new BodySizeLimitFilter.Limit(properties.maxBodySize().toBytes(),
				"tracer.web.max-body-size");
		BodySizeLimitFilter.Limit file = new BodySizeLimitFilter.Limit(files.maxSize().toBytes(), "tracer.files.max-size");
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(general, Map.of(TraceFileController.PATH, file)));
		registration.setOrder(InstrumentationConfiguration.TRACE_CONTEXT_FILTER_ORDER + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
