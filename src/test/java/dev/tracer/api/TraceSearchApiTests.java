package dev.tracer.api;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zipkin2.Endpoint;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.tracer.core.context.TraceTags;
import dev.tracer.store.SpanStore;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The trace list's search, {@code GET /api/traces?...} ({@link TraceSearch}), one filter at a time. The
 * store is shared with the other tests of this context: every test's traces carry a tag of their own
 * ({@code search.case}), and every request but the one about tags asks for it beside the filter tested.
 *
 * <pre>{@code
 * trace ...5e0N  shop      get /checkout   server  N ms long      search.case=<test>
 * +-- shop  charge  client -> <callee>                            (+ the test's own tags)
 * }</pre>
 */
@WebMvcTest(properties = "tracer.breaks.settle=0s")
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class TraceSearchApiTests {

	/** 2026-05-28 in epoch microseconds: settled long before now, before the break tests' spans. */
	private static final long START = 1_780_000_000_000_000L;

	private static final Endpoint SHOP = Endpoint.newBuilder().serviceName("shop").build();

	@Autowired
	private MockMvc mvc;

	/** The guarded store every intake writes through: it tells the break analysis of each batch. */
	@Autowired
	private SpanStore store;

	private static String traceId(int n) {
		return String.format("4bf92f3577b34da60000000000005e%02x", n);
	}

	/** A trace of this test's: the root and its call, each with the case tag; `extra` goes on the call. */
	private void trace(String testCase, int n, long start, long durationMicros, String callee, String... extra) {
		Span.Builder call = Span.newBuilder().traceId(traceId(n)).id(String.format("00000000005e%02x02", n))
			.parentId(String.format("00000000005e%02x01", n)).name("charge").kind(Span.Kind.CLIENT).localEndpoint(SHOP)
			.timestamp(start + 1).duration(durationMicros / 2).putTag("search.case", testCase);
		if (callee != null) {
			call.remoteEndpoint(Endpoint.newBuilder().serviceName(callee).build());
		}
		for (String tag : extra) {
			call.putTag(tag.substring(0, tag.indexOf('=')), tag.substring(tag.indexOf('=') + 1));
		}
		Span root = Span.newBuilder().traceId(traceId(n)).id(String.format("00000000005e%02x01", n)).name("get /checkout")
			.kind(Span.Kind.SERVER).localEndpoint(SHOP).timestamp(start).duration(durationMicros)
			.putTag("search.case", testCase).build();
		store.accept(List.of(root, call.build()));
	}

	private MockHttpServletRequestBuilder search(String testCase) {
		return get("/api/traces").param("limit", "1000").param("tag", "search.case=" + testCase);
	}

	private void expectListed(MockHttpServletRequestBuilder request, int... traces) throws Exception {
		List<String> ids = new ArrayList<>();
		for (int n : traces) {
			ids.add(traceId(n));
		}
		mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.traces[*].trace_id", containsInAnyOrder(ids.toArray())));
	}

	private void expectNone(MockHttpServletRequestBuilder request) throws Exception {
		mvc.perform(request).andExpect(status().isOk()).andExpect(jsonPath("$.traces").isEmpty());
	}

	@Test
	void spanName_anySpanOfTheTrace() throws Exception {
		trace("name", 1, START, 100_000, null);

		expectListed(search("name").param("span_name", "charge"), 1);
		expectListed(search("name").param("span_name", "Get /Checkout"), 1);
		expectNone(search("name").param("span_name", "refund"));
		expectListed(search("name").param("service", "shop").param("span_name", "charge"), 1);
		expectNone(search("name").param("service", "payments").param("span_name", "charge"));
	}

	@Test
	void remoteService_theCalleeOfACall() throws Exception {
		trace("remote", 2, START, 100_000, "payments");
		trace("remote", 3, START, 100_000, null, "db.system=mysql");

		expectListed(search("remote").param("remote_service", "payments"), 2);
		expectListed(search("remote").param("remote_service", "mysql"), 3);
		expectNone(search("remote").param("remote_service", "shop"));
	}

	@Test
	void tags_severalAllMet_keyAloneAnyValue() throws Exception {
		trace("tags", 4, START, 100_000, null, "http.status_code=500", "error=declined");
		trace("tags", 5, START, 100_000, null, "http.status_code=200");

		// search.case=tags is itself a tag: with it, the request has two or three
		expectListed(search("tags").param("tag", "http.status_code"), 4, 5);
		expectListed(search("tags").param("tag", "http.status_code=500"), 4);
		expectListed(search("tags").param("tag", "http.status_code=500", "error"), 4);
		expectNone(search("tags").param("tag", "http.status_code=200", "error"));
		expectListed(get("/api/traces").param("tag", "search.case=tags"), 4, 5);
	}

	@Test
	void duration_minAndMax_microseconds_boundsIncluded() throws Exception {
		trace("duration", 6, START, 100_000, null);
		trace("duration", 7, START, 300_000, null);

		expectListed(search("duration").param("min_duration", "100000"), 6, 7);
		expectListed(search("duration").param("min_duration", "100001"), 7);
		expectListed(search("duration").param("max_duration", "299999"), 6);
		expectListed(search("duration").param("min_duration", "100000").param("max_duration", "300000"), 6, 7);
	}

	@Test
	void time_fromAndTo_isoInstants() throws Exception {
		trace("time", 8, START, 1000, null);
		trace("time", 9, START + 3_600_000_000L, 1000, null);
		// 2026-05-28T20:26:40Z is START
		expectListed(search("time").param("from", "2026-05-28T20:26:40Z"), 8, 9);
		expectListed(search("time").param("from", "2026-05-28T20:26:40.001Z"), 9);
		expectListed(search("time").param("to", "2026-05-28T20:30:00Z"), 8);
		expectListed(search("time").param("from", "2026-05-28T20:00:00Z").param("to", "2026-05-28T21:26:40Z"), 8, 9);
		expectListed(search("time").param("from", "2026-05-28T22:00:00+02:00").param("to", "2026-05-28T22:30:00+02:00"), 8);
	}

	@Test
	void time_since_countsBackFromNow() throws Exception {
		long now = System.currentTimeMillis() * 1000;
		trace("since", 10, now - 30 * 60_000_000L, 1000, null);
		trace("since", 11, now - 5 * 60_000_000L, 1000, null);

		expectListed(search("since").param("since", "15m"), 11);
		expectListed(search("since").param("since", "1h"), 10, 11);
		expectListed(search("since").param("since", "1d"), 10, 11);
		expectNone(search("since").param("since", "60s"));
	}

	@Test
	void errorsAndIncomplete() throws Exception {
		trace("flags", 12, START, 1000, null, "error=declined");
		trace("flags", 13, START, 1000, null);
		// an orphan: its parent never arrived
		store.accept(List.of(Span.newBuilder().traceId(traceId(14)).id("00000000005e0e02").parentId("00000000005e0e01")
			.name("late").localEndpoint(SHOP).timestamp(START).duration(10).putTag("search.case", "flags").build()));

		expectListed(search("flags").param("errors", "true"), 12);
		expectListed(search("flags").param("incomplete", "true"), 14);
		expectListed(search("flags").param("errors", "false").param("incomplete", "false"), 12, 13, 14);
	}

	/** A call whose traceparent the callee refused: the caller's trace and the callee's each have a break. */
	@Test
	void breaks_tracesTheBreakAnalysisFoundABreakIn() throws Exception {
		String sent = "00-" + traceId(15).toUpperCase() + "-00000000005e0f02-01";
		trace("breaks", 15, START, 100_000, null, TraceTags.TRACEPARENT_SENT + "=" + sent, "http.url=http://localhost:8081/pay");
		store.accept(List.of(Span.newBuilder().traceId(traceId(16)).id("00000000005e1001").name("post /pay")
			.kind(Span.Kind.SERVER).localEndpoint(Endpoint.newBuilder().serviceName("localhost").build())
			.timestamp(START + 10).duration(20_000).putTag("search.case", "breaks")
			.putTag(TraceTags.TRACEPARENT_RECEIVED, sent).putTag(TraceTags.TRACEPARENT_VALID, "false").build()));
		trace("breaks", 17, START, 1000, null);

		expectListed(search("breaks").param("breaks", "true"), 15, 16);
		expectListed(search("breaks"), 15, 16, 17);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"tag | =oops | tag: expected key=value or key (a key alone: the tag with any value), found \"=oops\"",
			"since | 15 minutes | since: expected a time before now, a number and s, m, h or d (15m, 1h, 1d), found \"15 minutes\"",
			"since | 0m | since: expected a time before now, a number and s, m, h or d (15m, 1h, 1d), found \"0m\"",
			"from | yesterday | from: expected an ISO-8601 instant such as 2026-12-07T09:00:00Z, found \"yesterday\"",
			"to | 2026-12-07 | to: expected an ISO-8601 instant such as 2026-12-07T09:00:00Z, found \"2026-12-07\"",
			"min_duration | -1 | min_duration: expected microseconds, 0 or more, found -1",
			"min_duration | 1ms | min_duration: expected a number",
			"max_duration | fast | max_duration: expected a number",
			"errors | sure | errors: expected true or false",
			"breaks | maybe | breaks: expected true or false",
			"incomplete | 1x | incomplete: expected true or false" })
	void badValue_is400NamingTheParameterAndItsForm(String parameter, String value, String detail) throws Exception {
		expectProblem(mvc.perform(get("/api/traces").param(parameter, value)), 400, detail);
	}

	@Test
	void badCombinations_are400() throws Exception {
		expectProblem(mvc.perform(get("/api/traces").param("min_duration", "500").param("max_duration", "499")), 400,
				"max_duration: expected microseconds, at least min_duration (500), found 499");
		expectProblem(mvc.perform(get("/api/traces").param("since", "1h").param("from", "2026-05-28T20:00:00Z")), 400,
				"since: expected either since or from and to, not both");
		expectProblem(mvc.perform(get("/api/traces").param("from", "2026-05-28T21:00:00Z").param("to", "2026-05-28T20:00:00Z")),
				400, "to: expected an instant at or after from (2026-05-28T21:00:00Z), found 2026-05-28T20:00:00Z");
		List<String> tags = new ArrayList<>();
		for (int i = 0; i <= TraceSearch.MAX_TAGS; i++) {
			tags.add("k" + i);
		}
		expectProblem(mvc.perform(get("/api/traces").param("tag", tags.toArray(String[]::new))), 400,
				"tag: expected at most 20 tags, found 21");
	}

}
