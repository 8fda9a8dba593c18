package dev.tracer.instrumentation;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.demo.DemoConfiguration;
import dev.tracer.testing.FinishedSpans;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

/**
 * What the tests of one traced hop share: a demo service's web layer in a {@code @WebMvcTest} with Boot's
 * real tracing ({@link TracingSlice}), and the spans it finished, none left from the test before. A
 * subclass names the service with {@code @ActiveProfiles("backend")} or {@code ("frontend")}; its own
 * {@code @ContextConfiguration(classes = ...)} adds to the slice, and {@code @TestPropertySource} sets
 * properties.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, DemoConfiguration.class, TracingSlice.class })
public abstract class TracedSliceTest {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected FinishedSpans finished;

	@BeforeEach
	protected void clearFinishedSpans() {
		finished.clear();
	}

}
