package dev.tracer.demo;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import dev.tracer.web.HopContext;

/**
 * The two demo services: the frontend calls the backend. Each is a profile; with neither given,
 * {@code main} starts both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
@Import({ FrontendController.class, BackendController.class })
public class DemoConfiguration {

	/**
	 * From Boot's builder, which carries the tracing observation (the client span and its
	 * {@code traceparent}) and the {@code spring.http.clients.*} timeouts; {@code RestClient.create()}
	 * would have neither.
	 */
	@Bean
	@Profile("frontend")
	RestClient downstream(RestClient.Builder builder, DemoProperties properties,
			ObjectProvider<HopContext> hopContext) {
		return builder.baseUrl(properties.downstream().toString())
			.requestInterceptor(forwardTracestate(hopContext))
			.build();
	}

	/**
	 * W3C: {@code tracestate} travels with {@code traceparent}. Micrometer's Brave propagation only
	 * writes one it extracted itself, and the filter extracts with our core, so the received list is
	 * forwarded here.
	 */
	private static ClientHttpRequestInterceptor forwardTracestate(ObjectProvider<HopContext> hopContext) {
		return (request, body, execution) -> {
			HopContext hop = hopContext.getIfAvailable();
			if (hop != null && hop.tracestate() != null && !request.getHeaders().containsHeader("tracestate")) {
				request.getHeaders().set("tracestate", hop.tracestate());
			}
			return execution.execute(request, body);
		};
	}

}
