package dev.tracer.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.store.SpanStore;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The reads that build a whole trace's tree go through {@link ReadBulkhead}: with every place taken they
 * are refused with 503 and {@code Retry-After}, while the light reads (the list, one span, the breaks)
 * still answer.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
@TestPropertySource(properties = { "tracer.api.max-concurrent-reads=1", "tracer.api.read-wait=0s",
		"tracer.api.read-retry-after=3s" })
class TraceReadsBusyTests {

	private static final String TRACE_ID = "4bf92f3577b34da6000000000000b5b5";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	@Autowired
	private ReadBulkhead reads;

	@ParameterizedTest
	@ValueSource(strings = { "/api/traces/" + TRACE_ID, "/api/traces/" + TRACE_ID + "/view",
			"/api/traces/" + TRACE_ID + "/find?q=get" })
	void heavyRead_everyPlaceTaken_is503WithRetryAfter(String path) throws Exception {
		store.accept(TestObjects.call(TRACE_ID));

		try (ReadBulkhead.Place held = reads.enter()) {
			expectProblem(mvc.perform(get(path)), 503).andExpect(header().string("Retry-After", "3"))
				.andExpect(jsonPath("$.detail").value(containsString("max-concurrent-reads")));
		}

		mvc.perform(get(path)).andExpect(status().isOk());
		assertThat(reads.available()).isEqualTo(1);
	}

	@Test
	void lightReads_everyPlaceTaken_answer() throws Exception {
		List<Span> call = TestObjects.call(TRACE_ID);
		store.accept(call);

		try (ReadBulkhead.Place held = reads.enter()) {
			mvc.perform(get("/api/traces")).andExpect(status().isOk());
			mvc.perform(get("/api/traces/{id}/breaks", TRACE_ID)).andExpect(status().isOk());
			mvc.perform(get("/api/traces/{id}/spans/{span}", TRACE_ID, call.get(0).id())).andExpect(status().isOk());
		}
	}

	@Test
	void heavyRead_failing_givesItsPlaceBack() throws Exception {
		expectProblem(mvc.perform(get("/api/traces/{id}", "4bf92f3577b34da6000000000000dead")), 404);
		expectProblem(mvc.perform(get("/api/traces/{id}/view", "not-hex")), 400);

		assertThat(reads.available()).isEqualTo(1);
	}

}
