package dev.tracer.instrumentation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.demo.DemoConfiguration;
import dev.tracer.testing.FinishedSpans;
import dev.tracer.testing.TracingSlice;
import dev.tracer.testing.W3CSamples;
import dev.tracer.web.WebConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code tracer.self-tracing.enabled}: tracer's own API and the viewer's files are traced like any other
 * request (off by default, {@code TraceEvidenceTagsTests.viewerPaths_makeNoSpan}).
 */
@WebMvcTest(properties = "tracer.self-tracing.enabled=true")
@ContextConfiguration(classes = { WebConfiguration.class, DemoConfiguration.class, TracingSlice.class })
@ActiveProfiles("backend")
class SelfTracingEnabledTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private FinishedSpans finished;

	@BeforeEach
	void clearSpans() {
		finished.clear();
	}

	@Test
	void traceRead_makesItsServerSpan() throws Exception {
		mvc.perform(get("/api/traces/{traceId}/view", W3CSamples.TRACE_ID));

		assertThat(finished.onlyServerSpan().name()).isEqualTo("GET /api/traces/{traceId}/view");
	}

	@Test
	void viewerFile_makesItsServerSpan() throws Exception {
		mvc.perform(get("/viewer/app.js"));

		assertThat(finished.onlyServerSpan().tags()).containsEntry("http.path", "/viewer/app.js");
	}

}
