package dev.tracer.demo;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import brave.handler.MutableSpan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.client.MockRestServiceServer;

import dev.tracer.instrumentation.TracedSliceTest;

import static dev.tracer.testing.W3CSamples.PARENT_ID;
import static dev.tracer.testing.W3CSamples.TRACEPARENT;
import static dev.tracer.testing.W3CSamples.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withException;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The frontend's {@code GET /api/data} with the backend replaced by a {@link MockRestServiceServer}
 * bound to Boot's {@code RestClient.Builder}, which keeps the builder's tracing observation: the
 * outgoing call is a client span and carries exactly one {@code traceparent}.
 *
 * <pre>
 * caller --traceparent--> frontend: GET /api/data (server)
 *                              +-- http get (client) --traceparent, tracestate--> mock backend
 * </pre>
 */
@ContextConfiguration(classes = FrontendControllerTests.MockBackend.class)
@ActiveProfiles("frontend")
class FrontendControllerTests extends TracedSliceTest {

	private static final String TRACESTATE = "congo=t61rcWkgMzE";

	private static final String BACKEND = "http://localhost:8081/api/data";

	private static final String BACKEND_ANSWER = "{\"service\": \"backend\"}";

	@Autowired
	private MockBackend backend;

	@BeforeEach
	void resetBackend() {
		backend.server().reset();
		backend.calls.clear();
	}

	@Test
	void data_validTraceparent_callsBackendWithOneTraceparentOfTheClientSpan() throws Exception {
		backend.server()
			.expect(requestTo(BACKEND))
			.andExpect(method(HttpMethod.GET))
			.andExpect((request) -> backend.calls.add(new Call(request.getHeaders().get("traceparent"),
					request.getHeaders().get("tracestate"))))
			.andRespond(withSuccess(BACKEND_ANSWER, MediaType.APPLICATION_JSON));

		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT).header("tracestate", TRACESTATE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("frontend"))
			.andExpect(jsonPath("$.span.trace_id").value(TRACE_ID))
			.andExpect(jsonPath("$.span.parent_span_id").value(PARENT_ID))
			.andExpect(jsonPath("$.incoming.valid").value(true))
			.andExpect(jsonPath("$.downstream.service").value("backend"));
		backend.server().verify();

		MutableSpan server = finished.onlyServerSpan();
		List<MutableSpan> clients = finished.spans()
			.stream()
			.filter((span) -> span.kind() == brave.Span.Kind.CLIENT)
			.toList();
		assertThat(clients).hasSize(1);
		MutableSpan client = clients.get(0);
		assertThat(client.traceId()).isEqualTo(TRACE_ID);
		assertThat(client.parentId()).isEqualTo(server.id());

		Call call = backend.calls.get(0);
		assertThat(call.traceparent()).as("exactly one traceparent, the client span's")
			.containsExactly("00-" + TRACE_ID + "-" + client.id() + "-01");
		assertThat(call.tracestate()).containsExactly(TRACESTATE);
	}

	@Test
	void data_invalidTraceparent_newTraceAndNoTracestateDownstream() throws Exception {
		backend.server()
			.expect(requestTo(BACKEND))
			.andExpect((request) -> backend.calls.add(new Call(request.getHeaders().get("traceparent"),
					request.getHeaders().get("tracestate"))))
			.andRespond(withSuccess(BACKEND_ANSWER, MediaType.APPLICATION_JSON));

		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT.toUpperCase()).header("tracestate", TRACESTATE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span.trace_id", not(TRACE_ID)))
			.andExpect(jsonPath("$.span.parent_span_id").value((Object) null))
			.andExpect(jsonPath("$.incoming.valid").value(false));

		MutableSpan server = finished.onlyServerSpan();
		Call call = backend.calls.get(0);
		assertThat(call.traceparent()).hasSize(1);
		assertThat(call.traceparent().get(0)).startsWith("00-" + server.traceId() + "-");
		assertThat(call.tracestate()).isNull();
	}

	@Test
	void data_backendAnswers500_is502() throws Exception {
		backend.server().expect(requestTo(BACKEND)).andRespond(withStatus(HttpStatus.INTERNAL_SERVER_ERROR));

		mvc.perform(get("/api/data"))
			.andExpect(status().isBadGateway())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(502))
			.andExpect(jsonPath("$.detail").value("downstream " + BACKEND + " answered 500"));

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.error()).as("a 5xx of this hop is recorded").isNotNull();
		assertThat(server.tags()).containsEntry("http.status_code", "502");
	}

	@Test
	void data_backendUnreachable_is502() throws Exception {
		backend.server().expect(requestTo(BACKEND)).andRespond(withException(new ConnectException("Connection refused")));

		mvc.perform(get("/api/data"))
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.detail").value("downstream " + BACKEND + " is unreachable"));

		assertThat(finished.onlyServerSpan().error()).isNotNull();
	}

	@Test
	void data_backendTooSlow_is504() throws Exception {
		backend.server().expect(requestTo(BACKEND)).andRespond(withException(new SocketTimeoutException("Read timed out")));

		mvc.perform(get("/api/data"))
			.andExpect(status().isGatewayTimeout())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("downstream " + BACKEND + " did not answer in time"));
	}

	@Test
	void data_backendAnswersNotJson_is502() throws Exception {
		backend.server().expect(requestTo(BACKEND)).andRespond(withSuccess("<html>", MediaType.TEXT_HTML));

		mvc.perform(get("/api/data"))
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.detail").value("downstream " + BACKEND + " sent an unreadable answer"));
	}

	record Call(List<String> traceparent, List<String> tracestate) {
	}

	/**
	 * Binds a {@link MockRestServiceServer} to every {@code RestClient.Builder} Boot makes, next to the
	 * builder's observation.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ObservationAutoConfiguration.class, RestClientAutoConfiguration.class,
			RestClientObservationAutoConfiguration.class })
	static class MockBackend {

		final List<Call> calls = new ArrayList<>();

		private MockRestServiceServer server;

		@Bean
		RestClientCustomizer mockBackend() {
			return (builder) -> server = MockRestServiceServer.bindTo(builder).build();
		}

		MockRestServiceServer server() {
			return server;
		}

	}

}
