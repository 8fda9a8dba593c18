package dev.tracer.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zipkin2.Span;

import static dev.tracer.store.TraceQuery.ANY_DURATION;
import static dev.tracer.store.TraceQuery.ANY_START_FROM;
import static dev.tracer.store.TraceQuery.ANY_START_TO;
import static dev.tracer.testing.TestObjects.BACKEND_SPAN;
import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.DB_SPAN;
import static dev.tracer.testing.TestObjects.FRONTEND;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.TRACE;
import static dev.tracer.testing.TestObjects.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TraceQuery}: the one rule every store lists by. Unless a test says otherwise the trace is
 * {@code TestObjects.TRACE}:
 *
 * <pre>{@code
 * frontend  get /hello  server  0 ms .. 350 ms         http.method=GET
 * +-- frontend  get /api  client  50 .. 250  -> backend   http.method=GET http.path=/api
 *     +-- backend  get /api  server  100 .. 250
 *         +-- backend  query  client  150 .. 200  -> db   error=timeout
 * }</pre>
 */
class TraceQueryTest {

	private static TraceQuery query(String service, String spanName, String remoteService, String... tags) {
		List<TraceQuery.Tag> parsed = new ArrayList<>();
		for (String tag : tags) {
			parsed.add(TraceQuery.Tag.parse(tag));
		}
		return new TraceQuery(10, service, spanName, remoteService, parsed, 0, ANY_DURATION, ANY_START_FROM,
				ANY_START_TO, false, false, null);
	}

	private static TraceQuery times(long minDuration, long maxDuration, long from, long to) {
		return new TraceQuery(10, null, null, null, List.of(), minDuration, maxDuration, from, to, false, false, null);
	}

	private static boolean matches(TraceQuery query, List<Span> spans) {
		return query.matches(TraceSummary.of(spans.get(0).traceId(), spans), spans);
	}

	@Test
	void newest_matchesEveryTrace() {
		assertThat(matches(TraceQuery.newest(10), TRACE)).isTrue();
		assertThat(TraceQuery.newest(10).filtered()).isFalse();
		assertThat(query("backend", null, null).filtered()).isTrue();
	}

	/**
	 * The service, the span name and the remote service, each alone and with the service, against
	 * {@code TRACE}; an empty column asks nothing of that field.
	 */
	@ParameterizedTest
	@CsvSource(textBlock = """
			# service: a span of the local service; db is only called, no span of the trace was recorded by it
			backend,    ,           ,         true
			BACKEND,    ,           ,         true
			 frontend , ,           ,         true
			db,         ,           ,         false
			payments,   ,           ,         false
			# span name: the whole name, ignoring case
			,           query,      ,         true
			,           Get /API,   ,         true
			,           get /hello, ,         true
			,           get,        ,         false
			,           select,     ,         false
			# the service constrains the span name, as Zipkin does
			backend,    query,      ,         true
			frontend,   query,      ,         false
			frontend,   get /api,   ,         true
			backend,    get /hello, ,         false
			# remote service: the callee of a client span
			,           ,           db,       true
			,           ,           DB,       true
			,           ,           backend,  true
			,           ,           frontend, false
			,           ,           payments, false
			# the service constrains the remote service
			backend,    ,           db,       true
			frontend,   ,           db,       false
			frontend,   ,           backend,  true
			""")
	void serviceSpanNameAndRemoteService(String service, String spanName, String remote, boolean listed) {
		assertThat(matches(query(service, spanName, remote), TRACE)).isEqualTo(listed);
	}

	@Test
	void remoteService_aServerSpansRemoteEndpointIsItsCaller_notACallee() {
		List<Span> spans = List.of(SERVER_SPAN, CLIENT_SPAN, BACKEND_SPAN.toBuilder().remoteEndpoint(FRONTEND).build());

		assertThat(matches(query(null, null, "frontend"), spans)).isFalse();
	}

	@Test
	void remoteService_namedByPeerService_asCalleeReadsIt() {
		Span call = CLIENT_SPAN.toBuilder().remoteEndpoint(null).putTag("peer.service", "payments").build();

		assertThat(matches(query(null, null, "payments"), List.of(SERVER_SPAN, call))).isTrue();
	}

