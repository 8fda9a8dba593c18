package dev.tracer.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import dev.tracer.core.context.TraceId;
import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.BACKEND_SPAN;
import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.DB_SPAN;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.TRACE;
import static dev.tracer.testing.TestObjects.TRACE_ID;
import static dev.tracer.testing.TestObjects.call;
import static dev.tracer.testing.TestObjects.span;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link SpanStore} does, whatever keeps the spans. A store test extends this and says how
 * to make a store; traces in Javadoc are listed oldest first, by first arrival.
 */
abstract class SpanStoreContractTest {

	/** Big enough that no test here evicts unless it means to. */
	static final int ROOMY = 10_000;

	abstract SpanStore newStore(int maxSpans);

	/**
	 * What the in-memory store does that another store, by design, does differently. A store names its
	 * differences in {@link #differences()}; a test that relies on the in-memory behaviour says so in its
	 * first line, and each difference has its own named tests, at the end of this class, that pin what
	 * the store does instead. Nothing is asserted more loosely for one store than for another.
	 */
	enum Difference {

		/**
		 * Zipkin keeps the spans of a trace in a set per millisecond of start: a span reported twice with
		 * identical content is stored once. (A span that differs in anything is kept beside the other.)
		 */
		MERGES_IDENTICAL_SPANS,

		/**
		 * Zipkin lists traces newest first by span timestamp, ties by trace id descending, and only
		 * within its {@code endTs - lookback} window, so a trace without timestamps is never listed; a
		 * late span with a later timestamp makes its trace newer. The in-memory store lists by arrival.
		 */
		LISTS_BY_TIMESTAMP,

		/**
		 * Zipkin bounds itself ({@code MEM_MAX_SPANS}, or the retention of Cassandra or Elasticsearch
		 * behind it) and its API has no counts: {@code maxSpans} does not apply and the store's stats
		 * count only the spans it sent.
		 */
		BOUND_AND_COUNTS_ELSEWHERE

	}

	/** The in-memory store has none; a Zipkin store has all. */
	Set<Difference> differences() {
		return Set.of();
	}

	/** Traces that arrive one after another, in the order given: trace n as one root span, span n, at TODAY. */
	private static void arrive(SpanStore store, int... traces) {
		for (int n : traces) {
			store.accept(List.of(span(traceId(n), n, null, TODAY)));
		}
	}

	private void assumeTheStoreDoesNot(Difference difference) {
		assumeFalse(differences().contains(difference), () -> getClass().getSimpleName() + ": " + difference);
	}

	private void assumeTheStore(Difference difference) {
		assumeTrue(differences().contains(difference), () -> getClass().getSimpleName() + ": not " + difference);
	}

