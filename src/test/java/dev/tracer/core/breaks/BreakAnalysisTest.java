package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tracer.core.breaks.Break.Kind;

import static dev.tracer.core.breaks.Hop.UPPERCASE_REASON;
import static dev.tracer.core.breaks.Hop.at;
import static dev.tracer.core.breaks.Hop.client;
import static dev.tracer.core.breaks.Hop.local;
import static dev.tracer.core.breaks.Hop.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link BreakAnalysis}, one rule per test, each drawn as a timeline in milliseconds: {@code |---|}
 * is a span's window, {@code c} a client span, {@code S} a server span that is a root of its trace.
 * Settle time 1,000 ms, clock-skew tolerance 10 ms; the analysis runs well after every trace settled
 * unless the test says otherwise.
 */
class BreakAnalysisTest {

	private static final BreakAnalysis ANALYSIS = new BreakAnalysis(new BreakRules(1_000_000L, 10_000L));

	private static final long LATER = at(10_000);

	private static final String SENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";

	private static final String SENT_UPPERCASE = "00-4BF92F3577B34DA6A3CE929D0E0E4736-B7AD6B7169203331-01";

	/** The frontend's own request: a root that received no header, and is where its trace began. */
	private static final Hop FRONT = server("a", "f1", null, "frontend", 0, 100).get("/api/data");

	/** The frontend's call to the backend, from 10 to 90 ms. */
	private static final Hop CALL = client("a", "c1", "f1", "frontend", 10, 80).get("/api/data");

