package dev.tracer.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.core.context.TraceId;
import dev.tracer.intake.files.TraceFiles;
import dev.tracer.store.SpanStore;
import dev.tracer.testing.TraceFileFixtures;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.TraceFileFixtures.bytes;
import static dev.tracer.testing.TraceFileFixtures.moved;
import static dev.tracer.testing.MvcProblems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link TraceFileController}: a file opened is stored and answered as the trace list summarises its
 * traces; a refused one stores nothing; a file has its own size limit, bigger than a request's. Each
 * test uses a file of its own trace ids: the store is shared by the context.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
@TestPropertySource(properties = { "tracer.web.max-body-size=2KB", "tracer.files.max-size=16KB",
		"tracer.breaks.settle=0s" })
class TraceFileControllerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	private JsonNode open(byte[] file) throws Exception {
		String body = mvc.perform(post("/api/files").contentType(MediaType.APPLICATION_JSON).content(file))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(body);
	}

	private JsonNode getJson(String path) throws Exception {
		return JSON.readTree(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	/** The trace's file in {@code format}, as an attachment named {@code trace-<id>.<format>.json}. */
	private byte[] download(String traceId, String format) throws Exception {
		return mvc.perform(get("/api/traces/" + traceId + "/download?format=" + format))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"trace-" + traceId + "." + format + ".json\""))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	@Test
	void open_jaegerFile_storesItsTraces_andAnswersThemAsTheListDoes() throws Exception {
		JsonNode answer = open(bytes(TraceFileFixtures.JAEGER));

		assertThat(answer.path("format").asString()).isEqualTo("jaeger");
		assertThat(answer.path("format_name").asString()).isEqualTo("Jaeger JSON");
		assertThat(answer.path("span_count").asInt()).isEqualTo(11);
		assertThat(answer.path("max_bytes").asLong()).isEqualTo(16 * 1024);
		JsonNode first = answer.path("traces").get(0);
		assertThat(first.path("trace_id").asString()).isEqualTo("1f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		assertThat(first.path("root_name").asString()).isEqualTo("http get /dispatch");
		assertThat(first.path("span_count").asInt()).isEqualTo(9);
		assertThat(first.path("breaks").asInt()).isEqualTo(1);
		assertThat(answer.path("traces").get(1).path("trace_id").asString()).isEqualTo("1f0ebbbbbbbbbbbbbbbbbbbbbbbbbbbb");
		assertThat(store.trace(TraceId.parseHex("1f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).hasSize(9);
	}

	@Test
	void openedTrace_hasTheDocumentsOfEveryStoredTrace_breakAndSkewIncluded() throws Exception {
		open(bytes(TraceFileFixtures.ZIPKIN));

		JsonNode view = getJson("/api/traces/2f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa/view");
		assertThat(view.path("span_count").asInt()).isEqualTo(9);
		assertThat(view.path("skews").path("row").size()).isEqualTo(1);
		JsonNode breaks = getJson("/api/traces/2f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa/breaks").path("breaks");
		assertThat(breaks.size()).isEqualTo(1);
		assertThat(breaks.get(0).path("kind").asString()).isEqualTo("lost_downstream");
		assertThat(breaks.get(0).path("confidence").asString()).isEqualTo("definite");
		assertThat(breaks.get(0).path("other_trace_id").asString()).isEqualTo("2f0ebbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	}

	@Test
	void open_sameFileTwice_storesItOnce() throws Exception {
		byte[] file = moved(TraceFileFixtures.ZIPKIN, "bf0e");
		assertThat(open(file).path("already_stored").asInt()).isZero();

		JsonNode again = open(file);

		assertThat(again.path("already_stored").asInt()).isEqualTo(11);
		assertThat(again.path("traces").get(0).path("duplicates").asInt()).isZero();
		assertThat(store.trace(TraceId.parseHex("bf0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).hasSize(9);
	}

	@Test
	void open_otlpLines_isOneSet() throws Exception {
		JsonNode answer = open(bytes(TraceFileFixtures.OTLP));

		assertThat(answer.path("format").asString()).isEqualTo("otlp");
		assertThat(answer.path("traces").size()).isEqualTo(2);
		assertThat(answer.path("traces").get(1).path("breaks").asInt()).isEqualTo(1);
	}

	@Test
	void open_badFile_is400NamingFormatPlaceAndRule_andStoresNothing() throws Exception {
		String good = new String(moved(TraceFileFixtures.OTLP, "4f0e"), StandardCharsets.UTF_8);
		String[] lines = good.split("\n");
		lines[1] = lines[1].replace("\"spanId\":\"4f0e000000000003\"", "\"spanId\":\"4f0e00000003\"");
		String detail = "read as OTLP/JSON, at line 2: 1 span(s) cannot be kept, the first: "
				+ "resource_spans[0].scope_spans[0].spans[0]: span_id: expected 8 bytes, found 6";

		expectProblem(mvc.perform(post("/api/files").content(String.join("\n", lines))), 400, detail)
			.andExpect(jsonPath("$.format").value("OTLP/JSON"))
			.andExpect(jsonPath("$.place").value("line 2"))
			.andExpect(jsonPath("$.rule").value(detail.substring(detail.indexOf("1 span"))));

		assertThat(store.trace(TraceId.parseHex("4f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).isEmpty();
	}

	@Test
	void open_unknownShape_is400NamingTheThreeShapes() throws Exception {
		expectProblem(mvc.perform(post("/api/files").content("{\"hello\": 1}")), 400)
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
					"not a trace file: JSON of an unknown shape: expected Zipkin v2 JSON")))
			.andExpect(jsonPath("$.format").doesNotExist());
	}

	@Test
	void open_fileOverItsLimit_is413NamingTheLimit_andStoresNothing() throws Exception {
		StringBuilder big = new StringBuilder("[");
		for (int i = 1; big.length() <= 16 * 1024; i++) {
			big.append(i > 1 ? "," : "").append("{\"traceId\":\"5f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"id\":\"")
				.append(String.format("%016x", i)).append("\",\"name\":\"padding padding padding\"}");
		}
		big.append("]");

		expectProblem(mvc.perform(post("/api/files").content(big.toString())), 413,
				"request body is larger than 16384 bytes (tracer.files.max-size)")
			.andExpect(jsonPath("$.limit_bytes").value(16384));

		assertThat(store.trace(TraceId.parseHex("5f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).isEmpty();
	}

	@Test
	void open_fileOverTheRequestLimit_butWithinTheFileLimit_isOpened() throws Exception {
		byte[] file = moved(TraceFileFixtures.JAEGER, "6f0e");
		assertThat(file.length).isGreaterThan(2 * 1024);

		assertThat(open(file).path("span_count").asInt()).isEqualTo(11);
		// the other endpoints keep the request limit
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content(file)), 413,
				"request body is larger than 2048 bytes (tracer.web.max-body-size)");
	}

	@Test
	void limits_sayTheLargestFile() throws Exception {
		assertThat(getJson("/api/files").path("max_bytes").asLong()).isEqualTo(16 * 1024);
	}

	@Test
	void download_zipkin_isTheStoredSpans_asAnAttachment() throws Exception {
		open(moved(TraceFileFixtures.ZIPKIN, "7f0e"));
		String id = "7f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

		byte[] file = download(id, "zipkin");

		List<Span> reopened = TraceFiles.read(file).spans();
		assertThat(reopened).containsExactlyElementsOf(store.trace(TraceId.parseHex(id)));
	}

	@Test
	void download_otlp_opensAgainAsTheSameTree() throws Exception {
		open(moved(TraceFileFixtures.JAEGER, "af0e"));
		String id = "af0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

		byte[] file = download(id, "otlp");

		// every field but those OtlpWriter names as lost (OtlpWriterTest holds the whole span to that)
		List<Span> stored = store.trace(TraceId.parseHex(id));
		List<Span> reopened = TraceFiles.read(file).spans();
		assertThat(reopened).extracting(Span::id, Span::parentId, Span::name, Span::kind, Span::timestampAsLong,
				Span::durationAsLong, Span::localServiceName, Span::remoteServiceName, Span::annotations)
			.containsExactlyInAnyOrderElementsOf(stored.stream().map((span) -> org.assertj.core.groups.Tuple.tuple(
					span.id(), span.parentId(), span.name(), span.kind(), span.timestampAsLong(), span.durationAsLong(),
					span.localServiceName(), span.remoteServiceName(), span.annotations())).toList());
	}

	@Test
	void download_unknownFormat_is400() throws Exception {
		open(moved(TraceFileFixtures.ZIPKIN, "8f0e"));

		expectProblem(mvc.perform(get("/api/traces/8f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa/download?format=jaeger")), 400,
				"format: expected zipkin or otlp, found \"jaeger\"");
	}

	@Test
	void download_unknownTrace_is404() throws Exception {
		expectProblem(mvc.perform(get("/api/traces/9f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa/download")), 404,
				"no trace 9f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa in the store");
	}

}