	@Test
	void trace_afterAccept_spansInArrivalOrder() {
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(DB_SPAN, SERVER_SPAN));
		store.accept(List.of(BACKEND_SPAN, CLIENT_SPAN));

		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).containsExactly(DB_SPAN, SERVER_SPAN, BACKEND_SPAN, CLIENT_SPAN);
	}

	/** The root of trace 2, which {@link #twoTracesInTwoBatches()} sends between two spans of TRACE. */
	private static final Span OTHER_ROOT = span(traceId(2), 1, null, TODAY);

	/** TRACE's database and server spans, then trace 2's root with TRACE's backend span. */
	private SpanStore twoTracesInTwoBatches() {
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(DB_SPAN, SERVER_SPAN));
		store.accept(List.of(OTHER_ROOT, BACKEND_SPAN));
		return store;
	}

	@Test
	void spans_everyTraceOldestFirst_eachInArrivalOrder() {
		assumeTheStoreDoesNot(Difference.LISTS_BY_TIMESTAMP);

		assertThat(twoTracesInTwoBatches().spans()).containsExactly(DB_SPAN, SERVER_SPAN, BACKEND_SPAN, OTHER_ROOT);
	}

	/**
	 * {@link Difference#LISTS_BY_TIMESTAMP}: every span of every trace, each once; the order is the
	 * store's own (traces by timestamp, spans as the server returns them), so only what is held is compared.
	 */
	@Test
	void spans_everySpanOfEveryTrace_whereTheStoreListsByTimestamp() {
		assumeTheStore(Difference.LISTS_BY_TIMESTAMP);

		assertThat(twoTracesInTwoBatches().spans()).containsExactlyInAnyOrder(DB_SPAN, SERVER_SPAN, BACKEND_SPAN,
				OTHER_ROOT);
	}

	@Test
	void spans_empty_empty() {
		assertThat(newStore(ROOMY).spans()).isEmpty();
	}

	@Test
	void trace_unknownId_empty() {
		SpanStore store = newStore(ROOMY);
		store.accept(TRACE);

		assertThat(store.trace(TraceId.parseHex(traceId(404)))).isEmpty();
	}

	@Test
	void trace_uppercaseId_found() {
		SpanStore store = newStore(ROOMY);
		store.accept(TRACE);

		assertThat(store.trace(TraceId.parseHex(TRACE_ID.toUpperCase(Locale.ROOT)))).containsExactlyElementsOf(TRACE);
	}

	@Test
	void trace_64BitId_found() {
		SpanStore store = newStore(ROOMY);
		Span span = span("a3ce929d0e0e4736", 1, null, TODAY);
		store.accept(List.of(span));

		assertThat(store.trace(TraceId.parseHex("A3CE929D0E0E4736"))).containsExactly(span);
	}

	/**
	 * A W3C id whose high half is zero is one Zipkin files under its low 16 hex
	 * ({@code Span.normalizeTraceId}); asked for by the 32 hex the trace was sent with, it is found.
	 */
	@Test
	void trace_w3cIdWithZeroHighHalf_foundByEitherForm() {
		SpanStore store = newStore(ROOMY);
		Span span = span("0000000000000000a3ce929d0e0e4736", 1, null, TODAY);
		store.accept(List.of(span));

		assertThat(store.trace(TraceId.parseHex("0000000000000000a3ce929d0e0e4736"))).containsExactly(span);
		assertThat(store.trace(TraceId.parseHex("a3ce929d0e0e4736"))).containsExactly(span);
	}

	@Test
	void trace_null_throws() {
		SpanStore store = newStore(ROOMY);

		assertThatNullPointerException().isThrownBy(() -> store.trace(null));
	}

	/** A caller holding the result must not see, or make, later changes. */
	@Test
	void trace_returnsSnapshot() {
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(SERVER_SPAN));
		List<Span> before = store.trace(TraceId.parseHex(TRACE_ID));

		store.accept(List.of(CLIENT_SPAN));

		assertThat(before).containsExactly(SERVER_SPAN);
		assertThatThrownBy(() -> before.add(CLIENT_SPAN)).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void accept_duplicates_keptAsReceived() {
		assumeTheStoreDoesNot(Difference.MERGES_IDENTICAL_SPANS);
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(SERVER_SPAN, SERVER_SPAN));
		store.accept(List.of(SERVER_SPAN));

		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).containsExactly(SERVER_SPAN, SERVER_SPAN, SERVER_SPAN);
		assertThat(store.stats().spansStored()).isEqualTo(3);
		assertThat(store.recentTraces(1).get(0).spanCount()).isEqualTo(3);
	}

	@Test
	void accept_severalTracesInOneBatch_groupedByTrace() {
		SpanStore store = newStore(ROOMY);
		Span a1 = span(traceId(1), 1, null, TODAY);
		Span b1 = span(traceId(2), 2, null, TODAY);
		Span a2 = span(traceId(1), 3, 1L, TODAY + 1);

		store.accept(List.of(a1, b1, a2));

		assertThat(store.trace(TraceId.parseHex(traceId(1)))).containsExactly(a1, a2);
		assertThat(store.trace(TraceId.parseHex(traceId(2)))).containsExactly(b1);
	}

	@Test
	void stats_severalTracesInOneBatch_countsEach() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(ROOMY);

		store.accept(List.of(span(traceId(1), 1, null, TODAY), span(traceId(2), 2, null, TODAY),
				span(traceId(1), 3, 1L, TODAY + 1)));

		assertThat(counts(store.stats())).isEqualTo(new StoreStats(3, 3, 2, 0, 0, ROOMY));
	}

	@Test
	void accept_empty_changesNothing() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(ROOMY);

		store.accept(List.of());

		assertThat(counts(store.stats())).isEqualTo(new StoreStats(0, 0, 0, 0, 0, ROOMY));
	}

	@Test
	void accept_null_throws() {
		SpanStore store = newStore(ROOMY);

		assertThatNullPointerException().isThrownBy(() -> store.accept(null));
	}

	@Test
	void accept_nullElement_storesNothingOfTheBatch() {
		SpanStore store = newStore(ROOMY);
		List<Span> spans = new ArrayList<>(List.of(SERVER_SPAN));
		spans.add(null);

		assertThatNullPointerException().isThrownBy(() -> store.accept(spans)).withMessage("spans[1] == null");
		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).isEmpty();
		assertThat(store.stats().spansAccepted()).isZero();
	}

	@Test
	void stats_new_zeroesAndBound() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		assertThat(counts(newStore(7).stats())).isEqualTo(new StoreStats(0, 0, 0, 0, 0, 7));
	}

	@Test
	void recentTraces_newestFirst() {
		assumeTheStoreDoesNot(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		arrive(store, 1, 2, 3);

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId)
			.containsExactly(traceId(3), traceId(2), traceId(1));
	}

	/** Newest by first arrival, not by timestamp: a trace that started long ago but arrived last is newest. */
	@Test
	void recentTraces_byArrivalNotTimestamp() {
		assumeTheStoreDoesNot(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(span(traceId(1), 1, null, TODAY + 1_000_000)));
		store.accept(List.of(span(traceId(2), 2, null, TODAY)));

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(traceId(2), traceId(1));
	}

	/** trace 1, trace 2, then a late span of trace 1: trace 1 keeps its place as the older. */
	@Test
	void recentTraces_lateSpan_doesNotMakeTraceNewer() {
		assumeTheStoreDoesNot(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		arrive(store, 1, 2);
		store.accept(List.of(span(traceId(1), 3, 1L, TODAY)));

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(traceId(2), traceId(1));
	}

	@Test
	void recentTraces_limit() {
		assumeTheStoreDoesNot(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		arrive(store, 1, 2, 3, 4, 5);

		assertThat(store.recentTraces(2)).extracting(TraceSummary::traceId).containsExactly(traceId(5), traceId(4));
		assertThat(store.recentTraces(0)).isEmpty();
		assertThat(store.recentTraces(Integer.MAX_VALUE)).hasSize(5);
	}

	@Test
	void recentTraces_negativeLimit_throws() {
		SpanStore store = newStore(ROOMY);

		assertThatIllegalArgumentException().isThrownBy(() -> store.recentTraces(-1)).withMessageContaining("limit");
	}

	@Test
	void recentTraces_empty() {
		assertThat(newStore(ROOMY).recentTraces(10)).isEmpty();
	}

	private static TraceQuery search(String service, String spanName, String remoteService, String... tags) {
		return new TraceQuery(10, service, spanName, remoteService,
				java.util.Arrays.stream(tags).map(TraceQuery.Tag::parse).toList(), 0, TraceQuery.ANY_DURATION,
				TraceQuery.ANY_START_FROM, TraceQuery.ANY_START_TO, false, false, null);
	}

	/**
	 * {@link TestObjects#TRACE} and {@link TestObjects#call} under trace 2: the same call without the
	 * database's span, its error on the backend's server span. A search lists by one rule in every store
	 * ({@link TraceQuery}), whatever part of it the store's backend answers.
	 */
	@Test
	void recentTraces_search_spanNameTagsAndRemoteService_oneRuleInEveryStore() {
		SpanStore store = newStore(ROOMY);
		store.accept(TRACE);
		store.accept(call(traceId(2)));

		assertThat(store.recentTraces(search(null, "query", null))).extracting(TraceSummary::traceId)
			.containsExactly(TRACE_ID);
		assertThat(store.recentTraces(search("backend", "get /api", null, "error=timeout")))
			.extracting(TraceSummary::traceId)
			.containsExactlyInAnyOrder(TRACE_ID, traceId(2));
		// each criterion is met by some span of the service, as in Zipkin: TRACE's error is on the backend's
		// query, trace 2's on its get /api; no frontend span has an error
		assertThat(store.recentTraces(search("frontend", null, null, "error"))).isEmpty();
		assertThat(store.recentTraces(search(null, null, null, "http.path=/api", "error")))
			.extracting(TraceSummary::traceId)
			.containsExactlyInAnyOrder(TRACE_ID, traceId(2));
		assertThat(store.recentTraces(search(null, null, "db"))).extracting(TraceSummary::traceId)
			.containsExactly(TRACE_ID);
		assertThat(store.recentTraces(search(null, null, null, "error=boom"))).isEmpty();
	}

	/** See {@link TestObjects#TRACE}: root frontend "get /hello", 0 .. 350 ms, the database call failed. */
	@Test
	void recentTraces_summary() {
		SpanStore store = newStore(ROOMY);
		// Out of order on purpose: the root is found by parent links and start, not by arrival.
		store.accept(List.of(DB_SPAN, BACKEND_SPAN, CLIENT_SPAN, SERVER_SPAN));

		assertThat(store.recentTraces(1))
			.containsExactly(new TraceSummary(TRACE_ID, "frontend", "get /hello", 4, TODAY, 350_000L, 1,
					List.of("backend", "frontend"), 0, 0, 0));
	}

	/**
	 * <pre>{@code
	 * s2  parent s9 (absent)  starts at 10   orphan: no parent in the trace, earliest: the root
	 * s1  parent -            starts at 20
	 * s3  parent s1           starts at 5    earliest of all, but has a parent
	 * }</pre>
	 */
	@Test
	void recentTraces_summary_rootIsEarliestWithoutParentInTrace() {
		SpanStore store = newStore(ROOMY);
		Span s1 = span(traceId(1), 1, null, TODAY + 20).toBuilder().name("natural root").build();
		Span s2 = span(traceId(1), 2, 9L, TODAY + 10).toBuilder().name("orphan").build();
		Span s3 = span(traceId(1), 3, 1L, TODAY + 5).toBuilder().name("child").build();
		store.accept(List.of(s1, s2, s3));

		TraceSummary summary = store.recentTraces(1).get(0);

		assertThat(summary.rootName()).isEqualTo("orphan");
		assertThat(summary.startMicros()).isEqualTo(TODAY + 5);
		assertThat(summary.durationMicros()).isEqualTo(15);
	}

	@Test
	void recentTraces_summary_startTie_firstArrivalIsRoot() {
		SpanStore store = newStore(ROOMY);
		Span first = span(traceId(1), 1, null, TODAY).toBuilder().name("first").build();
		Span second = span(traceId(1), 2, null, TODAY).toBuilder().name("second").build();
		store.accept(List.of(first, second));

		assertThat(store.recentTraces(1).get(0).rootName()).isEqualTo("first");
	}

	/** Every span names a parent in the trace (s1 -> s2 -> s1): no root, nothing unknown is made up. */
	@Test
	void recentTraces_summary_cycle_rootUnknown() {
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(span(traceId(1), 1, 2L, TODAY).toBuilder().name("a").localEndpoint(TestObjects.FRONTEND)
			.build(), span(traceId(1), 2, 1L, TODAY + 10)));

		assertThat(store.recentTraces(1))
			.containsExactly(new TraceSummary(traceId(1), null, null, 2, TODAY, 10, 0, List.of("frontend"), 0, 0, 1));
	}

	@Test
	void recentTraces_summary_noTimestamps_zeroStartAndDuration() {
		assumeTheStoreDoesNot(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(span(traceId(1), 1, null, 0), span(traceId(1), 2, 1L, 0)));

		assertThat(store.recentTraces(1)).containsExactly(new TraceSummary(traceId(1), null, null, 2, 0, 0, 0, List.of(), 0, 0, 0));
	}

	/** A span without a duration ends where it starts; spans without a timestamp are left out of the times. */
	@Test
	void recentTraces_summary_durationFromLatestEnd() {
		SpanStore store = newStore(ROOMY);
		Span root = span(traceId(1), 1, null, TODAY).toBuilder().duration(100L).build();
		Span late = span(traceId(1), 2, 1L, TODAY + 300);
		Span untimed = span(traceId(1), 3, 1L, 0).toBuilder().duration(1_000_000L).build();
		store.accept(List.of(root, late, untimed));

		TraceSummary summary = store.recentTraces(1).get(0);

		assertThat(summary.startMicros()).isEqualTo(TODAY);
		assertThat(summary.durationMicros()).isEqualTo(300);
	}

	@Test
	void recentTraces_summary_countsErrorTags() {
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(span(traceId(1), 1, null, TODAY).toBuilder().putTag("error", "").build(),
				span(traceId(1), 2, 1L, TODAY).toBuilder().putTag("error", "500").build(),
				span(traceId(1), 3, 1L, TODAY).toBuilder().putTag("http.status_code", "500").build()));

		assertThat(store.recentTraces(1).get(0).errorCount()).isEqualTo(2);
	}

	/**
	 * The tree's verdicts, counted as the viewer shows them:
	 * <pre>{@code
	 * s1  parent -
	 * s2  parent s1
	 * s2  parent s1   again, 7 us long: one duplicate id (a copy that differs, which every store keeps)
	 * s3  parent s9   absent: one orphan
	 * s4  parent s5,  s5 parent s4: one cycle
	 * }</pre>
	 */
	@Test
	void recentTraces_summary_incomplete_treeVerdicts() {
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(span(traceId(1), 1, null, TODAY), span(traceId(1), 2, 1L, TODAY + 1),
				span(traceId(1), 2, 1L, TODAY + 1).toBuilder().duration(7L).build(), span(traceId(1), 3, 9L, TODAY + 2),
				span(traceId(1), 4, 5L, TODAY + 3),
				span(traceId(1), 5, 4L, TODAY + 4)));

		TraceSummary summary = store.recentTraces(1).get(0);

		assertThat(summary.orphans()).isEqualTo(1);
		assertThat(summary.duplicates()).isEqualTo(1);
		assertThat(summary.cycles()).isEqualTo(1);
		assertThat(summary.incomplete()).isTrue();
		assertThat(summary.spanCount()).isEqualTo(6);
	}

	/** See {@link TestObjects#TRACE}: frontend calls backend, 350 ms, one error. */
	@Test
	void recentTraces_query_serviceOfAnySpan() {
		SpanStore store = newStore(ROOMY);
		store.accept(TRACE);
		// a second later: the newest by arrival and by timestamp alike
		store.accept(List.of(span(traceId(2), 1, null, TODAY + 1_000_000).toBuilder()
			.localEndpoint(TestObjects.FRONTEND)
			.build()));

		assertThat(store.recentTraces(new TraceQuery(10, "backend", 0, false))).extracting(TraceSummary::traceId)
			.containsExactly(TRACE_ID);
		assertThat(store.recentTraces(new TraceQuery(10, "frontend", 0, false))).extracting(TraceSummary::traceId)
			.containsExactly(traceId(2), TRACE_ID);
		assertThat(store.recentTraces(new TraceQuery(10, "nobody", 0, false))).isEmpty();
	}

	@Test
	void recentTraces_query_minDurationAndErrors() {
		SpanStore store = newStore(ROOMY);
		store.accept(TRACE);
		store.accept(List.of(span(traceId(2), 1, null, TODAY).toBuilder().duration(10L).build()));

		assertThat(store.recentTraces(new TraceQuery(10, null, 350_000L, false))).extracting(TraceSummary::traceId)
			.containsExactly(TRACE_ID);
		assertThat(store.recentTraces(new TraceQuery(10, null, 350_001L, false))).isEmpty();
		assertThat(store.recentTraces(new TraceQuery(10, null, 0, true))).extracting(TraceSummary::traceId)
			.containsExactly(TRACE_ID);
		assertThat(store.recentTraces(new TraceQuery(10, null, 0, false))).hasSize(2);
	}

	/** The limit counts matches, not traces looked at: the match is found past newer traces that fail. */
	@Test
	void recentTraces_query_limitCountsMatches() {
		SpanStore store = newStore(ROOMY);
		store.accept(TRACE);
		for (int i = 2; i <= 5; i++) {
			store.accept(List.of(span(traceId(i), 1, null, TODAY)));
		}

		assertThat(store.recentTraces(new TraceQuery(1, null, 0, true))).extracting(TraceSummary::traceId)
			.containsExactly(TRACE_ID);
	}

	/**
	 * maxSpans 5; trace 1 (2 spans), trace 2 (2 spans), then trace 3 (2 spans) makes 6: trace 1 goes.
	 */
	@Test
	void accept_overBound_evictsOldestTrace() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(5);
		store.accept(List.of(span(traceId(1), 1, null, TODAY), span(traceId(1), 2, 1L, TODAY)));
		store.accept(List.of(span(traceId(2), 3, null, TODAY), span(traceId(2), 4, 3L, TODAY)));
		store.accept(List.of(span(traceId(3), 5, null, TODAY), span(traceId(3), 6, 5L, TODAY)));

		assertThat(store.trace(TraceId.parseHex(traceId(1)))).isEmpty();
		assertThat(store.trace(TraceId.parseHex(traceId(2)))).hasSize(2);
		assertThat(store.trace(TraceId.parseHex(traceId(3)))).hasSize(2);
		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(traceId(3), traceId(2));
		assertThat(counts(store.stats())).isEqualTo(new StoreStats(6, 4, 2, 2, 1, 5));
		assertInvariants(store);
	}

	@Test
	void accept_atBound_evictsNothing() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(2);
		arrive(store, 1, 2);

		assertThat(counts(store.stats())).isEqualTo(new StoreStats(2, 2, 2, 0, 0, 2));
	}

	/** The oldest trace goes whole, even the late span that just arrived for it. */
	@Test
	void accept_lateSpanOfOldestTrace_evictsItWhole() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(3);
		store.accept(List.of(span(traceId(1), 1, null, TODAY), span(traceId(1), 2, 1L, TODAY)));
		store.accept(List.of(span(traceId(2), 3, null, TODAY)));
		store.accept(List.of(span(traceId(1), 4, 1L, TODAY)));

		assertThat(store.trace(TraceId.parseHex(traceId(1)))).isEmpty();
		assertThat(store.trace(TraceId.parseHex(traceId(2)))).hasSize(1);
		assertThat(counts(store.stats())).isEqualTo(new StoreStats(4, 1, 1, 3, 1, 3));
	}

	/** maxSpans 3; one batch of traces 1, 2 and 3 with 2 spans each: 1 and 2 go, 3 fits. */
	@Test
	void accept_batchOverBound_evictsOldestTracesOfTheBatch() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(3);
		store.accept(List.of(span(traceId(1), 1, null, TODAY), span(traceId(2), 2, null, TODAY),
				span(traceId(3), 3, null, TODAY), span(traceId(1), 4, 1L, TODAY), span(traceId(2), 5, 2L, TODAY),
				span(traceId(3), 6, 3L, TODAY)));

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(traceId(3));
		assertThat(counts(store.stats())).isEqualTo(new StoreStats(6, 2, 1, 4, 2, 3));
	}

	/** A single trace bigger than the store cannot be kept at all, the newest included; all of it is counted. */
	@Test
	void accept_traceBiggerThanBound_evictsEvenNewest() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(3);
		store.accept(List.of(span(traceId(1), 1, null, TODAY)));
		List<Span> big = new ArrayList<>();
		for (int i = 10; i < 14; i++) {
			big.add(span(traceId(2), i, null, TODAY));
		}

		store.accept(big);

		assertThat(store.trace(TraceId.parseHex(traceId(1)))).isEmpty();
		assertThat(store.trace(TraceId.parseHex(traceId(2)))).isEmpty();
		assertThat(store.recentTraces(10)).isEmpty();
		assertThat(counts(store.stats())).isEqualTo(new StoreStats(5, 0, 0, 5, 2, 3));
	}

	/** Once evicted, a trace that receives a span again starts over as the newest. */
	@Test
	void accept_evictedTraceArrivesAgain_isNewest() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(2);
		arrive(store, 1, 2, 3);
		Span late = span(traceId(1), 4, 1L, TODAY);

		store.accept(List.of(late));

		assertThat(store.trace(TraceId.parseHex(traceId(1)))).containsExactly(late);
		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(traceId(1), traceId(3));
		assertThat(counts(store.stats())).isEqualTo(new StoreStats(4, 2, 2, 2, 2, 2));
	}

	@Test
	void accept_manyBatches_invariantHoldsThroughout() {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(100);
		for (int i = 0; i < 1_000; i++) {
			List<Span> batch = new ArrayList<>();
			for (int j = 0; j <= i % 7; j++) {
				batch.add(span(traceId(i % 37), i * 10L + j, null, TODAY + i));
			}
			store.accept(batch);
			assertInvariants(store);
		}
	}

	/**
	 * 4 writers send 5,000 spans each in batches of two whole 5-span traces, while a reader checks every
	 * snapshot. A latch releases everyone at once so that the calls really overlap.
	 */
	@Test
	void accept_concurrentWriters_keepInvariants() throws Exception {
		assumeTheStoreDoesNot(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		int writers = 4;
		int spansPerWriter = 5_000;
		int spansPerTrace = 5;
		int maxSpans = 1_000;
		SpanStore store = newStore(maxSpans);
		ExecutorService executor = Executors.newFixedThreadPool(writers + 1);
		try {
			CountDownLatch start = new CountDownLatch(1);
			AtomicBoolean writing = new AtomicBoolean(true);
			List<Future<?>> written = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				long firstTrace = w * 1_000_000L;
				written.add(executor.submit(() -> {
					start.await();
					for (int t = 0; t < spansPerWriter / spansPerTrace; t += 2) {
						List<Span> batch = new ArrayList<>(2 * spansPerTrace);
						for (int k = 0; k < 2 * spansPerTrace; k++) {
							long trace = firstTrace + t + k / spansPerTrace;
							batch.add(span(traceId(trace), trace * 10 + k, null, TODAY));
						}
						store.accept(batch);
					}
					return null;
				}));
			}
			Future<Integer> read = executor.submit(() -> {
				start.await();
				int snapshots = 0;
				while (writing.get()) {
					StoreStats stats = store.stats();
					assertThat(stats.spansAccepted()).isEqualTo(stats.spansStored() + stats.spansEvicted());
					assertThat(stats.spansStored()).isLessThanOrEqualTo(maxSpans);
					snapshots++;
				}
				return snapshots;
			});
			start.countDown();
			for (Future<?> future : written) {
				future.get(30, TimeUnit.SECONDS);
			}
			writing.set(false);
			assertThat(read.get(30, TimeUnit.SECONDS)).isPositive();
		}
		finally {
			executor.shutdownNow();
		}

		StoreStats stats = store.stats();
		int traces = writers * spansPerWriter / spansPerTrace;
		assertThat(stats.spansAccepted()).isEqualTo(writers * spansPerWriter);
		assertThat(stats.spansStored()).isEqualTo(maxSpans);
		assertThat(stats.tracesStored()).isEqualTo(maxSpans / spansPerTrace);
		assertThat(stats.tracesEvicted()).isEqualTo(traces - stats.tracesStored());
		assertInvariants(store);
		// Batches hold whole traces and eviction takes whole traces, so every trace left is complete.
		for (TraceSummary summary : store.recentTraces(Integer.MAX_VALUE)) {
			assertThat(summary.spanCount()).isEqualTo(spansPerTrace);
		}
	}

	/**
	 * The counters every store keeps; the rest (bytes, limits, refusals) are zeroed, as stores differ in
	 * what else they know, and each store's own test checks those.
	 */
	static StoreStats counts(StoreStats stats) {
		return new StoreStats(stats.spansAccepted(), stats.spansStored(), stats.tracesStored(), stats.spansEvicted(),
				stats.tracesEvicted(), stats.maxSpans());
	}

	/** {@link Difference#MERGES_IDENTICAL_SPANS}: the same span three times is one; a changed copy is kept. */
	@Test
	void accept_identicalDuplicates_storedOnce_whereTheStoreMerges() {
		assumeTheStore(Difference.MERGES_IDENTICAL_SPANS);
		SpanStore store = newStore(ROOMY);
		Span longer = SERVER_SPAN.toBuilder().duration(SERVER_SPAN.durationAsLong() + 1).build();
		store.accept(List.of(SERVER_SPAN, SERVER_SPAN));
		store.accept(List.of(SERVER_SPAN, longer));

		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).containsExactly(SERVER_SPAN, longer);
		assertThat(store.recentTraces(1).get(0).spanCount()).isEqualTo(2);
	}

	/**
	 * {@link Difference#LISTS_BY_TIMESTAMP}: arrival order 1, 2, 3; timestamps 1 s, 0 s, 2 s after
	 * TODAY; then a late span of trace 2 at 3 s, which makes trace 2 the newest.
	 */
	@Test
	void recentTraces_newestByTimestamp_whereTheStoreListsByTimestamp() {
		assumeTheStore(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		store.accept(List.of(span(traceId(1), 1, null, TODAY + 1_000_000)));
		store.accept(List.of(span(traceId(2), 2, null, TODAY)));
		store.accept(List.of(span(traceId(3), 3, null, TODAY + 2_000_000)));

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId)
			.containsExactly(traceId(3), traceId(1), traceId(2));
		assertThat(store.recentTraces(2)).extracting(TraceSummary::traceId).containsExactly(traceId(3), traceId(1));

		store.accept(List.of(span(traceId(2), 4, 2L, TODAY + 3_000_000)));

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId)
			.containsExactly(traceId(2), traceId(3), traceId(1));
	}

	/** {@link Difference#LISTS_BY_TIMESTAMP}: equal timestamps are listed by trace id, descending, whatever the arrival. */
	@Test
	void recentTraces_sameTimestamp_byTraceIdDescending_whereTheStoreListsByTimestamp() {
		assumeTheStore(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		arrive(store, 3, 1, 2);

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId)
			.containsExactly(traceId(3), traceId(2), traceId(1));
	}

	/** {@link Difference#LISTS_BY_TIMESTAMP}: untimed traces are not listed, yet each is found by its id. */
	@Test
	void recentTraces_untimedTrace_notListedButFound_whereTheStoreListsByTimestamp() {
		assumeTheStore(Difference.LISTS_BY_TIMESTAMP);
		SpanStore store = newStore(ROOMY);
		Span untimed = span(traceId(1), 1, null, 0);
		store.accept(List.of(untimed));
		store.accept(List.of(span(traceId(2), 2, null, TODAY)));

		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(traceId(2));
		assertThat(store.trace(TraceId.parseHex(traceId(1)))).containsExactly(untimed);
	}

	/**
	 * {@link Difference#BOUND_AND_COUNTS_ELSEWHERE}: the stats count the spans sent, stored as far as
	 * this store can tell; the traces held and the evictions are the server's, and the bound is not ours.
	 */
	@Test
	void stats_countSpansSent_whereTheBoundIsElsewhere() {
		assumeTheStore(Difference.BOUND_AND_COUNTS_ELSEWHERE);
		SpanStore store = newStore(7);

		assertThat(store.stats()).isEqualTo(new StoreStats(0, 0, 0, 0, 0, Integer.MAX_VALUE));

		store.accept(TRACE);
		store.accept(List.of());
		List<Span> four = List.of(span(traceId(1), 1, null, TODAY), span(traceId(1), 2, 1L, TODAY),
				span(traceId(1), 3, 1L, TODAY), span(traceId(1), 4, 1L, TODAY));
		store.accept(four);

		assertThat(store.stats()).isEqualTo(new StoreStats(8, 8, 0, 0, 0, Integer.MAX_VALUE));
		// 8 spans, past the 7 asked for: nothing of ours evicts
		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).containsExactlyElementsOf(TRACE);
		assertThat(store.trace(TraceId.parseHex(traceId(1)))).containsExactlyElementsOf(four);
	}

	/** What must hold after any sequence of calls. */
	static void assertInvariants(SpanStore store) {
		StoreStats stats = store.stats();
		assertThat(stats.spansAccepted()).isEqualTo(stats.spansStored() + stats.spansEvicted());
		assertThat(stats.spansStored()).isLessThanOrEqualTo(stats.maxSpans());
		List<TraceSummary> all = store.recentTraces(Integer.MAX_VALUE);
		assertThat(all).hasSize(stats.tracesStored());
		int spans = 0;
		for (TraceSummary summary : all) {
			List<Span> trace = store.trace(TraceId.parseHex(summary.traceId()));
			assertThat(trace).hasSize(summary.spanCount()).isNotEmpty();
			spans += trace.size();
		}
		assertThat(spans).isEqualTo(stats.spansStored());
	}

}
