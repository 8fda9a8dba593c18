package dev.tracer.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.tracer.core.context.TraceTags;
import dev.tracer.store.SpanStore;
import dev.tracer.testing.FinishedSpans;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The breaks in the API: each trace's in its document, the newest across traces in {@code /api/breaks}.
 * The store is shared with the other tests of this context; these spans start later than theirs (and
 * long enough ago to have settled; the settle time is 0 here, so a trace settles as soon as it arrives),
 * so they are the newest breaks.
 *
 * <pre>
 * trace ...b0001  frontend  c 01  |10-----------90|    GET /api/data, sent 00-4BF9...
 * trace ...b0002  backend   S 02     |15-----80|       received 00-4BF9..., refused
 * </pre>
 */
@WebMvcTest(properties = "tracer.breaks.settle=0s")
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class BreakApiTests {

	/** 2026-09-20 in epoch microseconds: after the other tests' spans, settled long before now. */
	private static final long START = 1_790_000_000_000_000L;

	private static final String CALLER_TRACE = "4bf92f3577b34da600000000000b0001";

	private static final String CALLEE_TRACE = "4bf92f3577b34da600000000000b0002";

	private static final String SENT = "00-4BF92F3577B34DA600000000000B0001-00000000000B0011-01";

	private static final String REASON = "backend refused the traceparent: trace-id: expected 32 lowercase hex"
			+ " characters, found uppercase 'B' at index 4";

	@Autowired
	private MockMvc mvc;

	/** The store every intake writes to: through the guard, which feeds the break analysis. */
	@Autowired
	private SpanStore store;

	@Autowired
	private FinishedSpans finished;

	private void brokenCall() {
		store.accept(List.of(
				Span.newBuilder().traceId(CALLER_TRACE).id("00000000000b0011").parentId("00000000000b0010")
					.kind(Span.Kind.CLIENT).localEndpoint(Endpoint.newBuilder().serviceName("frontend").build())
					.timestamp(START + 10_000).duration(80_000)
					.putTag("method", "GET").putTag("http.url", "http://localhost:8081/api/data")
					.putTag(TraceTags.TRACEPARENT_SENT, SENT).build(),
				Span.newBuilder().traceId(CALLEE_TRACE).id("00000000000b0021")
					.kind(Span.Kind.SERVER).localEndpoint(Endpoint.newBuilder().serviceName("backend").build())
					.timestamp(START + 15_000).duration(65_000)
					.putTag("http.method", "GET").putTag("http.path", "/api/data")
					.putTag(TraceTags.TRACEPARENT_RECEIVED, SENT).putTag(TraceTags.TRACEPARENT_VALID, "false")
					.putTag(TraceTags.TRACEPARENT_INVALID, REASON.substring("backend refused the traceparent: ".length()))
					.build()));
	}

	/** A trace's document, or its breaks alone, answered with exactly one break, of this kind. */
	private ResultActions expectOneBreak(MockHttpServletRequestBuilder request, String kind) throws Exception {
		return mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.breaks", hasSize(1)))
			.andExpect(jsonPath("$.breaks[0].kind").value(kind));
	}

	@Test
	void trace_includesItsBreaks_bothSides() throws Exception {
		brokenCall();

		expectOneBreak(get("/api/traces/{traceId}", CALLER_TRACE), "lost_downstream")
			.andExpect(jsonPath("$.breaks[0].trace_id").value(CALLER_TRACE))
			.andExpect(jsonPath("$.breaks[0].span_id").value("00000000000b0011"))
			.andExpect(jsonPath("$.breaks[0].confidence").value("definite"))
			.andExpect(jsonPath("$.breaks[0].link").value("definite"))
			.andExpect(jsonPath("$.breaks[0].other_trace_id").value(CALLEE_TRACE))
			.andExpect(jsonPath("$.breaks[0].client.service").value("frontend"))
			.andExpect(jsonPath("$.breaks[0].server.span_id").value("00000000000b0021"))
			.andExpect(jsonPath("$.breaks[0].server.start").value(START + 15_000))
			.andExpect(jsonPath("$.breaks[0].candidates", hasSize(1)))
			.andExpect(jsonPath("$.breaks[0].reason").value(REASON));
		expectOneBreak(get("/api/traces/{traceId}", CALLEE_TRACE.toUpperCase()), "restarted_here")
			.andExpect(jsonPath("$.breaks[0].other_trace_id").value(CALLER_TRACE))
			.andExpect(jsonPath("$.breaks[0].client.span_id").value("00000000000b0011"))
			.andExpect(jsonPath("$.breaks[0].reason").value(REASON));
	}

	@Test
	void traceBreaks_alone_andCountedInTheList() throws Exception {
		brokenCall();

		expectOneBreak(get("/api/traces/{traceId}/breaks", CALLEE_TRACE), "restarted_here");
		mvc.perform(get("/api/traces").param("limit", "1000"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.traces[?(@.trace_id == '" + CALLER_TRACE + "')].breaks").value(1))
			.andExpect(jsonPath("$.traces[?(@.trace_id == '" + CALLEE_TRACE + "')].breaks").value(1));
		expectProblem(mvc.perform(get("/api/traces/{traceId}/breaks", "4bf92f3577b34da600000000000b0404")), 404);
		expectProblem(mvc.perform(get("/api/traces/{traceId}/breaks", "nope")), 400);
	}

	/**
	 * A request that read a database: the call has no child, and the database writes no span. A fact for
	 * the call's details, counted by callee beside the trace's breaks, never a break.
	 *
	 * <pre>
	 * trace ...b0003  orders  S 31  |0----------50|      GET /orders
	 *                         c 32    |1----21|          select orders, remote postgresql, db.system
	 * </pre>
	 */
	@Test
	void traceBreaks_untracedDatabaseCall_aFactNotABreak() throws Exception {
		String trace = "4bf92f3577b34da600000000000b0003";
		Endpoint orders = Endpoint.newBuilder().serviceName("orders").build();
		store.accept(List.of(
				Span.newBuilder().traceId(trace).id("00000000000b0031").kind(Span.Kind.SERVER).localEndpoint(orders)
					.timestamp(START + 200_000).duration(50_000).putTag("http.method", "GET").putTag("http.path", "/orders")
					.build(),
				Span.newBuilder().traceId(trace).id("00000000000b0032").parentId("00000000000b0031")
					.kind(Span.Kind.CLIENT).localEndpoint(orders)
					.remoteEndpoint(Endpoint.newBuilder().serviceName("postgresql").build())
					.timestamp(START + 201_000).duration(20_000).putTag("db.system", "postgresql").build()));

		mvc.perform(get("/api/traces/{traceId}/breaks", trace))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.breaks", hasSize(0)))
			.andExpect(jsonPath("$.untraced_calls.count").value(1))
			.andExpect(jsonPath("$.untraced_calls.by_callee[0].callee").value("postgresql"))
			.andExpect(jsonPath("$.untraced_calls.by_callee[0].count").value(1));
		mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", trace, "00000000000b0032"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.untraced_call.callee").value("postgresql"));
		mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", trace, "00000000000b0031"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.untraced_call").doesNotExist());
		mvc.perform(get("/api/breaks"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.untraced_calls").isNumber())
			.andExpect(jsonPath("$.unknown_callee_calls").isNumber());
	}

	@Test
	void breaks_newestFirst_limited() throws Exception {
		brokenCall();

		mvc.perform(get("/api/breaks").param("limit", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.breaks", hasSize(2)))
			.andExpect(jsonPath("$.breaks[0].trace_id").value(CALLEE_TRACE))
			.andExpect(jsonPath("$.breaks[1].trace_id").value(CALLER_TRACE))
			.andExpect(jsonPath("$.pending_calls").isNumber())
			.andExpect(jsonPath("$.orphans").isNumber());
	}

	/** The viewer polls the list: traced, each poll would add a trace to the store it reads. */
	@Test
	void breaks_notTraced() throws Exception {
		finished.clear();

		mvc.perform(get("/api/breaks")).andExpect(status().isOk());

		assertThat(finished.spans()).isEmpty();
	}

	@Test
	void breaks_limitOutOfRange_400() throws Exception {
		expectProblem(mvc.perform(get("/api/breaks").param("limit", "0")), 400, "limit: expected 1 to 1000, found 0");
		expectProblem(mvc.perform(get("/api/breaks").param("limit", "1001")), 400,
				"limit: expected 1 to 1000, found 1001");
	}

}
