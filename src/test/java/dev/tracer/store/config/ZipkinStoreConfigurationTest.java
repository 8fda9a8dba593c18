package dev.tracer.store.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import dev.tracer.store.zipkin.ZipkinSpanStore;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracer.store.type} picks the store; anything but {@code memory} or {@code zipkin} fails the start. */
class ZipkinStoreConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(StoreOnly.class)
		.withBean(RestClient.Builder.class, RestClient::builder);

	@Test
	void typeZipkin_zipkinStoreAtTheBaseUrl() {
		runner.withPropertyValues("tracer.store.type=zipkin", "tracer.store.zipkin.base-url=http://zipkin:9411")
			.run((context) -> assertThat(context).getBean(ZipkinSpanStore.class)
				.hasToString("ZipkinSpanStore{http://zipkin:9411}"));
	}

	@Test
	void typeUnset_noZipkinStore() {
		runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanStore.class));
	}

	@Test
	void typeMemory_noZipkinStore() {
		runner.withPropertyValues("tracer.store.type=memory")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanStore.class));
	}

	@Test
	void typeUnknown_startFails_namingTheProperty() {
		runner.withPropertyValues("tracer.store.type=cassandra")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("cassandra"));
		runner.withPropertyValues("tracer.store.type=cassandra")
			.run((context) -> assertThat(context.getStartupFailure()).hasMessageContaining("tracer.store"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StoreProperties.class)
	@Import(ZipkinStoreConfiguration.class)
	static class StoreOnly {

	}

}
