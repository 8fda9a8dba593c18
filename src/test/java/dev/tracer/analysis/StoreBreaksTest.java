package dev.tracer.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.core.breaks.Break;
import dev.tracer.core.breaks.BreakEngine;
import dev.tracer.core.breaks.BreakLimits;
import dev.tracer.core.breaks.BreakRules;
import dev.tracer.core.breaks.CallOutcome;
import dev.tracer.core.breaks.Confidence;
import dev.tracer.core.breaks.UntracedCall;
import dev.tracer.core.context.TraceId;
import dev.tracer.store.GuardedSpanStore;
import dev.tracer.store.InMemorySpanStore;
import dev.tracer.store.MemoryPressure;
import dev.tracer.store.SpanLimits;
import dev.tracer.store.SpanListener;
import dev.tracer.store.SpanStore;
import dev.tracer.testing.TestObjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The analysis on arrival over a store: fed by the guard and the store's evictions, settled when a
 * trace has been quiet for the settle time (1 s here), read newest first.
 *
 * <pre>
 * trace 1  frontend  c 01  |10-----90|        GET /api/data, no child
 * trace 2  backend   S 02     |15-80|         GET /api/data, a root that refused its header
 * trace 3  frontend  c 03                 |1,010-----1,090|   another call, later: backend is traced, no
 *                                                             new trace matches it, so a possible break
 * </pre>
 * Every call names its callee, backend.
 */
class StoreBreaksTest {

	private static final long T0 = 1_700_000_000_000_000L;

	private static final Endpoint FRONTEND = Endpoint.newBuilder().serviceName("frontend").build();

	private static final Endpoint BACKEND = Endpoint.newBuilder().serviceName("backend").build();

	private final AtomicLong now = new AtomicLong(T0 + 10_000_000L);

	private final List<CallOutcome> outcomes = new ArrayList<>();

	private final BreakEngine engine = new BreakEngine(new BreakRules(1_000_000L, 10_000L), BreakLimits.DEFAULTS,
			outcomes::add);

	private final StoreBreaks breaks = new StoreBreaks(engine, now::get);

	private final SpanStore store = guarded(new InMemorySpanStore(4, Long.MAX_VALUE, breaks), breaks);

	private static SpanStore guarded(SpanStore backing, SpanListener listener) {
		return new GuardedSpanStore(backing, SpanLimits.DEFAULTS, MemoryPressure.NONE, Duration.ofSeconds(1), listener);
	}

	private static Span call(int trace, long startMillis) {
		return Span.newBuilder().traceId(TestObjects.traceId(trace)).id(TestObjects.spanId(trace)).parentId("00000000000000ff")
			.kind(Span.Kind.CLIENT).localEndpoint(FRONTEND).remoteEndpoint(BACKEND).timestamp(T0 + startMillis * 1000).duration(80_000)
			.putTag("method", "GET").putTag("http.url", "http://localhost:8081/api/data").build();
	}

	private static Span root(int trace, long startMillis) {
		return Span.newBuilder().traceId(TestObjects.traceId(trace)).id(TestObjects.spanId(trace))
			.kind(Span.Kind.SERVER).localEndpoint(BACKEND).timestamp(T0 + startMillis * 1000).duration(65_000)
			.putTag("http.method", "GET").putTag("http.path", "/api/data").putTag("w3c.traceparent.valid", "false").build();
	}

	private void quietFor(long micros) {
		now.addAndGet(micros);
	}

	@Test
	void inTrace_bothSidesLinked_onceSettled() {
		store.accept(List.of(call(1, 10), root(2, 15)));
		assertThat(breaks.inTrace(TraceId.parseHex(TestObjects.traceId(1)))).as("not quiet yet").isEmpty();
		assertThat(breaks.totals().pendingCalls()).isEqualTo(1);

		quietFor(1_000_000L);

		assertThat(breaks.inTrace(TraceId.parseHex(TestObjects.traceId(1).toUpperCase()))).singleElement()
			.returns(Break.Kind.LOST_DOWNSTREAM, Break::kind)
			.returns(Confidence.PROBABLE, Break::link)
			.returns(TestObjects.traceId(2), Break::otherTraceId);
		assertThat(breaks.inTrace(TraceId.parseHex(TestObjects.traceId(2)))).singleElement()
			.returns(Break.Kind.RESTARTED_HERE, Break::kind)
			.returns(TestObjects.traceId(1), Break::otherTraceId);
		assertThat(breaks.countInTrace(TraceId.parseHex(TestObjects.traceId(1)))).isEqualTo(1);
		assertThat(breaks.totals().pendingCalls()).isZero();
	}

