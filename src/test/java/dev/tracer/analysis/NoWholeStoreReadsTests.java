package dev.tracer.analysis;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.core.context.TraceId;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoreStats;
import dev.tracer.store.TraceQuery;
import dev.tracer.store.TraceSummary;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The trace list and a trace's pages read the break analysis's result, never the whole store: the store
 * every reader sees counts its whole-store reads ({@link SpanStore#spans}) and its trace reads, and the
 * pages make none of the first.
 */
@WebMvcTest(properties = "tracer.breaks.settle=0s")
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class, NoWholeStoreReadsTests.Counting.class })
class NoWholeStoreReadsTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	@Test
	void listTraceAndBreaks_noWholeStoreRead() throws Exception {
		String trace = TestObjects.traceId(0xbeef);
		store.accept(TestObjects.call(trace));
		CountingSpanStore counting = (CountingSpanStore) store;
		counting.wholeStoreReads.set(0);

		mvc.perform(get("/api/traces").param("limit", "50")).andExpect(status().isOk())
			.andExpect(jsonPath("$.traces[?(@.trace_id == '" + trace + "')].breaks").value(0));
		mvc.perform(get("/api/traces/{traceId}", trace)).andExpect(status().isOk());
		mvc.perform(get("/api/traces/{traceId}/view", trace)).andExpect(status().isOk());
		mvc.perform(get("/api/traces/{traceId}/breaks", trace)).andExpect(status().isOk())
			.andExpect(jsonPath("$.breaks", hasSize(0)));
		mvc.perform(get("/api/breaks").param("limit", "1")).andExpect(status().isOk());

		assertThat(counting.wholeStoreReads).as("whole-store reads").hasValue(0);
		assertThat(counting.traceReads.get()).as("the pages did read their trace").isPositive();
	}

	/** Wraps the store every reader is given. */
	@Configuration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		static BeanPostProcessor countingSpanStore() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (name.equals("spanStore") && bean instanceof SpanStore store) ? new CountingSpanStore(store) : bean;
				}

			};
		}

	}

	/** Counts the reads it passes on. */
	static final class CountingSpanStore implements SpanStore {

		final AtomicInteger wholeStoreReads = new AtomicInteger();

		final AtomicInteger traceReads = new AtomicInteger();

		private final SpanStore store;

		CountingSpanStore(SpanStore store) {
			this.store = store;
		}

		@Override
		public void accept(List<Span> spans) {
			store.accept(spans);
		}

		@Override
		public List<Span> trace(TraceId traceId) {
			traceReads.incrementAndGet();
			return store.trace(traceId);
		}

		@Override
		public List<TraceSummary> recentTraces(TraceQuery query) {
			return store.recentTraces(query);
		}

		@Override
		public List<Span> spans() {
			wholeStoreReads.incrementAndGet();
			return store.spans();
		}

		@Override
		public StoreStats stats() {
			return store.stats();
		}

	}

}
