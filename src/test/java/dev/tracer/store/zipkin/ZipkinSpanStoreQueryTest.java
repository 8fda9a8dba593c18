package dev.tracer.store.zipkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.client.ResponseActions;
import org.springframework.test.web.client.ResponseCreator;
import org.springframework.web.client.RestClient;

import dev.tracer.store.TraceQuery;
import dev.tracer.store.TraceSummary;
import dev.tracer.testing.TestObjects;

import static dev.tracer.store.TraceQuery.ANY_DURATION;
import static dev.tracer.store.TraceQuery.ANY_START_FROM;
import static dev.tracer.store.TraceQuery.ANY_START_TO;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.queryParam;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.queryParamCount;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * What {@link ZipkinSpanStore} asks of Zipkin's {@code GET /api/v2/traces} for a search, seen by a fake
 * Zipkin (Spring's MockRestServiceServer behind the store's own RestClient): the parameters Zipkin
 * answers by tracer's rule are sent, encoded; the others are not, and tracer checks what comes back.
 * (Zipkin's own answers to these parameters are exercised against a real server by the store contract
 * test with {@code -Pzipkin}.)
 */
class ZipkinSpanStoreQueryTest {

	/** An hour after TestObjects.TODAY, in epoch milliseconds. */
	private static final long NOW_MILLIS = TODAY / 1000 + 3_600_000L;

	private static final long LOOKBACK_MILLIS = Duration.ofDays(1).toMillis();

	private MockRestServiceServer zipkin;

	private ZipkinSpanStore store;

	@BeforeEach
	void fakeZipkin() {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://zipkin.test:9411");
		zipkin = MockRestServiceServer.bindTo(builder).build();
		store = new ZipkinSpanStore(builder.build(), "http://zipkin.test:9411", Duration.ofDays(1),
				Clock.fixed(Instant.ofEpochMilli(NOW_MILLIS), ZoneOffset.UTC));
	}

	private static TraceQuery query(String service, String spanName, String remote, List<String> tags, long min,
			long from, long to, boolean errors) {
		return new TraceQuery(5, service, spanName, remote, tags.stream().map(TraceQuery.Tag::parse).toList(), min,
				ANY_DURATION, from, to, errors, false, null);
	}

	/** The one request each test expects: a search, Zipkin's {@code GET /api/v2/traces}. */
	private ResponseActions expectSearch() {
		return zipkin.expect(requestTo(startsWith("http://zipkin.test:9411/api/v2/traces")));
	}

	/** Zipkin's answer to a search: the traces, each a list of spans in its JSON v2. */
	private static ResponseCreator answer(List<List<Span>> traces) {
		StringBuilder json = new StringBuilder("[");
		for (List<Span> trace : traces) {
			json.append((json.length() > 1) ? "," : "").append(new String(SpanBytesEncoder.JSON_V2.encodeList(trace)));
		}
		return withSuccess(json.append(']').toString(), MediaType.APPLICATION_JSON);
	}

	@Test
	void newest_onlyTheWindowAndTheLimit() {
		expectSearch()
			.andExpect(method(HttpMethod.GET))
			.andExpect(queryParam("endTs", String.valueOf(NOW_MILLIS)))
			.andExpect(queryParam("lookback", String.valueOf(LOOKBACK_MILLIS)))
			.andExpect(queryParam("limit", "5"))
			.andExpect(queryParamCount(3))
			.andRespond(answer(List.of(TestObjects.TRACE)));

		assertThat(store.recentTraces(TraceQuery.newest(5))).extracting(TraceSummary::traceId)
			.containsExactly(TestObjects.TRACE_ID);
		zipkin.verify();
	}

	@Test
	void serviceSpanNameAndTags_areAskedOfZipkin_encoded_andTheLimitIsTheSearchs() {
		expectSearch()
			.andExpect(queryParam("serviceName", "backend"))
			.andExpect(queryParam("spanName", "get%20%2Fapi"))
			.andExpect(queryParam("annotationQuery", "error%3Dtimeout%20and%20http.url%3D%2Fa%3Fb%3Dc%26d%2Be"))
			// Zipkin answers all of it by tracer's rule: it is asked for no more than the limit
			.andExpect(queryParam("limit", "5"))
			.andExpect(queryParamCount(6))
			.andRespond(answer(List.of()));

		store.recentTraces(query("Backend", "get /api", null, List.of("error=timeout", "http.url=/a?b=c&d+e"), 0,
				ANY_START_FROM, ANY_START_TO, false));
		zipkin.verify();
	}