	@Test
	void remoteService_namedByDbSystem_asCalleeReadsIt() {
		Span call = DB_SPAN.toBuilder().remoteEndpoint(null).putTag("db.system", "mysql").build();

		assertThat(matches(query(null, null, "mysql"), List.of(SERVER_SPAN, CLIENT_SPAN, BACKEND_SPAN, call))).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "error | true", "error=timeout | true", "error=Timeout | false", "error=boom | false",
			"http.path=/api | true", "http.path | true", "retry | false", "error= | false" })
	void tag_keyAloneIsAnyValue_keyValueExact(String tag, boolean listed) {
		assertThat(matches(query(null, null, null, tag), TRACE)).isEqualTo(listed);
	}

	@Test
	void tags_allMustBeMet_eachByAnySpan() {
		// http.method is the frontend's, error the backend's query
		assertThat(matches(query(null, null, null, "http.method=GET", "error=timeout"), TRACE)).isTrue();
		assertThat(matches(query(null, null, null, "http.method=GET", "error=boom"), TRACE)).isFalse();
	}

	@Test
	void tags_constrainedByTheService() {
		assertThat(matches(query("backend", null, null, "error"), TRACE)).isTrue();
		assertThat(matches(query("frontend", null, null, "error"), TRACE)).isFalse();
	}

	@Test
	void tag_parse_splitsAtTheFirstEquals() {
		assertThat(TraceQuery.Tag.parse("http.url=/a?b=c")).isEqualTo(new TraceQuery.Tag("http.url", "/a?b=c"));
		assertThat(TraceQuery.Tag.parse("k=")).isEqualTo(new TraceQuery.Tag("k", ""));
		assertThat(TraceQuery.Tag.parse("k")).isEqualTo(new TraceQuery.Tag("k", null));
		assertThatIllegalArgumentException().isThrownBy(() -> TraceQuery.Tag.parse("=v")).withMessageContaining("key");
	}

	@ParameterizedTest
	@CsvSource({ "350000, " + Long.MAX_VALUE + ", true", "350001, " + Long.MAX_VALUE + ", false", "0, 350000, true",
			"0, 349999, false", "100, 400000, true" })
	void duration_theTracesFromFirstStartToLastEnd(long min, long max, boolean listed) {
		assertThat(matches(times(min, max, ANY_START_FROM, ANY_START_TO), TRACE)).isEqualTo(listed);
	}

	@Test
	void start_theTracesEarliestTimestamp_boundsIncluded() {
		assertThat(matches(times(0, ANY_DURATION, TODAY, ANY_START_TO), TRACE)).isTrue();
		assertThat(matches(times(0, ANY_DURATION, TODAY + 1, ANY_START_TO), TRACE)).isFalse();
		assertThat(matches(times(0, ANY_DURATION, ANY_START_FROM, TODAY), TRACE)).isTrue();
		assertThat(matches(times(0, ANY_DURATION, ANY_START_FROM, TODAY - 1), TRACE)).isFalse();
		assertThat(matches(times(0, ANY_DURATION, TODAY - 1000, TODAY + 1000), TRACE)).isTrue();
	}

	@Test
	void start_unknown_matchesNoTimeRange() {
		List<Span> untimed = List.of(Span.newBuilder().traceId(TRACE_ID).id("0000000000000001").build());

		assertThat(matches(times(0, ANY_DURATION, ANY_START_FROM, ANY_START_TO), untimed)).isTrue();
		assertThat(matches(times(0, ANY_DURATION, ANY_START_FROM, TODAY), untimed)).isFalse();
	}

	@Test
	void errorsOnly_aSpanWithAnErrorTag() {
		TraceQuery errors = new TraceQuery(10, null, 0, true);

		assertThat(matches(errors, TRACE)).isTrue();
		assertThat(matches(errors, List.of(SERVER_SPAN, CLIENT_SPAN))).isFalse();
	}

	@Test
	void incompleteOnly_anOrphan() {
		TraceQuery incomplete = new TraceQuery(10, null, null, null, List.of(), 0, ANY_DURATION, ANY_START_FROM,
				ANY_START_TO, false, true, null);

		assertThat(matches(incomplete, TRACE)).isFalse();
		// without the frontend's server span, its client span's parent is absent
		assertThat(matches(incomplete, List.of(CLIENT_SPAN, BACKEND_SPAN, DB_SPAN))).isTrue();
	}

	@Test
	void traceIds_onlyThose_comparedInW3cForm() {
		String shortId = "a1b2c3d4e5f60718";
		List<Span> shortTrace = List.of(Span.newBuilder().traceId(shortId).id("0000000000000001").timestamp(TODAY).build());
		TraceQuery among = new TraceQuery(10, null, null, null, List.of(), 0, ANY_DURATION, ANY_START_FROM, ANY_START_TO,
				false, false, Set.of("0000000000000000" + shortId));

		assertThat(matches(among, shortTrace)).isTrue();
		assertThat(matches(among, TRACE)).isFalse();
	}

	@Test
	void constructor_refusesEmptyRanges() {
		assertThatIllegalArgumentException().isThrownBy(() -> times(10, 9, ANY_START_FROM, ANY_START_TO))
			.withMessageContaining("maxDurationMicros");
		assertThatIllegalArgumentException().isThrownBy(() -> times(0, ANY_DURATION, TODAY, TODAY - 1))
			.withMessageContaining("startToMicros");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceQuery.newest(-1)).withMessageContaining("limit");
	}

	@Test
	void withLimit_keepsTheFilters() {
		TraceQuery query = query("backend", "query", "db", "error");

		assertThat(query.withLimit(3)).isEqualTo(new TraceQuery(3, "backend", "query", "db",
				List.of(new TraceQuery.Tag("error", null)), 0, ANY_DURATION, ANY_START_FROM, ANY_START_TO, false, false, null));
	}

}
