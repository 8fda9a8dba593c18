package dev.tracer.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import dev.tracer.core.context.TraceId;
import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TRACE_ID;
import static dev.tracer.testing.TestObjects.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The guard keeps the store's contract, and adds limits and refusal in front of it. */
class GuardedSpanStoreTest extends SpanStoreContractTest {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(3);

	/** Null while there is memory, else the shortage. */
	private final AtomicReference<String> shortage = new AtomicReference<>();

	@Override
	SpanStore newStore(int maxSpans) {
		return new GuardedSpanStore(new InMemorySpanStore(maxSpans), SpanLimits.DEFAULTS, MemoryPressure.NONE,
				RETRY_AFTER);
	}

	private SpanStore guarded(SpanLimits limits) {
		return new GuardedSpanStore(new InMemorySpanStore(ROOMY), limits, shortage::get, RETRY_AFTER);
	}

	@Test
	void accept_memoryShort_refusesWholeBatchAndCounts() {
		SpanStore store = guarded(SpanLimits.DEFAULTS);
		shortage.set("the heap is full");

		assertThatExceptionOfType(StoreOverloadedException.class)
			.isThrownBy(() -> store.accept(List.of(SERVER_SPAN, CLIENT_SPAN)))
			.withMessage("the heap is full; none of the 2 spans was stored, try again later")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(RETRY_AFTER));

		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).isEmpty();
		StoreStats stats = store.stats();
		assertThat(stats.spansRefused()).isEqualTo(2);
		assertThat(stats.spansAccepted()).isZero();
	}

	@Test
	void accept_memoryBackAfterShortage_acceptsAgain() {
		SpanStore store = guarded(SpanLimits.DEFAULTS);
		shortage.set("short");
		assertThatExceptionOfType(StoreOverloadedException.class).isThrownBy(() -> store.accept(List.of(SERVER_SPAN)));
		shortage.set(null);

		store.accept(List.of(CLIENT_SPAN));

		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).containsExactly(CLIENT_SPAN);
		StoreStats stats = store.stats();
		assertThat(stats.spansAccepted() + stats.spansRefused()).isEqualTo(2);
	}

	/** A broken batch is the caller's bug, not a refusal: it is not counted as refused. */
	@Test
	void accept_nullElementWhileShort_throwsNullPointerNotCounted() {
		SpanStore store = guarded(SpanLimits.DEFAULTS);
		shortage.set("short");
		List<Span> spans = new ArrayList<>(List.of(SERVER_SPAN));
		spans.add(null);

		assertThatNullPointerException().isThrownBy(() -> store.accept(spans)).withMessage("spans[1] == null");
		assertThat(store.stats().spansRefused()).isZero();
	}

	@Test
	void accept_emptyWhileShort_noRefusal() {
		SpanStore store = guarded(SpanLimits.DEFAULTS);
		shortage.set("short");

		store.accept(List.of());

		assertThat(store.stats().spansRefused()).isZero();
	}

	@Test
	void accept_overLimits_storedCutAndCounted() {
		SpanStore store = guarded(new SpanLimits(256, 4, 128, 128));

		store.accept(List.of(SERVER_SPAN, CLIENT_SPAN, TestObjects.BACKEND_SPAN));

		assertThat(store.trace(TraceId.parseHex(TRACE_ID))).extracting((span) -> span.tags().get("http.method"))
			.containsExactly("GET", "GET", null);
		assertThat(store.trace(TraceId.parseHex(TRACE_ID)).get(1).tags()).containsEntry("http.path", "/api");
		StoreStats stats = store.stats();
		assertThat(stats.spansTruncated()).isZero();
		store.accept(List.of(SERVER_SPAN.toBuilder().putTag("http.url", "http://localhost:8080/hello").build()));
		assertThat(store.stats().spansTruncated()).isEqualTo(1);
		assertThat(store.trace(TraceId.parseHex(TRACE_ID)).get(3).tags()).containsEntry("http.url", "http...[truncated 23 chars]");
	}

	@Test
	void stats_storeCountersWithGuardCounters() {
		SpanStore store = guarded(new SpanLimits(256, 4, 128, 128));
		store.accept(List.of(SERVER_SPAN.toBuilder().putTag("long", "12345").build(), CLIENT_SPAN));
		shortage.set("short");
		assertThatExceptionOfType(StoreOverloadedException.class).isThrownBy(() -> store.accept(List.of(SERVER_SPAN)));

		StoreStats stats = store.stats();

		assertThat(counts(stats)).isEqualTo(new StoreStats(2, 2, 1, 0, 0, ROOMY));
		assertThat(stats.spansTruncated()).isEqualTo(1);
		assertThat(stats.spansRefused()).isEqualTo(1);
		assertThat(stats.bytesStored()).isPositive();
	}

	@Test
	void constructor_badArguments_throw() {
		SpanStore store = new InMemorySpanStore(1);
		assertThatNullPointerException()
			.isThrownBy(() -> new GuardedSpanStore(null, SpanLimits.DEFAULTS, MemoryPressure.NONE, RETRY_AFTER))
			.withMessage("store");
		assertThatNullPointerException()
			.isThrownBy(() -> new GuardedSpanStore(store, null, MemoryPressure.NONE, RETRY_AFTER))
			.withMessage("limits");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GuardedSpanStore(store, SpanLimits.DEFAULTS, MemoryPressure.NONE, Duration.ZERO))
			.withMessage("retryAfter not positive: PT0S");
	}

}
