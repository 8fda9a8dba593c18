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

	private static final String TRACE_ID = "4bf92f3577b34da6000000000000f001";

	/** Posted until the first refusal: the ones before the first collection's report are taken. */
	private static final String PROBE_TRACE_ID = "4bf92f3577b34da6000000000000f002";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	@Test
	void spans_heapShort_is503ProblemWithRetryAfterAndNothingStored() throws Exception {
		byte[] body = ZipkinJson.encode(List.of(Span.newBuilder().traceId(TRACE_ID).id(1).name("x").build()));
		byte[] probe = ZipkinJson.encode(List.of(Span.newBuilder().traceId(PROBE_TRACE_ID).id(1).name("x").build()));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			System.gc();
			assertThat(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content(probe))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(503);
		});
		long refused = store.stats().spansRefused();

		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content(body)), 503)
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
			.andExpect(jsonPath("$.detail", startsWith("the server is short of memory: ")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.endsWith(
					"(spans are refused above 0%); none of the 1 spans was stored, try again later")));

		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).isEmpty();
		assertThat(store.stats().spansRefused()).isEqualTo(refused + 1);
		mvc.perform(get("/api/traces"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.store.spans_refused").value(refused + 1));
	}

	/** OTLP/HTTP: 503 and Retry-After, the body a {@code google.rpc.Status} in the request's own encoding. */
	@Test
	void otlp_heapShort_is503WithRetryAfterAndAStatus() throws Exception {
		String traceId = "4bf92f3577b34da6000000000000f003";
		byte[] body = OtlpTestObjects.twoServices(traceId).toByteArray();
		// posted until the first refusal, under a trace id of its own: the ones before it are taken
		byte[] probe = OtlpTestObjects.twoServices("4bf92f3577b34da6000000000000f004").toByteArray();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			System.gc();
			assertThat(mvc.perform(post("/v1/traces").contentType(OtlpFormat.PROTOBUF.mediaType()).content(probe))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(503);
		});

		MockHttpServletResponse response = mvc
			.perform(post("/v1/traces").contentType(OtlpFormat.PROTOBUF.mediaType()).content(body))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(response.getContentType()).isEqualTo("application/x-protobuf");
		assertThat(Status.parseFrom(response.getContentAsByteArray()).getMessage())
			.startsWith("the server is short of memory: ")
			.endsWith("try again later");
		assertThat(store.trace(TraceId.parseHex(traceId))).isEmpty();
	}

}
