package dev.tracer.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.tracer.core.context.TraceId;
import dev.tracer.store.SpanStore;
import dev.tracer.store.ZipkinJson;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static dev.tracer.testing.MvcProblems.gzip;
import static dev.tracer.testing.TestObjects.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link ZipkinApiController}: the part of Zipkin's v2 API that reporters write to and Zipkin clients
 * read from, over the span store. Each test uses its own trace id: the store is shared by the context.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class ZipkinApiControllerTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	/** The two bodies a Zipkin reporter posts, as it writes them. */
	enum Body {

		JSON(MediaType.APPLICATION_JSON_VALUE, ZipkinJson::encode),
		PROTO3(ZipkinApiController.PROTOBUF, SpanBytesEncoder.PROTO3::encodeList);

		final String contentType;

		private final Function<List<Span>, byte[]> encoder;

		Body(String contentType, Function<List<Span>, byte[]> encoder) {
			this.contentType = contentType;
			this.encoder = encoder;
		}

		byte[] encode(List<Span> spans) {
			return encoder.apply(spans);
		}

	}

	@ParameterizedTest(name = "{0}, gzip {1}")
	@CsvSource({ "JSON, false, 4bf92f3577b34da6000000000000e001", "JSON, true, 4bf92f3577b34da6000000000000e002",
			"PROTO3, false, 4bf92f3577b34da6000000000000e011", "PROTO3, true, 4bf92f3577b34da6000000000000e012" })
	void spans_list_is202AndStored(Body body, boolean gzipped, String traceId) throws Exception {
		List<Span> trace = call(traceId);

		postSpans(body, gzipped, trace).andExpect(status().isAccepted()).andExpect(content().string(""));

		assertThat(store.trace(TraceId.parseHex(trace.get(0).traceId()))).containsExactlyElementsOf(trace);
	}

	/**
	 * The flood's span, once: a 1 MB tag gzipped to about 1 kB. It is stored cut down to the
	 * limit and marked, never whole, and counted; in JSON and in proto3 alike.
	 */
	@Test
	void spans_megabyteTag_is202AndStoredCut() throws Exception {
		Span json = call("4bf92f3577b34da6000000000000e021").get(0).toBuilder().putTag("k", "a".repeat(1_000_000)).build();
		Span proto3 = json.toBuilder().traceId("4bf92f3577b34da6000000000000e022").build();
		long truncated = store.stats().spansTruncated();

		postSpans(Body.JSON, true, List.of(json)).andExpect(status().isAccepted());
		postSpans(Body.PROTO3, true, List.of(proto3)).andExpect(status().isAccepted());

		for (Span sent : List.of(json, proto3)) {
			assertThat(store.trace(TraceId.parseHex(sent.traceId()))).singleElement()
				.satisfies((stored) -> assertThat(stored.tags().get("k")).isEqualTo("a".repeat(4096) + "...[truncated 995904 chars]"));
		}
		assertThat(store.stats().spansTruncated()).isEqualTo(truncated + 2);
	}

	/** In protocol buffers an empty list is zero bytes. */
	@Test
	void spans_proto3NoBytes_is202() throws Exception {
		long accepted = store.stats().spansAccepted();

		mvc.perform(post("/api/v2/spans").contentType(ZipkinApiController.PROTOBUF)).andExpect(status().isAccepted());

		assertThat(store.stats().spansAccepted()).isEqualTo(accepted);
	}

	@Test
	void spans_proto3Truncated_is400AndNothingStored() throws Exception {
		byte[] message = SpanBytesEncoder.PROTO3.encodeList(call("4bf92f3577b34da6000000000000e013"));
		long accepted = store.stats().spansAccepted();

		expectProblem(mvc.perform(post("/api/v2/spans").contentType(ZipkinApiController.PROTOBUF)
			.content(Arrays.copyOf(message, message.length - 3))), 400)
			.andExpect(jsonPath("$.detail", startsWith("invalid Zipkin v2 protocol buffers (expected a ListOfSpans): ")));

		assertThat(store.stats().spansAccepted()).isEqualTo(accepted);
	}

	@Test
	void spans_proto3Json_is400() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(ZipkinApiController.PROTOBUF).content("[]")), 400)
			.andExpect(jsonPath("$.detail", startsWith("invalid Zipkin v2 protocol buffers")));
	}

	@Test
	void spans_emptyList_is202() throws Exception {
		mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isAccepted());
	}

	@Test
	void spans_malformedJson_is400() throws Exception {
		long accepted = store.stats().spansAccepted();

		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"traceId\": \"4bf92f3577b34da6000000000000e003\", ")), 400)
			.andExpect(jsonPath("$.detail", startsWith("invalid Zipkin v2 JSON (expected a JSON array of Zipkin v2 spans): ")));

		assertThat(store.stats().spansAccepted()).isEqualTo(accepted);
	}

	@Test
	void spans_objectInsteadOfList_is400() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON)
			.content("{\"traceId\": \"4bf92f3577b34da6000000000000e004\", \"id\": \"000000000000e004\"}")), 400)
			.andExpect(jsonPath("$.detail", startsWith("invalid Zipkin v2 JSON (expected a JSON array of Zipkin v2 spans): ")));
	}

	@Test
	void spans_spanWithoutId_is400() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"traceId\": \"4bf92f3577b34da6000000000000e005\"}]")), 400)
			.andExpect(jsonPath("$.detail", startsWith("invalid Zipkin v2 JSON")));
	}

	@Test
	void spans_notGzipButSaysSo_is400() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content("[]")), 400)
			.andExpect(jsonPath("$.detail", startsWith("Content-Encoding gzip: the body is not valid gzip (")));
	}

	@Test
	void spans_noBody_is400() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON)), 400);
	}

	@Test
	void spans_textBody_is415() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.TEXT_PLAIN).content("[]")), 415);
	}

	@Test
	void trace_stored_isTheSameSpansBack() throws Exception {
		List<Span> trace = call("4bf92f3577b34da6000000000000e006");
		store.accept(trace);

		byte[] json = mvc.perform(get("/api/v2/trace/{traceId}", trace.get(0).traceId()))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();

		assertThat(ZipkinJson.decode(json)).containsExactlyElementsOf(trace);
	}

	@Test
	void trace_roundTripThroughPost_isTheSameSpansBack() throws Exception {
		List<Span> trace = call("4bf92f3577b34da6000000000000e007");
		mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content(ZipkinJson.encode(trace)))
			.andExpect(status().isAccepted());

		String json = mvc.perform(get("/api/v2/trace/{traceId}", trace.get(0).traceId().toUpperCase()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(ZipkinJson.decode(json.getBytes(StandardCharsets.UTF_8))).containsExactlyElementsOf(trace);
	}

	@Test
	void trace_unknown_is404() throws Exception {
		expectProblem(mvc.perform(get("/api/v2/trace/{traceId}", "4bf92f3577b34da600000000000dead1")), 404,
				"no trace 4bf92f3577b34da600000000000dead1 in the store");
	}

	private ResultActions postSpans(Body body, boolean gzipped, List<Span> spans) throws Exception {
		MockHttpServletRequestBuilder request = post("/api/v2/spans").contentType(body.contentType);
		byte[] content = body.encode(spans);
		if (gzipped) {
			request.header(HttpHeaders.CONTENT_ENCODING, "gzip");
			content = gzip(content);
		}
		return mvc.perform(request.content(content));
	}

}