	/**
	 * <pre>
	 * trace a  frontend  S f1  |0------------------------------100|
	 *                    c c1     |10------------------------90|
	 * trace a  backend   s b1        |15----------------80|        child of c1
	 * </pre>
	 */
	@Test
	void analyze_contextContinued_noBreak() {
		Hop backend = server("a", "b1", "c1", "backend", 15, 65).get("/api/data");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, backend), LATER);

		assertThat(report.breaks()).isEmpty();
		assertThat(report.orphans()).isEmpty();
		assertThat(report.pendingCalls()).isZero();
	}

	/**
	 * The context was dropped on the way: the backend received no header and began trace b.
	 *
	 * <pre>
	 * trace a  frontend  S f1  |0------------------------------100|
	 *                    c c1     |10------------------------90|     no child: lost downstream
	 * trace b  backend   S b1        |15----------------80|         no traceparent: restarted here
	 * </pre>
	 */
	@Test
	void analyze_headerDropped_lostAndRestartedLinkedProbably() {
		Hop backend = server("b", "b1", null, "backend", 15, 65).get("/api/data");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, backend), LATER);

		String reason = "backend received no traceparent from frontend's call GET /api/data: the context was dropped"
				+ " on the way";
		assertThat(report.breaks()).containsExactly(
				new Break(Kind.LOST_DOWNSTREAM, CALL.ref(), backend.ref(), Confidence.PROBABLE, Confidence.PROBABLE,
						List.of(backend.ref()), reason),
				new Break(Kind.RESTARTED_HERE, CALL.ref(), backend.ref(), Confidence.PROBABLE, Confidence.PROBABLE,
						List.of(CALL.ref()), reason));
		assertThat(report.inTrace("a")).singleElement().satisfies(lost -> assertThat(lost.otherTraceId()).isEqualTo("b"));
		assertThat(report.inTrace("b")).singleElement().satisfies(restart -> assertThat(restart.otherTraceId()).isEqualTo("a"));
	}

	/**
	 * The backend refused the header it received: header evidence and a unique match.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|     sent 00-4bf9...
	 * trace b  backend   S b1        |15----------------80|         received 00-4BF9..., refused
	 * </pre>
	 */
	@Test
	void analyze_headerRefused_definite_reasonInWords() {
		Hop backend = server("b", "b1", null, "backend", 15, 65).get("/api/data").refused(SENT_UPPERCASE);

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, backend), LATER);

		assertThat(report.breaks()).extracting(Break::kind, Break::confidence, Break::link, Break::traceId,
				Break::otherTraceId, Break::reason)
			.containsExactly(
					tuple(Kind.LOST_DOWNSTREAM, Confidence.DEFINITE, Confidence.DEFINITE, "a", "b",
							"backend refused the traceparent: " + UPPERCASE_REASON),
					tuple(Kind.RESTARTED_HERE, Confidence.DEFINITE, Confidence.DEFINITE, "b", "a",
							"backend refused the traceparent: " + UPPERCASE_REASON));
	}

	/**
	 * A refused header is a restart whoever sent it, even a caller the store never saw (curl).
	 *
	 * <pre>
	 * trace b  backend   S b1        |15----------------80|         received 00-4BF9..., refused
	 * </pre>
	 */
	@Test
	void analyze_headerRefused_noCallerInStore_definiteRestartUnlinked() {
		Hop backend = server("b", "b1", null, "backend", 15, 65).get("/api/data").refused(SENT_UPPERCASE);

		BreakReport report = ANALYSIS.analyze(List.of(backend), LATER);

		assertThat(report.breaks()).containsExactly(new Break(Kind.RESTARTED_HERE, null, backend.ref(),
				Confidence.DEFINITE, Confidence.NONE, List.of(), "backend refused the traceparent: " + UPPERCASE_REASON));
	}

	/**
	 * A call that names no callee (the demo's RestClient calls {@code localhost:8081}) and that no new
	 * trace matches: nothing shows that anything was lost. It was a definite break before; a call to an
	 * untraced callee looks exactly like this, so it is listed neutrally instead.
	 *
	 * <pre>
	 * trace a  frontend  S f1  |0------------------------------100|
	 *                    c c1     |10------------------------90|     no child, no new trace, callee unknown
	 * </pre>
	 */
	@Test
	void analyze_callWithoutContinuation_calleeUnknown_noBreak() {
		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL), LATER);

		assertThat(report.breaks()).isEmpty();
		assertThat(report.untracedCalls()).isEmpty();
		assertThat(report.unknownCalleeCalls()).containsExactly(CALL.ref());
	}

	/**
	 * Calls to callees that write no spans: a database, a cache named by Zipkin's remote service, a
	 * third party named by its host. Facts, each with what it rests on, never breaks.
	 *
	 * <pre>
	 * trace a  orders    S f1  |0------------------------------100|
	 *                    c d1     |10----30|                        db.system=postgresql
	 *                    c m1              |30--40|                 remote service memcache
	 *                    c p1                     |40-----------90| server.address=api.stripe.com
	 * </pre>
	 */
	@Test
	void analyze_callsToUntracedCallees_untracedNotBroken() {
		Hop front = server("a", "f1", null, "orders", 0, 100).get("/orders");
		Hop database = client("a", "d1", "f1", "orders", 10, 20).with("db.system", "postgresql");
		Hop cache = client("a", "m1", "f1", "orders", 30, 10).calling("memcache");
		Hop payments = client("a", "p1", "f1", "orders", 40, 50).with("http.url", "https://api.stripe.com/v1/charges")
			.with("server.address", "api.stripe.com").with("http.method", "POST");

		BreakReport report = ANALYSIS.analyze(List.of(front, database, cache, payments), LATER);

		assertThat(report.breaks()).isEmpty();
		assertThat(report.unknownCalleeCalls()).isEmpty();
		assertThat(report.untracedCalls()).containsExactly(
				new UntracedCall(database.ref(), "postgresql", "db.system"),
				new UntracedCall(cache.ref(), "memcache", "remoteEndpoint.serviceName"),
				new UntracedCall(payments.ref(), "api.stripe.com", "server.address"));
		assertThat(report.untracedCallsInTrace("a")).hasSize(3);
		assertThat(report.untracedCallsInTrace("b")).isEmpty();
	}

	/**
	 * A call to a service that is traced (its spans are among those analysed) left no span and no new
	 * trace: possibly lost, and said to be no more than that.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|     calls backend: no child, no new trace
	 * trace y  backend   S y1                                      |200--220|   backend is traced
	 * </pre>
	 */
	@Test
	void analyze_callToTracedCalleeWithoutContinuation_possible() {
		Hop named = CALL.calling("backend");
		Hop elsewhere = server("y", "y1", null, "backend", 200, 20).get("/api/other");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, named, elsewhere), LATER);

		assertThat(report.breaks()).containsExactly(new Break(Kind.LOST_DOWNSTREAM, CALL.ref(), null,
				Confidence.POSSIBLE, Confidence.NONE, List.of(),
				"frontend's call GET /api/data has no child in its trace and no new trace matches it, although backend"
						+ " is traced: its span may be unsampled, late or evicted, or the call went elsewhere"));
		assertThat(report.untracedCalls()).isEmpty();
	}

	/**
	 * The same call's host is the traced service's name, as in Docker Compose or Kubernetes.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10-----90|     GET http://backend.prod.svc.cluster.local:8081/api/data
	 * trace y  backend   S y1                  |200--220|
	 * </pre>
	 */
	@Test
	void analyze_callToHostOfTracedService_possible() {
		Hop byHost = CALL.with("http.url", "http://backend.prod.svc.cluster.local:8081/api/data");
		Hop elsewhere = server("y", "y1", null, "backend", 200, 20).get("/api/other");

		assertThat(ANALYSIS.analyze(List.of(FRONT, byHost, elsewhere), LATER).breaks()).singleElement()
			.returns(Confidence.POSSIBLE, Break::confidence);
		assertThat(ANALYSIS.analyze(List.of(FRONT, byHost), LATER).untracedCalls()).singleElement()
			.returns("backend.prod.svc.cluster.local", UntracedCall::callee);
	}

	/**
	 * The call to a traced backend failed (it was down): possible, and the reason says it may never
	 * have arrived.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|     error: Connection refused
	 * trace y  backend   S y1                                      |200--220|
	 * </pre>
	 */
	@Test
	void analyze_failedCallWithoutContinuation_reasonSaysItFailed() {
		Hop failed = CALL.calling("backend").with("error", "Connection refused");
		Hop elsewhere = server("y", "y1", null, "backend", 200, 20).get("/api/other");

		assertThat(ANALYSIS.analyze(List.of(FRONT, failed, elsewhere), LATER).breaks()).singleElement()
			.returns(Confidence.POSSIBLE, Break::confidence)
			.returns(Confidence.NONE, Break::link)
			.returns("frontend's call GET /api/data has no child in its trace and no new trace matches it, although"
					+ " backend is traced: the call failed (Connection refused), so backend may never have received it",
					Break::reason);
	}

	/**
	 * Two new traces of the same request began while the call was in flight: both are listed, none chosen.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|
	 * trace b  backend   S b1        |15------------60|
	 * trace x  backend   S x1             |30-------------75|
	 * </pre>
	 */
	@Test
	void analyze_twoRootsFitOneCall_ambiguousBothListed() {
		Hop b1 = server("b", "b1", null, "backend", 15, 45).get("/api/data");
		Hop x1 = server("x", "x1", null, "backend", 30, 45).get("/api/data");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, x1, b1), LATER);

		assertThat(report.inTrace("a")).singleElement().satisfies(lost -> {
			assertThat(lost.confidence()).isEqualTo(Confidence.PROBABLE);
			assertThat(lost.link()).isEqualTo(Confidence.AMBIGUOUS);
			assertThat(lost.server()).isNull();
			assertThat(lost.otherTraceId()).isNull();
			assertThat(lost.candidates()).containsExactly(b1.ref(), x1.ref());
			assertThat(lost.reason()).isEqualTo("frontend's call GET /api/data has no child in its trace; 2 new traces"
					+ " match it, and nothing tells them apart");
		});
		for (String trace : List.of("b", "x")) {
			assertThat(report.inTrace(trace)).singleElement().satisfies(restart -> {
				assertThat(restart.kind()).isEqualTo(Kind.RESTARTED_HERE);
				assertThat(restart.confidence()).isEqualTo(Confidence.PROBABLE);
				assertThat(restart.link()).isEqualTo(Confidence.AMBIGUOUS);
				assertThat(restart.candidates()).containsExactly(CALL.ref());
			});
		}
	}

	/**
	 * The callee's clock runs up to the skew tolerance (10 ms) early or late, on either edge of the window.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|
	 *                          [0 ..... window +- 10 ms ..... 100]
	 * inside   backend   S      |2--...            or           |98--...
	 * outside  backend   S    |-2--...             or              |102--...
	 * </pre>
	 */
	@Test
	void analyze_clockSkew_insideToleranceLinked_outsideNot() {
		for (long start : new long[] { 2, 0, 98, 100 }) {
			Hop backend = server("b", "b1", null, "backend", start, 20).get("/api/data");
			assertThat(ANALYSIS.analyze(List.of(FRONT, CALL, backend), LATER).inTrace("a"))
				.as("root at %d ms", start)
				.singleElement()
				.satisfies(lost -> assertThat(lost.server()).isEqualTo(backend.ref()));
		}
		for (long start : new long[] { -2, 102 }) {
			Hop backend = server("b", "b1", null, "backend", start, 20).get("/api/data");
			BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, backend), LATER);
			assertThat(report.breaks()).as("root at %d ms: where a trace began", start).isEmpty();
			assertThat(report.unknownCalleeCalls()).as("root at %d ms", start).containsExactly(CALL.ref());
		}
	}

	/**
	 * A root in the window is the call's continuation only if its request is the call's.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|     GET /api/data
	 * trace b  backend   S b1        |15----------------80|         POST /api/data, GET /api/other, or nothing known
	 * </pre>
	 */
	@Test
	void analyze_requestDiffers_notLinked() {
		List<Hop> others = List.of(server("b", "b1", null, "backend", 15, 65).request("POST", "/api/data"),
				server("b", "b1", null, "backend", 15, 65).get("/api/other"),
				server("b", "b1", null, "backend", 15, 65).get("/api/data/1"),
				server("b", "b1", null, "backend", 15, 65));
		for (Hop other : others) {
			BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, other), LATER);

			assertThat(report.breaks()).as(other.tags().toString()).isEmpty();
			assertThat(report.unknownCalleeCalls()).as(other.tags().toString()).containsExactly(CALL.ref());
		}
	}

	/**
	 * The call's path fits the server's route template (OpenTelemetry's {@code http.route}).
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|     GET http://backend:8081/api/items/42?full=1
	 * trace b  backend   S b1        |15----------------80|         GET /api/items/{id}
	 * </pre>
	 */
	@Test
	void analyze_pathFitsRoute_linked() {
		Hop call = client("a", "c1", "f1", "frontend", 10, 80).with("http.url", "http://backend:8081/api/items/42?full=1")
			.with("method", "GET");
		Hop backend = server("b", "b1", null, "backend", 15, 65).with("http.request.method", "GET")
			.with("http.route", "/api/items/{id}");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, call, backend), LATER);

		assertThat(report.inTrace("a")).singleElement()
			.satisfies(lost -> assertThat(lost.server()).isEqualTo(backend.ref()));
	}

	/**
	 * A caller's own concurrent requests are roots of its own service with the same path; they are not
	 * where its calls go. A call that names its callee fits only that service.
	 *
	 * <pre>
	 * trace a  frontend  S f1  |0------------------------------100|
	 *                    c c1     |10------------------------90|
	 * trace y  frontend  S y1   |5---------------------------------105|   another user's GET /api/data
	 * trace b  backend   S b1        |15----------------80|
	 * trace z  audit     S z1          |20------------70|                 GET /api/data on another service
	 * </pre>
	 */
	@Test
	void analyze_serviceFits_callerOwnRootsAndOtherCalleesLeftOut() {
		Hop y1 = server("y", "y1", null, "frontend", 5, 100).get("/api/data");
		Hop b1 = server("b", "b1", null, "backend", 15, 65).get("/api/data");
		Hop z1 = server("z", "z1", null, "audit", 20, 50).get("/api/data");
		Hop named = CALL.calling("backend");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, named, y1, b1, z1), LATER);

		assertThat(report.inTrace("a")).singleElement().satisfies(lost -> {
			assertThat(lost.link()).isEqualTo(Confidence.PROBABLE);
			assertThat(lost.server()).isEqualTo(b1.ref());
		});
		assertThat(report.inTrace("y")).isEmpty();
		assertThat(report.inTrace("z")).isEmpty();
		// unnamed, the call fits any service but its own
		assertThat(ANALYSIS.analyze(List.of(FRONT, CALL, y1, b1, z1), LATER).inTrace("a")).singleElement()
			.satisfies(lost -> assertThat(lost.candidates()).containsExactly(b1.ref(), z1.ref()));
	}

	/**
	 * The call's very header, received by one of two roots that fit: that one, definitely.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|     sent 00-4BF9... (as a hand-written client might)
	 * trace b  backend   S b1        |15----------------80|         received 00-4BF9..., refused
	 * trace x  backend   S x1          |20----------60|             received nothing
	 * </pre>
	 */
	@Test
	void analyze_sentHeaderReceived_pairsDefinitelyAmongSeveral() {
		Hop call = CALL.sent(SENT_UPPERCASE);
		Hop b1 = server("b", "b1", null, "backend", 15, 65).get("/api/data").refused(SENT_UPPERCASE);
		Hop x1 = server("x", "x1", null, "backend", 20, 40).get("/api/data");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, call, b1, x1), LATER);

		assertThat(report.inTrace("a")).singleElement().satisfies(lost -> {
			assertThat(lost.link()).isEqualTo(Confidence.DEFINITE);
			assertThat(lost.server()).isEqualTo(b1.ref());
		});
		assertThat(report.inTrace("b")).singleElement()
			.satisfies(restart -> assertThat(restart.client()).isEqualTo(call.ref()));
		assertThat(report.inTrace("x")).isEmpty();
	}

	/**
	 * The call's very header, received by a root whose request nothing tells (no path, no route, a
	 * tracing library that tags neither) and that started long after: still that one, definitely.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10-----90|                       sent 00-4BF9...
	 * trace b  backend   S b1                     |500---600|       received 00-4BF9..., refused; no request tags
	 * </pre>
	 */
	@Test
	void analyze_sentHeaderReceived_pairsWithoutRequestOrWindow() {
		Hop call = CALL.sent(SENT_UPPERCASE);
		Hop b1 = server("b", "b1", null, "backend", 500, 100).refused(SENT_UPPERCASE);

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, call, b1), LATER);

		assertThat(report.breaks()).extracting(Break::kind, Break::confidence, Break::link, Break::otherTraceId)
			.containsExactly(tuple(Kind.LOST_DOWNSTREAM, Confidence.DEFINITE, Confidence.DEFINITE, "b"),
					tuple(Kind.RESTARTED_HERE, Confidence.DEFINITE, Confidence.DEFINITE, "a"));
	}

	/**
	 * Brave's Cassandra and SQL instrumentations name the keyspace or the caller itself as the remote
	 * service; the statement says the callee is a database, whatever its name.
	 *
	 * <pre>
	 * trace a  auth      S f1  |0------------------------------100|
	 *                    c q1     |10--30|                          remote service auth, cassandra.query
	 * </pre>
	 */
	@Test
	void analyze_statementToCallerNamedStore_untraced() {
		Hop front = server("a", "f1", null, "auth", 0, 100).get("/oauth/token");
		Hop query = client("a", "q1", "f1", "auth", 10, 20).calling("auth").with("cassandra.query", "SELECT 1");

		BreakReport report = ANALYSIS.analyze(List.of(front, query), LATER);

		assertThat(report.breaks()).isEmpty();
		assertThat(report.untracedCalls()).containsExactly(new UntracedCall(query.ref(), "auth", "cassandra.query"));
	}

	/**
	 * Spans arrive in batches: a call without a child is pending until its trace has been quiet for the
	 * settle time (1,000 ms after its last span ended at 100 ms).
	 *
	 * <pre>
	 * trace a  frontend  S f1  |0----------100|
	 *                    c c1     |10---90|
	 * now                                        |600: pending       |1100: judged (callee unknown)
	 * trace a  backend   s b1        |15-80|  arrives late: before 1100 (never lost), after (no longer lost)
	 * </pre>
	 */
	@Test
	void analyze_lateChild_pendingBeforeSettle_retractedAfter() {
		Hop backend = server("a", "b1", "c1", "backend", 15, 65).get("/api/data");

		BreakReport early = ANALYSIS.analyze(List.of(FRONT, CALL), at(600));
		assertThat(early.breaks()).isEmpty();
		assertThat(early.pendingCalls()).isEqualTo(1);

		BreakReport arrivedBeforeSettle = ANALYSIS.analyze(List.of(FRONT, CALL, backend), at(1_100));
		assertThat(arrivedBeforeSettle.breaks()).isEmpty();
		assertThat(arrivedBeforeSettle.pendingCalls()).isZero();

		BreakReport settled = ANALYSIS.analyze(List.of(FRONT, CALL), at(1_100));
		assertThat(settled.pendingCalls()).isZero();
		assertThat(settled.unknownCalleeCalls()).containsExactly(CALL.ref());

		BreakReport arrivedAfterSettle = ANALYSIS.analyze(List.of(FRONT, CALL, backend), at(1_200));
		assertThat(arrivedAfterSettle.breaks()).isEmpty();
		assertThat(arrivedAfterSettle.unknownCalleeCalls()).isEmpty();
	}

	/**
	 * The continuation's spans arrive after the call was judged lost: the link appears then.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10---90|
	 * trace b  backend   S b1        |15-80|   in the store only from 2,000 ms on
	 * now                                          |1,500: callee unknown     |2,000: lost, linked to b
	 * </pre>
	 */
	@Test
	void analyze_lateContinuation_linkedOnceArrived() {
		Hop backend = server("b", "b1", null, "backend", 15, 65).get("/api/data");

		assertThat(ANALYSIS.analyze(List.of(FRONT, CALL), at(1_500)).unknownCalleeCalls()).containsExactly(CALL.ref());
		assertThat(ANALYSIS.analyze(List.of(FRONT, CALL, backend), at(2_000)).inTrace("a")).singleElement()
			.satisfies(lost -> assertThat(lost.otherTraceId()).isEqualTo("b"));
	}

	/**
	 * Settle counts from the trace's latest span end, so a call in a trace still being written waits.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10---90|
	 *                    . w1                          |1,500---1,600|   later local work in the same trace
	 * now                                        |1,100: pending (quiet only since 1,600)
	 * </pre>
	 */
	@Test
	void analyze_traceStillActive_pending() {
		Hop work = local("a", "w1", "f1", "frontend", 1_500, 100);

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, work), at(1_100));

		assertThat(report.breaks()).isEmpty();
		assertThat(report.pendingCalls()).isEqualTo(1);
	}

	/**
	 * 50 calls at the same moment, each to its own item: the paths tell them apart.
	 *
	 * <pre>
	 * trace a0..a49  frontend  c  |10----------------90|   GET /api/items/0 .. /api/items/49
	 * trace b0..b49  backend   S     |15---------80|       GET /api/items/0 .. /api/items/49
	 * </pre>
	 */
	@Test
	void analyze_fiftyAtOnce_pathsTellApart_eachLinkedToItsOwn() {
		List<Hop> spans = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			spans.add(client("a" + i, "c" + i, "f" + i, "frontend", 10, 80).get("/api/items/" + i));
			spans.add(server("b" + i, "s" + i, null, "backend", 15, 65).get("/api/items/" + i));
		}

		BreakReport report = ANALYSIS.analyze(spans, LATER);

		assertThat(report.breaks()).hasSize(100);
		assertEachLinkedToItsOwn(report, 50, Confidence.PROBABLE);
	}

	/**
	 * 50 calls of the same request, 100 ms apart: their times tell them apart.
	 *
	 * <pre>
	 * trace a0   c |0--20|          a1   c |100--120|     ...   a49  c |4900--4920|
	 * trace b0   S   |5-15|         b1   S   |105-115|    ...   b49  S   |4905-4915|
	 * </pre>
	 */
	@Test
	void analyze_fiftyInARow_timesTellApart_eachLinkedToItsOwn() {
		List<Hop> spans = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			spans.add(client("a" + i, "c" + i, "f" + i, "frontend", i * 100, 20).get("/api/data"));
			spans.add(server("b" + i, "s" + i, null, "backend", i * 100 + 5, 10).get("/api/data"));
		}

		BreakReport report = ANALYSIS.analyze(spans, LATER);

		for (int i = 0; i < 50; i++) {
			assertThat(report.inTrace("a" + i)).singleElement().extracting(Break::otherTraceId).isEqualTo("b" + i);
		}
	}

	/**
	 * 50 calls of the same request at the same moment, with the header dropped: nothing tells them
	 * apart, so every one is ambiguous between all 50 new traces; each counts them and lists 5.
	 *
	 * <pre>
	 * trace a0..a49  frontend  c  |10----------------90|   GET /api/data, sent nothing that arrived
	 * trace b0..b49  backend   S     |15---------80|       GET /api/data, received nothing
	 * </pre>
	 */
	@Test
	void analyze_fiftyAtOnceSameRequest_headersDropped_allAmbiguous() {
		List<Hop> spans = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			spans.add(client("a" + i, "c" + i, "f" + i, "frontend", 10, 80).get("/api/data"));
			spans.add(server("b" + i, "s" + i, null, "backend", 15, 65).get("/api/data"));
		}

		BreakReport report = ANALYSIS.analyze(spans, LATER);

		assertThat(report.breaks()).hasSize(100).allSatisfy(each -> {
			assertThat(each.confidence()).isEqualTo(Confidence.PROBABLE);
			assertThat(each.link()).isEqualTo(Confidence.AMBIGUOUS);
			assertThat(each.candidateCount()).isEqualTo(50);
			assertThat(each.candidates()).hasSize(Break.MAX_LISTED_CANDIDATES);
			assertThat(each.otherTraceId()).isNull();
		});
	}

	/**
	 * 50 calls of the same request at the same moment with the ids in uppercase: each root received its
	 * caller's very header, so each is paired definitely.
	 *
	 * <pre>
	 * trace a0..a49  frontend  c  |10----------------90|   sent 00-0000...00A0-..., 00-0000...00A1-..., ...
	 * trace b0..b49  backend   S     |15---------80|       received the same, refused
	 * </pre>
	 */
	@Test
	void analyze_fiftyAtOnceSameRequest_headersRefused_eachPairedByItsHeader() {
		List<Hop> spans = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			String header = String.format("00-%032X-%016X-01", 0xA0 + i, 0xB0 + i);
			spans.add(client("a" + i, "c" + i, "f" + i, "frontend", 10, 80).get("/api/data").sent(header));
			// shuffled arrival: the pairing must not rely on order
			spans.add(i / 2, server("b" + i, "s" + i, null, "backend", 15, 65).get("/api/data").refused(header));
		}

		BreakReport report = ANALYSIS.analyze(spans, LATER);

		assertEachLinkedToItsOwn(report, 50, Confidence.DEFINITE);
	}

	/**
	 * A span whose parent never arrived: the context got through (the span names its parent), a span
	 * did not. Incomplete, not a break, whether or not it says what request it served.
	 *
	 * <pre>
	 * trace a  backend   s b1  (parent c1, absent)  |15----------80|     GET /api/data
	 *                    . w1  (parent q9, absent)    |20---40|           nothing known
	 * </pre>
	 */
	@Test
	void analyze_orphans_incompleteNotBroken() {
		Hop orphan = server("a", "b1", "c1", "backend", 15, 65).get("/api/data");
		Hop bare = local("a", "w1", "q9", "backend", 20, 20);

		BreakReport report = ANALYSIS.analyze(List.of(orphan, bare, orphan), LATER);

		assertThat(report.breaks()).isEmpty();
		assertThat(report.orphans()).containsExactly(orphan.ref(), bare.ref());
	}

	/**
	 * A root without request evidence cannot be told from any other request; a call whose start is
	 * unknown has no window. Neither is linked.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|
	 * trace b  backend   S b1        |15----------------80|         no method, no path, no route
	 * trace a  frontend  c c2     (no start)                        GET /api/data
	 * </pre>
	 */
	@Test
	void analyze_noRequestOrNoStart_notLinked() {
		Hop bare = server("b", "b1", null, "backend", 15, 65);
		Hop timeless = new Hop("a", "c2", "f1", HopSpan.Kind.CLIENT, "frontend", null, 0, 0, CALL.tags());
		Hop backend = server("x", "x1", null, "backend", 15, 65).get("/api/data");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL.without("uri").without("http.url"), bare), LATER);
		assertThat(report.breaks()).isEmpty();
		assertThat(report.unknownCalleeCalls()).containsExactly(CALL.ref());

		BreakReport withoutStart = ANALYSIS.analyze(List.of(FRONT, timeless, backend), LATER);
		assertThat(withoutStart.breaks()).isEmpty();
		assertThat(withoutStart.unknownCalleeCalls()).containsExactly(timeless.ref());
	}

	/**
	 * Zipkin's B3 servers may share the client's span id instead of making a child: that is a continuation.
	 *
	 * <pre>
	 * trace a  frontend  c c1     |10------------------------90|
	 * trace a  backend   s c1        |15----------------80|     same id, kind SERVER
	 * </pre>
	 */
	@Test
	void analyze_sharedSpanId_continued() {
		Hop shared = server("a", "c1", "f1", "backend", 15, 65).get("/api/data");

		assertThat(ANALYSIS.analyze(List.of(FRONT, CALL, shared), LATER).breaks()).isEmpty();
	}

	/**
	 * A span reported twice counts once.
	 *
	 * <pre>
	 * trace a  frontend  c c1 (twice)   |10------------------------90|
	 * trace b  backend   S b1 (twice)      |15----------------80|
	 * </pre>
	 */
	@Test
	void analyze_duplicates_countedOnce() {
		Hop backend = server("b", "b1", null, "backend", 15, 65).get("/api/data");

		BreakReport report = ANALYSIS.analyze(List.of(FRONT, CALL, CALL, backend, backend), LATER);

		assertThat(report.breaks()).extracting(Break::kind, Break::link)
			.containsExactly(tuple(Kind.LOST_DOWNSTREAM, Confidence.PROBABLE), tuple(Kind.RESTARTED_HERE, Confidence.PROBABLE));
	}

	/**
	 * A trace of more than 16 spans is looked up through hash sets rather than scanned: the verdicts
	 * are the same.
	 *
	 * <pre>
	 * trace a  frontend  S f1  |0------------------------------100|
	 *                    . w0..w39   40 local spans under f1, one reported twice
	 *                    c c1     |10------------------------90|     continued by b1 (in a)
	 *                    c c2     |10------------------------90|     GET /api/other to backend: possibly lost
	 *                    . o1  (parent zz, absent)                   an orphan
	 * trace a  backend   s b1        |15----------------80|
	 * </pre>
	 */
	@Test
	void analyze_bigTrace_sameVerdicts() {
		List<Hop> spans = new ArrayList<>(List.of(FRONT, CALL, server("a", "b1", "c1", "backend", 15, 65).get("/api/data")));
		for (int i = 0; i < 40; i++) {
			spans.add(local("a", "w" + i, "f1", "frontend", 1 + i, 1));
		}
		Hop lost = client("a", "c2", "f1", "frontend", 10, 80).get("/api/other").calling("backend");
		Hop orphan = local("a", "o1", "zz", "frontend", 50, 1);
		spans.addAll(List.of(lost, orphan, lost, spans.get(5)));

		BreakReport report = ANALYSIS.analyze(spans, LATER);

		assertThat(report.breaks()).extracting(Break::span, Break::confidence).containsExactly(tuple(lost.ref(), Confidence.POSSIBLE));
		assertThat(report.orphans()).containsExactly(orphan.ref());
	}

	@Test
	void analyze_nothing_nothing() {
		BreakReport report = ANALYSIS.analyze(List.of(), LATER);

		assertThat(report.breaks()).isEmpty();
		assertThat(report.orphans()).isEmpty();
		assertThat(report.pendingCalls()).isZero();
	}

	@Test
	void analyze_spanWithoutTraceId_ignored() {
		Hop traceless = new Hop(null, "c9", "f1", HopSpan.Kind.CLIENT, "frontend", null, at(10), 80_000, CALL.tags());

		assertThat(ANALYSIS.analyze(List.of(traceless), LATER).breaks()).isEmpty();
	}

	@Test
	void analyze_nulls_throw() {
		assertThatNullPointerException().isThrownBy(() -> ANALYSIS.analyze(null, LATER)).withMessage("spans");
		List<Hop> withNull = new ArrayList<>();
		withNull.add(null);
		assertThatNullPointerException().isThrownBy(() -> ANALYSIS.analyze(withNull, LATER)).withMessage("span");
		assertThatNullPointerException().isThrownBy(() -> new BreakAnalysis(null)).withMessage("rules");
	}

	@Test
	void rules_negative_throw() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BreakRules(-1, 0)).withMessage("settleMicros < 0: -1");
		assertThatIllegalArgumentException().isThrownBy(() -> new BreakRules(0, -1)).withMessage("skewMicros < 0: -1");
	}

	/** Each call {@code a<i>} is linked to the root {@code b<i>} with this confidence, and that root back to it. */
	private static void assertEachLinkedToItsOwn(BreakReport report, int calls, Confidence link) {
		for (int i = 0; i < calls; i++) {
			assertThat(report.inTrace("a" + i)).singleElement()
				.returns(link, Break::link)
				.returns("b" + i, Break::otherTraceId);
			assertThat(report.inTrace("b" + i)).singleElement().extracting(Break::otherTraceId).isEqualTo("a" + i);
		}
	}

}
