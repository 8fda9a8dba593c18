package dev.tracer.analysis;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.core.breaks.Break;
import dev.tracer.core.breaks.BreakRules;
import dev.tracer.core.breaks.Confidence;
import dev.tracer.core.breaks.UntracedCall;
import dev.tracer.store.InMemorySpanStore;
import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.BACKEND;
import static dev.tracer.testing.TestObjects.FRONTEND;
import static dev.tracer.testing.TestObjects.call;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The analysis over a store: reports refreshed when spans arrive or time passes, lists newest first.
 *
 * <pre>
 * trace 1  frontend  c 01  |10-----90|        GET /api/data, no child
 * trace 2  backend   S 02     |15-80|         GET /api/data, a root that received nothing
 * trace 3  frontend  c 03                 |1,010-----1,090|   another call, later: backend is traced, no
 *                                                             new trace matches it, so a possible break
 * </pre>
 * Every call names its callee, backend.
 */
class StoreBreaksTest {

	private static final long T0 = 1_700_000_000_000_000L;

	private static final Endpoint FRONTEND = Endpoint.newBuilder().serviceName("frontend").build();

	private static final Endpoint BACKEND = Endpoint.newBuilder().serviceName("backend").build();

	private final InMemorySpanStore store = new InMemorySpanStore(100);

	private final AtomicLong now = new AtomicLong(T0 + 10_000_000L);

	private final StoreBreaks breaks = new StoreBreaks(store, new BreakRules(1_000_000L, 10_000L), now::get);

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

	@Test
	void inTrace_bothSidesLinked() {
		store.accept(List.of(call(1, 10), root(2, 15)));

		assertThat(breaks.inTrace(TestObjects.traceId(1).toUpperCase())).singleElement()
			.returns(Break.Kind.LOST_DOWNSTREAM, Break::kind)
			.returns(Confidence.PROBABLE, Break::link)
			.returns(TestObjects.traceId(2), Break::otherTraceId);
		assertThat(breaks.inTrace(TestObjects.traceId(2))).singleElement()
			.returns(Break.Kind.RESTARTED_HERE, Break::kind)
			.returns(TestObjects.traceId(1), Break::otherTraceId);
	}

	@Test
	void report_newSpans_refreshed() {
		store.accept(List.of(call(1, 10)));
		assertThat(breaks.inTrace(TestObjects.traceId(1))).as("no span of backend yet: an untraced call").isEmpty();
		assertThat(breaks.report().untracedCalls()).singleElement().returns("backend", UntracedCall::callee);

		store.accept(List.of(root(2, 15)));

		assertThat(breaks.inTrace(TestObjects.traceId(1))).singleElement().returns(Confidence.PROBABLE, Break::link);
	}

	@Test
	void report_nothingNew_reusedUntilMaxAge() {
		now.set(T0 + 500_000L);
		store.accept(List.of(call(1, 10)));
		assertThat(breaks.report().pendingCalls()).isEqualTo(1);

		now.set(T0 + 1_100_000L);
		assertThat(breaks.report().pendingCalls()).as("reused: nothing arrived, less than a second old").isEqualTo(1);

		now.set(T0 + 1_500_000L);
		assertThat(breaks.report().pendingCalls()).isZero();
		assertThat(breaks.report().untracedCalls()).as("settled, and backend writes no span here")
			.extracting(UntracedCall::callee).containsExactly("backend");
	}

	@Test
	void newest_newestFirst_limited() {
		store.accept(List.of(call(1, 10), root(2, 15), call(3, 1_010)));

		assertThat(StoreBreaks.newest(breaks.report(), 10)).extracting(Break::traceId)
			.containsExactly(TestObjects.traceId(3), TestObjects.traceId(2), TestObjects.traceId(1));
		assertThat(StoreBreaks.newest(breaks.report(), 1)).extracting(Break::traceId).containsExactly(TestObjects.traceId(3));
		assertThat(StoreBreaks.newest(breaks.report(), 0)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> StoreBreaks.newest(breaks.report(), -1));
	}

}
