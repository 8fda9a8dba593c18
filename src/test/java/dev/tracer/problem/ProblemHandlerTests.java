package dev.tracer.problem;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every refusal of the API, ours and Spring MVC's, is {@code application/problem+json} (RFC 9457) with
 * the status and a detail, and never a stack trace or an exception's class name.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class ProblemHandlerTests {

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	@Autowired
	private MockMvc mvc;

	static Stream<Arguments> refusals() {
		return Stream.of(
				refusal("parse: malformed JSON", 400,
						post("/api/traceparent/parse").contentType(JSON).content("{\"traceparent\": ")),
				refusal("parse: traceparent an object", 400,
						post("/api/traceparent/parse").contentType(JSON).content("{\"traceparent\": {}}")),
				refusal("parse: array instead of object", 400,
						post("/api/traceparent/parse").contentType(JSON).content("[1, 2]")),
				refusal("parse: no body", 400, post("/api/traceparent/parse").contentType(JSON)),
				refusal("parse: invalid header", 400,
						post("/api/traceparent/parse").contentType(JSON).content("{\"traceparent\": \"00-x\"}")),
				refusal("parse: text body", 415,
						post("/api/traceparent/parse").contentType(MediaType.TEXT_PLAIN).content("00-x")),
				refusal("parse: GET", 405, get("/api/traceparent/parse")),
				refusal("reconstruct: spans a number", 400,
						post("/api/traces/reconstruct").contentType(JSON).content("{\"spans\": 5}")),
				refusal("reconstruct: span id missing", 400,
						post("/api/traces/reconstruct").contentType(JSON).content("{\"spans\": [{}]}")),
				refusal("traces: limit 0", 400, get("/api/traces").param("limit", "0")),
				refusal("traces: limit not a number", 400, get("/api/traces").param("limit", "ten")),
				refusal("traces: DELETE", 405, delete("/api/traces")),
				refusal("trace: malformed id", 400, get("/api/traces/{traceId}", "not-a-trace-id")),
				refusal("trace: unknown", 404, get("/api/traces/{traceId}", "00000000000000000000000000000bad")),
				refusal("zipkin: malformed spans", 400, post("/api/v2/spans").contentType(JSON).content("[{")),
				refusal("zipkin: unknown trace", 404,
						get("/api/v2/trace/{traceId}", "00000000000000000000000000000bad")),
				refusal("unknown path", 404, get("/api/nothing-here")));
	}

	private static Arguments refusal(String name, int status, MockHttpServletRequestBuilder request) {
		return Arguments.of(name, status, request);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("refusals")
	void refusal_isProblemJsonWithoutStackTrace(String name, int status, MockHttpServletRequestBuilder request)
			throws Exception {
		MvcResult result = mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.detail", not(emptyOrNullString())))
			.andExpect(jsonPath("$.trace").doesNotExist())
			.andExpect(jsonPath("$.exception").doesNotExist())
			.andReturn();

		assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception")
			.doesNotContain("at dev.tracer")
			.doesNotContain("at org.springframework")
			.doesNotContain("at tools.jackson")
			.doesNotContain("dev.tracer.")
			.doesNotContain("java.")
			.doesNotContain("\n");
	}

	/** Jackson's limits are named by its getters ({@code StreamReadConstraints.getMaxNestingDepth()}); the API says what they mean. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("readLimits")
	void readLimit_isSaidInTheApisTerms(String name, String body, String detail) throws Exception {
		MvcResult result = mvc.perform(post("/api/traces/reconstruct").contentType(JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(detail))
			.andReturn();

		assertThat(result.getResponse().getContentAsString()).doesNotContain("StreamReadConstraints").doesNotContain("getMax");
	}

	static Stream<Arguments> readLimits() {
		return Stream.of(
				Arguments.of("nesting", "{\"spans\": [], \"extra\": " + "[".repeat(600) + "]".repeat(600) + "}",
						"request body: nesting deeper than 500 levels"),
				Arguments.of("number", "{\"spans\": [{\"span_id\": " + "1".repeat(1001) + "}]}",
						"request body: a number longer than 1000 characters"),
				Arguments.of("field name", "{\"" + "k".repeat(50_001) + "\": 1}",
						"request body: a field name longer than 50000 characters"));
	}

}
