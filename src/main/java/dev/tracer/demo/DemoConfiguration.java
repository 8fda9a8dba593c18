package dev.tracer.demo;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.web.client.RestClient;

/**
 * The two demo services: the frontend calls the backend. Each is a profile; with neither given,
 * {@code main} starts both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
@Import({ FrontendController.class, BackendController.class })
public class DemoConfiguration {

	/**
	 * From Boot's builder, which carries the tracing observation (the client span, whose headers
	 * {@code W3CPropagator} writes) and the {@code spring.http.clients.*} timeouts;
	 * {@code RestClient.create()} would have neither.
	 */
	@Bean
	@Profile("frontend")
	RestClient downstream(RestClient.Builder builder, DemoProperties properties) {
		// the demo's ?propagation= modes break the context on purpose, after the observation wrote it
		return builder.baseUrl(properties.downstream().toString())
			.requestInterceptor(new PropagationFault.Interceptor())
			.build();
	}

}
