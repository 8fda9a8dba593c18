package dev.tracer.web;

import java.net.http.HttpClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** {@code POST /test} for the W3C test harness, only when {@code tracer.conformance.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("tracer.conformance.enabled")
@Import(ConformanceController.class)
class ConformanceConfiguration {

	/** Boot's builder (for the observation and so the propagation), its own timeouts, and no redirects. */
	@Bean
	RestClient conformanceCallbacks(RestClient.Builder builder, ConformanceProperties properties) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client);
		requestFactory.setReadTimeout(properties.timeout());
		return builder.clone().requestFactory(requestFactory).build();
	}

}
