package dev.tracer.intake;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.problem.BodyTooLargeException;
import dev.tracer.testing.TracingSlice;
import dev.tracer.testing.W3CSamples;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static dev.tracer.testing.MvcProblems.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link BodySizeLimitFilter} and the gzip limit of the span intake, with {@code tracer.web.max-body-size}
 * at 100 bytes: a bigger body is a 413 problem, raw or once decompressed.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
@TestPropertySource(properties = "tracer.web.max-body-size=100B")
class BodySizeLimitFilterTests {

	private static final String TOO_LARGE = "request body is larger than 100 bytes (tracer.web.max-body-size)";

	private static final String TRACEPARENT = W3CSamples.TRACEPARENT;

	@Autowired
	private MockMvc mvc;

	@Test
	void parse_bodyAtLimit_isRead() throws Exception {
		String body = pad("{\"traceparent\": \"" + TRACEPARENT + "\"", 100);
		mvc.perform(post("/api/traceparent/parse").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isOk());
	}

	@Test
	void parse_bodyOverLimit_is413() throws Exception {
		String body = pad("{\"traceparent\": \"" + TRACEPARENT + "\"", 101);
		expectProblem(mvc.perform(post("/api/traceparent/parse").contentType(MediaType.APPLICATION_JSON).content(body)),
				413, TOO_LARGE);
	}

	@Test
	void reconstruct_bodyOverLimit_is413() throws Exception {
		String body = pad("{\"spans\": [{\"trace_id\": \"t1\", \"span_id\": \"s1\"}]", 1000);
		expectProblem(mvc.perform(post("/api/traces/reconstruct").contentType(MediaType.APPLICATION_JSON).content(body)),
				413, TOO_LARGE);
	}

	@Test
	void spans_bodyOverLimit_is413() throws Exception {
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content(pad("[", 101))),
				413, TOO_LARGE);
	}

	@Test
	void spans_gzipOverLimitOnceDecompressed_is413() throws Exception {
		byte[] bomb = gzip(pad("[", 10_000).getBytes());
		expectProblem(mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(bomb)), 413, TOO_LARGE);
	}

	@Test
	void traces_noBody_isNotLimited() throws Exception {
		mvc.perform(get("/api/traces").param("limit", "1")).andExpect(status().isOk());
	}

	@Test
	void reader_stopsAtTheLimitToo() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/anything");
		request.setCharacterEncoding("UTF-8");
		request.setContent("x".repeat(101).getBytes(StandardCharsets.UTF_8));
		FilterChain readsAll = (req, res) -> req.getReader().transferTo(Writer.nullWriter());

		assertThatThrownBy(() -> new BodySizeLimitFilter(100).doFilter(request, new MockHttpServletResponse(), readsAll))
			.isInstanceOf(BodyTooLargeException.class);
	}

	@Test
	void reader_atTheLimit_readsTheWholeBody() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/anything");
		request.setCharacterEncoding("UTF-8");
		request.setContent("\u00e9".repeat(50).getBytes(StandardCharsets.UTF_8));
		StringWriter read = new StringWriter();
		FilterChain readsAll = (req, res) -> req.getReader().transferTo(read);

		new BodySizeLimitFilter(100).doFilter(request, new MockHttpServletResponse(), readsAll);

		assertThat(read.toString()).isEqualTo("\u00e9".repeat(50));
	}

	/** The JSON object or array opened by {@code start}, padded with spaces and closed to exactly length characters. */
	private static String pad(String start, int length) {
		String end = start.startsWith("[") ? "]" : "}";
		return start + " ".repeat(length - start.length() - end.length()) + end;
	}

}