	@Test
	void settle_calleeNotYetSeen_untracedCall_andOneOutcome() {
		store.accept(List.of(call(1, 10)));
		quietFor(1_000_000L);

		assertThat(breaks.inTrace(TraceId.parseHex(TestObjects.traceId(1)))).as("no span of backend: an untraced call").isEmpty();
		assertThat(breaks.untracedInTrace(TraceId.parseHex(TestObjects.traceId(1)))).singleElement().returns("backend", UntracedCall::callee);
		assertThat(breaks.totals().untracedCalls()).isEqualTo(1);
		assertThat(outcomes).singleElement()
			.returns(CallOutcome.Outcome.UNTRACED, CallOutcome::outcome)
			.returns("frontend", CallOutcome::caller)
			.returns("backend", CallOutcome::callee);

		breaks.settle();
		assertThat(outcomes).as("judged once").hasSize(1);
	}

	/** The intake's thread only queues; the engine takes the queue, in order, when anyone reads or the tick runs. */
	@Test
	void accepted_queuedForTheEngine_takenInOrderBeforeARead() {
		store.accept(List.of(call(1, 10), root(2, 15)));
		assertThat(engine.totals().spansAnalysed()).as("not taken on the intake's thread").isZero();

		assertThat(breaks.totals().spansAnalysed()).as("taken before a read answers").isEqualTo(2);
		assertThat(breaks.totals().pendingCalls()).isEqualTo(1);
	}

	/** Past its bound the queue is drained by the intake's own thread: slowed, never unbounded. */
	@Test
	void accepted_pastTheQueueBound_drainedByTheIntake() {
		List<Span> many = new ArrayList<>();
		for (int i = 0; i <= StoreBreaks.MAX_QUEUED_SPANS; i++) {
			many.add(Span.newBuilder().traceId(TestObjects.traceId(100 + i % 3)).id(String.format("%016x", i + 1))
				.localEndpoint(FRONTEND).timestamp(T0).duration(1).build());
		}
		breaks.accepted(many);

		assertThat(engine.totals().spansAnalysed()).isEqualTo(many.size());
	}

	@Test
	void evicted_forgotten() {
		store.accept(List.of(call(1, 10), root(2, 15)));
		quietFor(1_000_000L);
		assertThat(breaks.countInTrace(TraceId.parseHex(TestObjects.traceId(2)))).isEqualTo(1);

		store.accept(List.of(call(3, 1_010), call(4, 2_010), call(5, 3_010), call(6, 4_010)));

		assertThat(breaks.countInTrace(TraceId.parseHex(TestObjects.traceId(1)))).as("evicted: the store holds 4 spans").isZero();
		assertThat(breaks.countInTrace(TraceId.parseHex(TestObjects.traceId(2)))).isZero();
		assertThat(breaks.newest(10)).isEmpty();
		assertThat(breaks.totals().resultTraces()).isZero();
	}

	@Test
	void newest_newestFirst_limited() {
		store.accept(List.of(call(1, 10), root(2, 15), call(3, 1_010)));
		quietFor(1_000_000L);

		assertThat(breaks.newest(10)).extracting(Break::traceId)
			.containsExactly(TestObjects.traceId(3), TestObjects.traceId(2), TestObjects.traceId(1));
		assertThat(breaks.newest(1)).extracting(Break::traceId).containsExactly(TestObjects.traceId(3));
		assertThat(breaks.newest(0)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> breaks.newest(-1));
	}

}
