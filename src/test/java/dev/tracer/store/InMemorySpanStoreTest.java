package dev.tracer.store;

import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import dev.tracer.core.context.TraceId;
import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.span;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemorySpanStoreTest extends SpanStoreContractTest {

	@Override
	SpanStore newStore(int maxSpans) {
		return new InMemorySpanStore(maxSpans);
	}

	@Test
	void constructor_maxSpansBelowOne_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemorySpanStore(0))
			.withMessage("maxSpans < 1: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemorySpanStore(-5))
			.withMessage("maxSpans < 1: -5");
	}

	@Test
	void constructor_maxSpansOne_holdsOneSpan() {
		InMemorySpanStore store = new InMemorySpanStore(1);
		store.accept(List.of(TestObjects.SERVER_SPAN));

		assertThat(counts(store.stats())).isEqualTo(new StoreStats(1, 1, 1, 0, 0, 1));
	}

	@Test
	void constructor_maxBytesBelowOne_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemorySpanStore(10, 0))
			.withMessage("maxBytes < 1: 0");
	}

	@Test
	void stats_boundedBySpansOnly_maxBytesZero() {
		assertThat(new InMemorySpanStore(10).stats().maxBytes()).isZero();
		assertThat(new InMemorySpanStore(10, 5_000).stats().maxBytes()).isEqualTo(5_000);
	}

	/** Each trace costs its spans' estimates and the overhead of a trace, once. */
	@Test
	void stats_bytesStored_sumOfEstimatesAndTraceOverheads() {
		InMemorySpanStore store = new InMemorySpanStore(10);
		Span other = span(traceId(2), 9, null, TODAY);

		store.accept(List.of(SERVER_SPAN, CLIENT_SPAN, other));

		assertThat(store.stats().bytesStored()).isEqualTo(SpanSizes.of(SERVER_SPAN) + SpanSizes.of(CLIENT_SPAN)
				+ SpanSizes.of(other) + 2 * SpanSizes.TRACE_OVERHEAD);
	}

	/**
	 * Three traces of one 10 kB span each, maxBytes room for two and a bit: the third evicts the first,
	 * counted as an eviction for bytes; maxSpans (100) is far away.
	 */
	@Test
	void accept_overMaxBytes_evictsOldestTraceForBytes() {
		Span first = bigSpan(1);
		long traceBytes = SpanSizes.of(first) + SpanSizes.TRACE_OVERHEAD;
		InMemorySpanStore store = new InMemorySpanStore(100, 2 * traceBytes + 100);

		store.accept(List.of(first));
		store.accept(List.of(bigSpan(2)));
		store.accept(List.of(bigSpan(3)));

		assertThat(store.trace(TraceId.parseHex(traceId(1)))).isEmpty();
		assertThat(store.recentTraces(10)).extracting(TraceSummary::traceId).containsExactly(traceId(3), traceId(2));
		StoreStats stats = store.stats();
		assertThat(stats.bytesStored()).isEqualTo(2 * traceBytes).isLessThanOrEqualTo(stats.maxBytes());
		assertThat(stats.spansEvicted()).isEqualTo(1);
		assertThat(stats.tracesEvicted()).isEqualTo(1);
		assertThat(stats.spansEvictedForBytes()).isEqualTo(1);
		assertThat(stats.tracesEvictedForBytes()).isEqualTo(1);
		assertInvariants(store);
	}

	/** Over maxSpans the eviction is for count, even when the bytes are over too. */
	@Test
	void accept_overBothBounds_evictionCountsForSpans() {
		InMemorySpanStore store = new InMemorySpanStore(1, 1);

		store.accept(List.of(span(traceId(1), 1, null, TODAY), span(traceId(1), 2, 1L, TODAY)));

		StoreStats stats = store.stats();
		assertThat(stats.spansEvicted()).isEqualTo(2);
		assertThat(stats.spansEvictedForBytes()).isZero();
		assertThat(stats.bytesStored()).isZero();
	}

	/** A span bigger than the whole byte bound cannot be kept; it is counted and the store is empty. */
	@Test
	void accept_spanBiggerThanMaxBytes_evictedAtOnce() {
		InMemorySpanStore store = new InMemorySpanStore(100, 1_000);
		store.accept(List.of(SERVER_SPAN));

		store.accept(List.of(bigSpan(2)));

		StoreStats stats = store.stats();
		assertThat(stats.spansStored()).isZero();
		assertThat(stats.bytesStored()).isZero();
		assertThat(stats.spansAccepted()).isEqualTo(stats.spansEvictedForBytes()).isEqualTo(2);
	}

	@Test
	void accept_manyBigSpans_bytesNeverOverBound() {
		long maxBytes = 100_000;
		InMemorySpanStore store = new InMemorySpanStore(1_000, maxBytes);
		for (int i = 0; i < 500; i++) {
			store.accept(List.of(bigSpan(i % 50), span(traceId(i % 50), 100 + i, null, TODAY)));
			assertThat(store.stats().bytesStored()).isLessThanOrEqualTo(maxBytes);
			assertInvariants(store);
		}
		long bytes = 0;
		for (TraceSummary trace : store.recentTraces(Integer.MAX_VALUE)) {
			bytes += SpanSizes.TRACE_OVERHEAD;
			for (Span span : store.trace(TraceId.parseHex(trace.traceId()))) {
				bytes += SpanSizes.of(span);
			}
		}
		assertThat(store.stats().bytesStored()).isEqualTo(bytes);
	}

	private static Span bigSpan(long trace) {
		return span(traceId(trace), trace, null, TODAY).toBuilder().putTag("payload", "x".repeat(10_000)).build();
	}

}
