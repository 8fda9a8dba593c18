package dev.tracer.store.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.tracer.store.SpanLimits;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracer.store.*} as bound from configuration, and a bad value failing the start. */
class StorePropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaults() {
		runner.run(context -> {
			StoreProperties properties = context.getBean(StoreProperties.class);
			assertThat(properties.maxSpans()).isEqualTo(100_000);
			assertThat(properties.maxBytesOrDefault()).isEqualTo(Runtime.getRuntime().maxMemory() / 8);
			assertThat(properties.limits().toSpanLimits()).isEqualTo(SpanLimits.DEFAULTS);
			assertThat(properties.pressure().maxHeapAfterGc()).isEqualTo(0.85);
			assertThat(properties.pressure().retryAfter()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	/** A limit left unset keeps its default while another is set. */
	@Test
	void bound_underTracerStore() {
		runner
			.withPropertyValues("tracer.store.max-bytes=64MB", "tracer.store.limits.max-tag-value-length=100",
					"tracer.store.limits.max-tags=3", "tracer.store.pressure.max-heap-after-gc=0.5",
					"tracer.store.pressure.retry-after=5s")
			.run(context -> {
				StoreProperties properties = context.getBean(StoreProperties.class);
				assertThat(properties.maxBytesOrDefault()).isEqualTo(64L * 1024 * 1024);
				assertThat(properties.limits().toSpanLimits()).isEqualTo(new SpanLimits(256, 100, 3, 128));
				assertThat(properties.pressure().maxHeapAfterGc()).isEqualTo(0.5);
				assertThat(properties.pressure().retryAfter()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void badValues_failTheStart_namingTheProperty() {
		expectFailure("tracer.store.max-bytes=0B", "tracer.store.max-bytes: expected 1B or more, found 0B");
		expectFailure("tracer.store.max-spans=0", "tracer.store.max-spans: expected 1 or more, found 0");
		expectFailure("tracer.store.limits.max-name-length=0", "tracer.store.limits: maxNameLength < 1: 0");
		expectFailure("tracer.store.pressure.max-heap-after-gc=85",
				"tracer.store.pressure.max-heap-after-gc: expected above 0 and at most 1, found 85.0");
		expectFailure("tracer.store.pressure.retry-after=0s",
				"tracer.store.pressure.retry-after: expected more than 0, found PT0S");
	}

	private void expectFailure(String property, String message) {
		runner.withPropertyValues(property).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage(message);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StoreProperties.class)
	static class PropertiesOnly {

	}

}
