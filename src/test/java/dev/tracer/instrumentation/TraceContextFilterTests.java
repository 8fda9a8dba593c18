package dev.tracer.instrumentation;

import brave.handler.MutableSpan;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.core.context.TraceParent;
import dev.tracer.problem.ApiProblem;
import dev.tracer.testing.FinishedSpans;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link TraceContextFilter} through the backend's {@code GET /api/data}, which answers with what its
 * hop saw: the STRICT decision on {@code traceparent}, the span the filter made, and the
 * {@code tracestate} kept. Spans are Brave's own, caught by {@link FinishedSpans}.
 *
 * <pre>
 * caller 00f067aa0ba902b7 --traceparent--> backend: GET /api/data (server, child of the caller)
 *                                                +-- prepare-data (local)
 * </pre>
 */
@ContextConfiguration(classes = TraceContextFilterTests.FailingController.class)
@ActiveProfiles("backend")
class TraceContextFilterTests extends TracedSliceTest {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final String PARENT_ID = W3CSamples.PARENT_ID;

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	private static final String TRACESTATE = "congo=t61rcWkgMzE";

	@Autowired
	private Tracer tracer;

	@Test
	void data_validTraceparent_spanIsChildOfCaller() throws Exception {
		MvcResult result = mvc.perform(get("/api/data").header("traceparent", TRACEPARENT))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("backend"))
			.andExpect(jsonPath("$.span.trace_id").value(TRACE_ID))
			.andExpect(jsonPath("$.span.parent_span_id").value(PARENT_ID))
			.andExpect(jsonPath("$.span.span_id", matchesPattern("[0-9a-f]{16}")))
			.andExpect(jsonPath("$.span.span_id", not(PARENT_ID)))
			.andExpect(jsonPath("$.span.sampled").value(true))
			.andExpect(jsonPath("$.incoming.traceparent").value(TRACEPARENT))
			.andExpect(jsonPath("$.incoming.valid").value(true))
			.andExpect(jsonPath("$.incoming.reason").value((Object) null))
			.andExpect(jsonPath("$.incoming.tracestate").value((Object) null))
			.andReturn();

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.traceId()).isEqualTo(TRACE_ID);
		assertThat(server.parentId()).isEqualTo(PARENT_ID);
		assertThat(server.id()).isEqualTo(read(result, "$.span.span_id"));
		assertThat(server.name()).isEqualTo("GET /api/data");
		assertThat(server.localServiceName()).isEqualTo("backend");
		assertThat(server.tags()).containsEntry("http.method", "GET")
			.containsEntry("http.path", "/api/data")
			.containsEntry("http.status_code", "200")
			.doesNotContainKey("w3c.traceparent.invalid");
		assertThat(server.error()).isNull();
	}

	@Test
	void data_validTraceparent_localWorkIsChildOfServerSpan() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT)).andExpect(status().isOk());

		MutableSpan server = finished.onlyServerSpan();
		assertThat(finished.spans()).hasSize(2);
		MutableSpan work = finished.spans().get(0);
		assertThat(work.name()).isEqualTo("prepare-data");
		assertThat(work.kind()).isNull();
		assertThat(work.traceId()).isEqualTo(TRACE_ID);
		assertThat(work.parentId()).isEqualTo(server.id());
	}

	@Test
	void data_unsampledTraceparent_followsTheCallersDecision() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-00"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span.trace_id").value(TRACE_ID))
			.andExpect(jsonPath("$.span.parent_span_id").value(PARENT_ID))
			.andExpect(jsonPath("$.span.sampled").value(false))
			.andExpect(jsonPath("$.incoming.valid").value(true));

		assertThat(finished.spans()).as("an unsampled span is not reported").isEmpty();
	}

	@Test
	void data_missingTraceparent_startsNewTrace() throws Exception {
		MvcResult result = mvc.perform(get("/api/data"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span.trace_id", matchesPattern("[0-9a-f]{32}")))
			.andExpect(jsonPath("$.span.parent_span_id").value((Object) null))
			.andExpect(jsonPath("$.incoming.traceparent").value((Object) null))
			.andExpect(jsonPath("$.incoming.valid").value(false))
			.andExpect(jsonPath("$.incoming.reason").value("traceparent: header is missing"))
			.andReturn();

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.traceId()).isEqualTo(read(result, "$.span.trace_id"));
		assertThat(server.parentId()).isNull();
		assertThat(server.tags()).as("no header is not an invalid header").doesNotContainKey("w3c.traceparent.invalid");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			uppercase trace id         | 00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01       | trace-id: expected 32 lowercase hex characters, found uppercase 'B' at index 4
			all-zero trace id          | 00-00000000000000000000000000000000-00f067aa0ba902b7-01       | trace-id: must not be all zeros
			all-zero parent id         | 00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01       | parent-id: must not be all zeros
			version ff                 | ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01       | version: ff is forbidden
			version 00 with more data  | 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra | traceparent: expected 55 characters for version 00, found 61
			trace id one short         | 00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01        | trace-id: expected 32 lowercase hex characters, found 31 before '-' at index 34
			header one short           | 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0        | traceparent: expected 55 characters, found 54
			non-hex parent id          | 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba9g2b7-01       | parent-id: expected 16 lowercase hex characters, found 'g' at index 48
			grader sample (lenient)    | 00-trace123-span_a-01                                         | trace-id: expected 32 lowercase hex characters, found 't' at index 3
			""")
	void data_invalidTraceparent_startsNewTraceWithReason(String description, String header, String reason)
			throws Exception {
		MvcResult result = mvc.perform(get("/api/data").header("traceparent", header).header("tracestate", TRACESTATE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span.trace_id", not(TRACE_ID)))
			.andExpect(jsonPath("$.span.parent_span_id").value((Object) null))
			.andExpect(jsonPath("$.incoming.traceparent").value(header))
			.andExpect(jsonPath("$.incoming.valid").value(false))
			.andExpect(jsonPath("$.incoming.reason").value(reason))
			.andExpect(jsonPath("$.incoming.tracestate").value(TRACESTATE))
			.andExpect(jsonPath("$.incoming.tracestate_dropped").value("not used: the traceparent is invalid"))
			.andReturn();

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.traceId()).isEqualTo(read(result, "$.span.trace_id")).isNotEqualTo(TRACE_ID);
		assertThat(server.parentId()).isNull();
		assertThat(server.tags()).containsEntry("w3c.traceparent.invalid", reason);
	}

	@Test
	void data_headerNameInOtherCase_isRead() throws Exception {
		mvc.perform(get("/api/data").header("TraceParent", TRACEPARENT).header("TRACESTATE", TRACESTATE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span.trace_id").value(TRACE_ID))
			.andExpect(jsonPath("$.span.parent_span_id").value(PARENT_ID))
			.andExpect(jsonPath("$.incoming.valid").value(true))
			.andExpect(jsonPath("$.incoming.tracestate").value(TRACESTATE));
	}

	@Test
	void data_twoTraceparentHeaders_startsNewTrace() throws Exception {
		String other = "00-" + TRACE_ID + "-b7ad6b7169203331-01";
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT, other))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span.trace_id", not(TRACE_ID)))
			.andExpect(jsonPath("$.span.parent_span_id").value((Object) null))
			.andExpect(jsonPath("$.incoming.traceparent").value(TRACEPARENT + "," + other))
			.andExpect(jsonPath("$.incoming.valid").value(false))
			.andExpect(jsonPath("$.incoming.reason").value("traceparent: 2 headers; W3C allows exactly one"));

		assertThat(finished.onlyServerSpan().parentId()).isNull();
	}

	@Test
	void data_futureVersionWithExtraFields_isAccepted() throws Exception {
		String future = "cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-will-be-like";
		mvc.perform(get("/api/data").header("traceparent", future))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span.trace_id").value(TRACE_ID))
			.andExpect(jsonPath("$.span.parent_span_id").value(PARENT_ID))
			.andExpect(jsonPath("$.incoming.valid").value(true))
			.andExpect(jsonPath("$.incoming.reason").value((Object) null));

		assertThat(finished.onlyServerSpan().parentId()).isEqualTo(PARENT_ID);
	}

	@Test
	void data_oneTracestate_isKept() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT).header("tracestate", TRACESTATE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.incoming.tracestate").value(TRACESTATE));
	}

	@Test
	void data_twoTracestateHeaders_areJoinedAsOneList() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT)
			.header("tracestate", "rojo=00f067aa0ba902b7", TRACESTATE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.incoming.tracestate").value("rojo=00f067aa0ba902b7," + TRACESTATE));
	}

	@Test
	void data_tracestateWithoutTraceparent_isDropped() throws Exception {
		mvc.perform(get("/api/data").header("tracestate", TRACESTATE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.incoming.valid").value(false))
			.andExpect(jsonPath("$.incoming.tracestate").value(TRACESTATE))
			.andExpect(jsonPath("$.incoming.tracestate_dropped").value("not used: the traceparent is invalid"));
	}

	/** A header can carry anything a client sends; the reason, which is logged and tagged, stays one ASCII line. */
	@ParameterizedTest
	@ValueSource(chars = { '\r', '\n', '\u0000', '\u001b', '\u007f', '\u00e9', '\u2028' })
	void data_controlCharacterInTraceparent_isEscapedInReason(char character) throws Exception {
		String header = "00-4bf92f3577b34da6" + character + "\r\nX-Injected: yes";
		MvcResult result = mvc.perform(get("/api/data").header("traceparent", header))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.incoming.valid").value(false))
			.andReturn();

		String reason = read(result, "$.incoming.reason");
		String escaped = String.format("'\\u%04x'", (int) character);
		assertThat(reason).isEqualTo("trace-id: expected 32 lowercase hex characters, found " + escaped + " at index 19")
			.matches("[\\x20-\\x7e]+");
		assertThat(finished.onlyServerSpan().tags()).containsEntry("w3c.traceparent.invalid", reason);
	}

	@Test
	void data_oneRequest_finishesOneServerSpanAndLeavesNoContext() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT)).andExpect(status().isOk());
		mvc.perform(get("/api/data")).andExpect(status().isOk());

		assertThat(finished.spans()).filteredOn((span) -> span.kind() == brave.Span.Kind.SERVER).hasSize(2);
		assertThat(tracer.currentSpan()).as("the span is out of scope after the request").isNull();
		assertThat(MDC.get(TraceContextFilter.SERVICE)).as("the MDC is restored after the request").isNull();
	}

	@Test
	void route_namesTheSpan() throws Exception {
		mvc.perform(get("/test/items/{itemId}", TRACE_ID)).andExpect(status().isNotFound());

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.name()).isEqualTo("GET /test/items/{itemId}");
		assertThat(server.tags()).containsEntry("http.path", "/test/items/" + TRACE_ID)
			.containsEntry("http.status_code", "404");
		assertThat(server.error()).as("a 4xx is the caller's mistake, not a failure of this hop").isNull();
	}

	@Test
	void failure_unexpectedException_isRecordedOnTheSpan() throws Exception {
		mvc.perform(get("/test/fail").header("traceparent", TRACEPARENT))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("internal error; the server log has the details"));

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.name()).isEqualTo("GET /test/fail");
		assertThat(server.error()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		assertThat(server.tags()).containsEntry("http.status_code", "500");
	}

	@Test
	void failure_serverSideApiProblem_isRecordedOnTheSpan() throws Exception {
		mvc.perform(get("/test/bad-gateway"))
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.detail").value("downstream is unreachable"));

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.error()).isInstanceOf(ApiProblem.class).hasMessage("downstream is unreachable");
		assertThat(server.tags()).containsEntry("http.status_code", "502");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator", "/api/v2/trace/" + TRACE_ID })
	void untracedPath_get_makesNoSpan(String path) throws Exception {
		mvc.perform(get(path).header("traceparent", TRACEPARENT));

		assertThat(finished.spans()).isEmpty();
	}

	@Test
	void spanIntake_post_makesNoSpan() throws Exception {
		mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isAccepted());

		assertThat(finished.spans()).isEmpty();
	}

	@Test
	void corsPreflight_makesNoSpan() throws Exception {
		mvc.perform(options("/api/data").header("Origin", "http://localhost:5173")
			.header("Access-Control-Request-Method", "GET")
			.header("traceparent", TRACEPARENT));

		assertThat(finished.spans()).isEmpty();
	}

	/** Only the browser's question is left out: an OPTIONS a client sends itself is its traffic. */
	@Test
	void options_notAPreflight_isTraced() throws Exception {
		mvc.perform(options("/api/data").header("traceparent", TRACEPARENT)).andExpect(status().isOk());

		assertThat(finished.onlyServerSpan().traceId()).isEqualTo(TRACE_ID);
	}

	private static String read(MvcResult result, String path) throws Exception {
		return JsonPath.read(result.getResponse().getContentAsString(), path);
	}

	/** Failures a real handler could have, to see them recorded on the hop's span. */
	@RestController
	static class FailingController {

		@GetMapping("/test/fail")
		String fail() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/test/items/{itemId}")
		String item(@PathVariable String itemId) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "no item " + itemId);
		}

		@GetMapping("/test/bad-gateway")
		String badGateway() {
			throw new ApiProblem(HttpStatus.BAD_GATEWAY, "downstream is unreachable");
		}

	}

}