	@Test
	void timeRange_isTheWindow_roundedOutwards_andTracerChecksTheStart() {
		long from = TODAY - 1500; // µs: 1.5 ms before TODAY
		long to = TODAY + 400_500;
		expectSearch()
			.andExpect(queryParam("endTs", String.valueOf((TODAY + 401_000) / 1000)))
			.andExpect(queryParam("lookback", String.valueOf((TODAY + 401_000 - (TODAY - 2000)) / 1000)))
			// Zipkin dates a trace by its root span, tracer by its earliest span: tracer checks, so it asks for more
			.andExpect(queryParam("limit", String.valueOf(ZipkinSpanStore.MAX_LISTED_TRACES)))
			.andExpect(queryParamCount(3))
			.andRespond(answer(List.of(TestObjects.call(traceId(2)), TestObjects.call(traceId(1)).stream()
				.map((span) -> span.toBuilder().timestamp(span.timestampAsLong() - 10_000).build())
				.toList())));

		List<TraceSummary> listed = store.recentTraces(query(null, null, null, List.of(), 0, from, to, false));

		// trace 1 began 10 ms before the range: Zipkin's window held it, tracer's rule does not
		assertThat(listed).extracting(TraceSummary::traceId).containsExactly(traceId(2));
		zipkin.verify();
	}

	@Test
	void remoteServiceDurationAndErrors_areNotAskedOfZipkin_butCheckedHere() {
		expectSearch()
			.andExpect(queryParam("serviceName", "frontend"))
			.andExpect(queryParam("limit", String.valueOf(ZipkinSpanStore.MAX_LISTED_TRACES)))
			.andExpect(queryParamCount(4))
			.andRespond(answer(List.of(TestObjects.TRACE, TestObjects.call(traceId(3)))));

		// both have a frontend span that called the backend and an error; only TRACE called the database
		List<TraceSummary> listed = store.recentTraces(query("frontend", null, "db", List.of(), 300_000,
				ANY_START_FROM, ANY_START_TO, true));

		assertThat(listed).isEmpty();
		zipkin.verify();
	}

	@Test
	void remoteService_checkedHereByCalleesRule() {
		expectSearch()
			.andExpect(queryParamCount(3))
			.andRespond(answer(List.of(TestObjects.TRACE, TestObjects.call(traceId(3)))));

		List<TraceSummary> listed = store.recentTraces(query(null, null, "db", List.of(), 0, ANY_START_FROM,
				ANY_START_TO, false));

		assertThat(listed).extracting(TraceSummary::traceId).containsExactly(TestObjects.TRACE_ID);
		zipkin.verify();
	}

	/**
	 * Zipkin is asked for {@code error} alone: a tag key alone is asked of Zipkin, which also matches it
	 * against annotations, so tracer checks; a tag Zipkin cannot say is left out, and checked here (Zipkin
	 * splits its annotationQuery at " and " and trims each term).
	 */
	@ParameterizedTest
	@MethodSource("tagSearches")
	void tags_onlyWhatZipkinCanSayIsAsked(List<String> tags) {
		expectSearch().andExpect(queryParam("annotationQuery", "error"))
			.andExpect(queryParam("limit", String.valueOf(ZipkinSpanStore.MAX_LISTED_TRACES)))
			.andRespond(answer(List.of()));

		store.recentTraces(query(null, null, null, tags, 0, ANY_START_FROM, ANY_START_TO, false));
		zipkin.verify();
	}

	static List<Arguments> tagSearches() {
		return List.of(
				argumentSet("tagKeyAlone_askedOfZipkin_whichAlsoMatchesAnnotations_soTracerChecks", List.of("error")),
				argumentSet("tagZipkinCannotSay_isLeftOut_andCheckedHere",
						List.of("error", "note=this and that", "pad= x ")));
	}

	@Test
	void traceIds_filteredHere() {
		expectSearch()
			.andExpect(queryParamCount(3))
			.andRespond(answer(List.of(TestObjects.call(traceId(2)), TestObjects.call(traceId(1)))));

		List<TraceSummary> listed = store.recentTraces(new TraceQuery(5, null, null, null, List.of(), 0, ANY_DURATION,
				ANY_START_FROM, ANY_START_TO, false, false, Set.of(traceId(1))));

		assertThat(listed).extracting(TraceSummary::traceId).containsExactly(traceId(1));
		zipkin.verify();
	}

}
