package dev.tracer.analysis;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.store.SpanStore;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The trace list and a trace's pages read the break analysis's result, never the whole store: the store
 * every reader sees is a Mockito spy on the real one, which records its whole-store reads
 * ({@link SpanStore#spans}) and its trace reads, and the pages make none of the first.
 */
@WebMvcTest(properties = "tracer.breaks.settle=0s")
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class NoWholeStoreReadsTests {

	@Autowired
	private MockMvc mvc;

	@MockitoSpyBean(name = "spanStore")
	private SpanStore store;

	@Test
	void listTraceAndBreaks_noWholeStoreRead() throws Exception {
		String trace = TestObjects.traceId(0xbeef);
		store.accept(TestObjects.call(trace));
		clearInvocations(store);

		mvc.perform(get("/api/traces").param("limit", "50")).andExpect(status().isOk())
			.andExpect(jsonPath("$.traces[?(@.trace_id == '" + trace + "')].breaks").value(0));
		mvc.perform(get("/api/traces/{traceId}", trace)).andExpect(status().isOk());
		mvc.perform(get("/api/traces/{traceId}/view", trace)).andExpect(status().isOk());
		mvc.perform(get("/api/traces/{traceId}/breaks", trace)).andExpect(status().isOk())
			.andExpect(jsonPath("$.breaks", hasSize(0)));
		mvc.perform(get("/api/breaks").param("limit", "1")).andExpect(status().isOk());

		verify(store, never().description("whole-store reads")).spans();
		verify(store, atLeastOnce().description("the pages did read their trace")).trace(any());
	}

}
