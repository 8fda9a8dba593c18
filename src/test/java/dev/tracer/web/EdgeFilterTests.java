package dev.tracer.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.tracer.testing.FinishedSpans;
import dev.tracer.testing.TracingSlice;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The guards at the edge ({@link EdgeConfiguration}): a request for another host is refused with 421 before
 * it is traced, read or stored; every answer, refusals included, has the security headers.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
@TestPropertySource(properties = "tracer.web.allowed-hosts=tracer.example.test")
class EdgeFilterTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private FinishedSpans finished;

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:8080", "localhost.evil.example" })
	void traceRead_otherHost_is421AndNotTraced(String host) throws Exception {
		finished.clear();
		ResultActions result = mvc.perform(get("/api/traces/{id}", "4bf92f3577b34da6a3ce929d0e0e4736")
			.header("Host", host)
			.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

		expectProblem(result, 421).andExpect(jsonPath("$.title").value("Misdirected Request"))
			.andExpect(jsonPath("$.detail").value("\"" + host + "\" is not a name of this server; if it is how you"
					+ " reach it, add it to tracer.web.allowed-hosts"));
		assertSecurityHeaders(result);
		assertThat(finished.spans()).isEmpty();
	}

	@Test
	void spanIntake_otherHost_is421AndStoresNothing() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").header("Host", "evil.example")
			.contentType(MediaType.APPLICATION_JSON)
			.content("[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7\"}]")), 421);

		mvc.perform(get("/api/traces/{id}", "4bf92f3577b34da6a3ce929d0e0e4736")).andExpect(status().isNotFound());
	}

	@Test
	void hostNotQuotable_isRefusedWithoutQuotingIt() throws Exception {
		expectProblem(mvc.perform(get("/api/traces").header("Host", "evil.example\"<b>")), 421)
			.andExpect(jsonPath("$.detail").value("this Host is not a name of this server; if it is how you reach it,"
					+ " add it to tracer.web.allowed-hosts"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "localhost:8080", "127.0.0.1:8080", "[::1]:8080", "tracer.example.test:443" })
	void traceList_expectedHost_answers(String host) throws Exception {
		assertSecurityHeaders(mvc.perform(get("/api/traces").header("Host", host)).andExpect(status().isOk()));
	}

	@Test
	void viewerPage_hasThePolicy() throws Exception {
		assertSecurityHeaders(mvc.perform(get("/index.html")).andExpect(status().isOk()));
	}

	@Test
	void problem_hasTheHeadersToo() throws Exception {
		assertSecurityHeaders(expectProblem(mvc.perform(get("/api/traces/{id}", "not-hex")), 400));
	}

	private static void assertSecurityHeaders(ResultActions result) throws Exception {
		result.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Content-Security-Policy", "default-src 'self'; script-src 'self';"
					+ " style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
					+ " form-action 'self'; frame-ancestors 'none'"));
	}

}
