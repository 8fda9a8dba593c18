package dev.tracer.api;

import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.core.breaks.CallOutcome;
import dev.tracer.core.breaks.CallOutcome.Outcome;
import dev.tracer.core.breaks.Confidence;
import dev.tracer.core.breaks.SpanRef;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /api/propagation}: judged calls handed to the context's {@code Consumer<CallOutcome>}, as the
 * break analysis hands them, read back as the map. The bean is shared with the other tests of this
 * context, so these use service names of their own ({@code web-*}, {@code edge-*}).
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class PropagationApiTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Consumer<CallOutcome> outcomes;

	private static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
	}

	private void judge(String caller, String callee, Outcome outcome, String reason, String spanId, long start) {
		Confidence confidence = (outcome == Outcome.BROKEN) ? Confidence.DEFINITE : null;
		outcomes.accept(new CallOutcome(new SpanRef(TRACE, spanId, caller, start), caller, callee, outcome, confidence,
				reason));
	}

	@Test
	void map_edgesWithTheirCounts_servicesLaidOut() throws Exception {
		long now = nowMicros();
		for (int i = 0; i < 10; i++) {
			judge("web-frontend", "web-backend", Outcome.CONTINUED, null, "00000000000c0001", now - 60_000_000L);
		}
		for (int i = 0; i < 20; i++) {
			judge("web-frontend", "web-backend", Outcome.BROKEN, "dropped", "00000000000c0002", now - 60_000_000L);
		}
		for (int i = 0; i < 10; i++) {
			judge("web-frontend", "web-backend", Outcome.BROKEN, "not W3C: b3", "00000000000c0003", now - 60_000_000L);
		}
		judge("web-backend", "web-h2", Outcome.UNTRACED, null, "00000000000c0004", now);
		judge("web-backend", null, Outcome.UNKNOWN_CALLEE, null, "00000000000c0005", now);

		String edge = "$.edges[?(@.from == 'web-frontend' && @.to == 'web-backend')]";
		mvc.perform(get("/api/propagation").param("since", "15m"))
			.andExpect(status().isOk())
			.andExpect(jsonPath(edge + ".calls", contains(40)))
			.andExpect(jsonPath(edge + ".continued", contains(10)))
			.andExpect(jsonPath(edge + ".broken", contains(30)))
			.andExpect(jsonPath(edge + ".broken_share", contains(0.75)))
			.andExpect(jsonPath(edge + ".verdict", contains("broken")))
			.andExpect(jsonPath(edge + ".reasons[*].reason", contains("dropped", "not W3C: b3")))
			.andExpect(jsonPath(edge + ".reasons[*].count", contains(20, 10)))
			.andExpect(jsonPath(edge + ".points[*]", hasSize(2)))
			.andExpect(jsonPath("$.edges[?(@.from == 'web-backend' && @.to == 'web-h2')].verdict", contains("untraced")))
			.andExpect(jsonPath("$.edges[?(@.from == 'web-backend' && @.to == null)].unknown_callee", contains(1)))
			.andExpect(jsonPath("$.services[?(@.name == 'web-h2')].traced", contains(false)))
			.andExpect(jsonPath("$.services[?(@.name == 'web-backend')].traced", contains(true)))
			.andExpect(jsonPath("$.services[?(@.name == 'web-frontend')].x").isNotEmpty())
			.andExpect(jsonPath("$.map.bucket_seconds").value(60.0))
			.andExpect(jsonPath("$.map.retention_seconds").value(86_400.0));
	}

	@Test
	void map_windowBeforeTheCalls_hasNoneOfThem() throws Exception {
		judge("edge-early", "edge-late", Outcome.CONTINUED, null, "00000000000c0011", nowMicros());

		mvc.perform(get("/api/propagation").param("since", "2d").param("until", "1d"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.edges[?(@.from == 'edge-early')]", hasSize(0)));
		mvc.perform(get("/api/propagation").param("since", Instant.now().minusSeconds(600).toString()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.edges[?(@.from == 'edge-early')].continued", contains(1)));
	}

	@Test
	void broken_newestFirst_withReasonAndConfidence() throws Exception {
		long now = nowMicros();
		judge("edge-a", "edge-b", Outcome.BROKEN, "dropped", "00000000000c0021", now - 3_000_000L);
		judge("edge-a", "edge-b", Outcome.BROKEN, "refused: trace-id uppercase", "00000000000c0022", now - 1_000_000L);
		judge("edge-a", "edge-b", Outcome.CONTINUED, null, "00000000000c0023", now);

		mvc.perform(get("/api/propagation/broken").param("from", "edge-a").param("to", "edge-b"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.calls[*].span_id", contains("00000000000c0022", "00000000000c0021")))
			.andExpect(jsonPath("$.calls[0].trace_id").value(TRACE))
			.andExpect(jsonPath("$.calls[0].reason").value("refused: trace-id uppercase"))
			.andExpect(jsonPath("$.calls[0].confidence").value("definite"))
			.andExpect(jsonPath("$.calls[0].start").value(now - 1_000_000L));
		mvc.perform(get("/api/propagation/broken").param("from", "edge-a").param("to", "edge-b").param("limit", "1"))
			.andExpect(jsonPath("$.calls", hasSize(1)));
	}

	@Test
	void badWindow_problemNamingTheAcceptedForms() throws Exception {
		String detail = "since: expected " + TimeWindow.ACCEPTED;
		expectProblem(mvc.perform(get("/api/propagation").param("since", "yesterday")), 400, detail);
		expectProblem(mvc.perform(get("/api/propagation").param("since", "-1h")), 400, detail);
		expectProblem(mvc.perform(get("/api/propagation").param("since", "999999999d")), 400, detail);
		expectProblem(mvc.perform(get("/api/propagation").param("until", "15x")), 400,
				"until: expected " + TimeWindow.ACCEPTED);
		expectProblem(mvc.perform(get("/api/propagation").param("since", "1h").param("until", "2h")), 400,
				"since: must not be after until");
		expectProblem(mvc.perform(get("/api/propagation/broken").param("from", "a")), 400);
		expectProblem(mvc.perform(get("/api/propagation/broken").param("from", "a").param("to", "b").param("limit", "0")),
				400, "limit: expected 1 to 100, found 0");
	}

}
