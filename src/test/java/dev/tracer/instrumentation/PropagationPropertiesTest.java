package dev.tracer.instrumentation;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracer.propagation.*} as bound from configuration, and a bad entry key failing the start. */
class PropagationPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaults_responseHeaderOn_noEntryKey() {
		runner.run(context -> {
			PropagationProperties properties = context.getBean(PropagationProperties.class);
			assertThat(properties.responseHeader().enabled()).isTrue();
			assertThat(properties.tracestate().entryKeyOrNull()).isNull();
			assertThat(properties.engine()).isEqualTo(PropagationProperties.Engine.TRACER);
		});
	}

	@Test
	void engine_boot_isBound_andAnyOtherValueFailsTheStart_namingIt() {
		runner.withPropertyValues("tracer.propagation.engine=boot")
			.run(context -> assertThat(context.getBean(PropagationProperties.class).engine())
				.isEqualTo(PropagationProperties.Engine.BOOT));
		runner.withPropertyValues("tracer.propagation.engine=brave").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("tracer.propagation.engine")
				.hasStackTraceContaining("brave");
		});
	}

	@Test
	void bound_underTracerPropagation() {
		runner
			.withPropertyValues("tracer.propagation.response-header.enabled=false",
					"tracer.propagation.tracestate.entry-key=acme@tracer")
			.run(context -> {
				PropagationProperties properties = context.getBean(PropagationProperties.class);
				assertThat(properties.responseHeader().enabled()).isFalse();
				assertThat(properties.tracestate().entryKeyOrNull()).isEqualTo("acme@tracer");
			});
	}

	@Test
	void entryKey_breakingTheGrammar_failsTheStart_namingTheRule() {
		runner.withPropertyValues("tracer.propagation.tracestate.entry-key=Tracer").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("tracestate key: expected lowercase letters, digits, '_', '-', '*', '/' or '@', found 'T' at index 0");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PropagationProperties.class)
	static class PropertiesOnly {

	}

}
