package dev.tracer.testing;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What a {@code @WebMvcTest} of this project adds to the slice: Boot's real Micrometer Tracing over
 * Brave (the engine of the web mode, with {@code application.yml}'s sampling and propagation) and a
 * {@link FinishedSpans} to see what was traced. No exporter: spans stay in the test.
 *
 * <pre>
 * &#64;WebMvcTest
 * &#64;ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
 * </pre>
 */
@TestConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class })
public class TracingSlice {

	@Bean
	FinishedSpans finishedSpans() {
		return new FinishedSpans();
	}

}
