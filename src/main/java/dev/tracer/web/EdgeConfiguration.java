package dev.tracer.web;

import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tracer.instrumentation.InstrumentationConfiguration;
import dev.tracer.intake.WebProperties;

/**
 * The guards at the edge of the server, ahead of the trace-context filter so that what they refuse is
 * never traced: the security headers first, so every answer has them, then the check of {@code Host}
 * ({@link AllowedHosts}).
 */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

	/** Before the host check, which may answer at once. */
	static final int SECURITY_HEADERS_ORDER = InstrumentationConfiguration.TRACE_CONTEXT_FILTER_ORDER - 2;

	/** Before the trace-context filter: a refused request makes no span. */
	static final int HOST_CHECK_ORDER = InstrumentationConfiguration.TRACE_CONTEXT_FILTER_ORDER - 1;

	@Bean
	TraceIdParameter traceIdParameter() {
		return new TraceIdParameter();
	}

	@Bean
	AllowedHosts allowedHosts(WebProperties properties) {
		return AllowedHosts.ofThisMachine(properties.allowedHosts());
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		registration.setOrder(SECURITY_HEADERS_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	FilterRegistrationBean<HostCheckFilter> hostCheckFilter(AllowedHosts hosts, JsonMapper json) {
		FilterRegistrationBean<HostCheckFilter> registration = new FilterRegistrationBean<>(
				new HostCheckFilter(hosts, json));
		registration.setOrder(HOST_CHECK_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
