package dev.tracer.instrumentation;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code tracer.self-tracing.enabled}: tracer's own API and the viewer's files are traced like any other
 * request (off by default, {@code TraceEvidenceTagsTests.viewerPaths_makeNoSpan}).
 */
@TestPropertySource(properties = "tracer.self-tracing.enabled=true")
@ActiveProfiles("backend")
class SelfTracingEnabledTests extends TracedSliceTest {

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
