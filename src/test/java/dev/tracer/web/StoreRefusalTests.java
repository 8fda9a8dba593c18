package dev.tracer.web;

import java.time.Duration;
import java.util.List;

import com.google.rpc.Status;
import org.junit.jupiter.api.Test;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.tracer.core.context.TraceId;
import dev.tracer.intake.otlp.OtlpFormat;
import dev.tracer.intake.otlp.OtlpTestObjects;
import dev.tracer.store.SpanStore;
import dev.tracer.store.ZipkinJson;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TracingSlice;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The intake under memory pressure, through the real {@code HeapPressure}: with a threshold of a
 * millionth of the heap, every collection leaves the heap "short", so after one the Zipkin intake
 * answers 503 with {@code Retry-After}, stores nothing, and the rest of the API keeps answering.
 */
@WebMvcTest(properties = { "tracer.store.pressure.max-heap-after-gc=0.000001",
		"tracer.store.pressure.retry-after=1500ms" })
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class StoreRefusalTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	@Test
	void spans_heapShort_is503ProblemWithRetryAfterAndNothingStored() throws Exception {
		String traceId = "4bf92f3577b34da6000000000000f001";
		awaitRefusal(zipkinPost("4bf92f3577b34da6000000000000f002"));
		long refused = store.stats().spansRefused();

		expectProblem(mvc.perform(zipkinPost(traceId)), 503)
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
			.andExpect(jsonPath("$.detail", startsWith("the server is short of memory: ")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.endsWith(
					"(spans are refused above 0%); none of the 1 spans was stored, try again later")));

		assertThat(store.trace(TraceId.parseHex(traceId))).isEmpty();
		assertThat(store.stats().spansRefused()).isEqualTo(refused + 1);
		mvc.perform(get("/api/traces"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.store.spans_refused").value(refused + 1));
	}

	/** OTLP/HTTP: 503 and Retry-After, the body a {@code google.rpc.Status} in the request's own encoding. */
	@Test
	void otlp_heapShort_is503WithRetryAfterAndAStatus() throws Exception {
		String traceId = "4bf92f3577b34da6000000000000f003";
		awaitRefusal(otlpPost("4bf92f3577b34da6000000000000f004"));

		MockHttpServletResponse response = mvc.perform(otlpPost(traceId)).andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(response.getContentType()).isEqualTo("application/x-protobuf");
		assertThat(Status.parseFrom(response.getContentAsByteArray()).getMessage())
			.startsWith("the server is short of memory: ")
			.endsWith("try again later");
		assertThat(store.trace(TraceId.parseHex(traceId))).isEmpty();
	}

	/** One span of the trace, to the Zipkin intake. */
	private static MockHttpServletRequestBuilder zipkinPost(String traceId) {
		return post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON)
			.content(ZipkinJson.encode(List.of(Span.newBuilder().traceId(traceId).id(1).name("x").build())));
	}

	/** Two services' spans of the trace, to the OTLP/HTTP intake as protobuf. */
	private static MockHttpServletRequestBuilder otlpPost(String traceId) {
		return post("/v1/traces").contentType(OtlpFormat.PROTOBUF.mediaType())
			.content(OtlpTestObjects.twoServices(traceId).toByteArray());
	}

	/**
	 * Sends the probe, a request under a trace id of its own, until it is refused: the ones sent before the
	 * first collection's report are taken.
	 */
	private void awaitRefusal(MockHttpServletRequestBuilder probe) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			System.gc();
			assertThat(mvc.perform(probe).andReturn().getResponse().getStatus()).isEqualTo(503);
		});
	}

}
