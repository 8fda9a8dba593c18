package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tracer.core.context.TraceTags;

/**
 * Where propagation broke: the calls whose context did not continue, the roots that began a new trace
 * although a context was sent to them, and which piece belongs to which (DESIGN.md, decision 9).
 *
 * <pre>{@code
 * time ->            s        c-----------------------c        (s: frontend's server span, c: its call)
 * trace A  frontend  |--------|-----------------------|----|
 *                                  no child in A: LOST_DOWNSTREAM once A is quiet for the settle time
 *
 * trace B  backend          [skew |  S-------------S  | skew]  S: a root, started in c's window +- skew,
 *                                                              same method and path: the link
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ol>
 * <li><b>Lost downstream.</b> A client span whose trace holds no span with it as parent (nor a server
 * span sharing its id, as Zipkin's B3 servers may) once its trace's latest span end is at least the
 * settle time old. Before that it is pending, not judged.</li>
 * <li><b>Candidates.</b> For a lost call: the server spans that are roots (no parent id) in another
 * trace, that started within the call's window widened by the skew on both sides, whose request
 * ({@link HopRequest}) matches the call's, and whose service fits: the call's remote service when it
 * names one, otherwise any service but the caller's own (a caller's concurrent requests are roots of
 * its own service, and are not where its calls go). A call or a root without a known start or a
 * known path or route has no candidates: nothing tells it from another request.</li>
 * <li><b>Header pairs.</b> A call whose {@code w3c.traceparent.sent} is exactly the
 * {@code w3c.traceparent.received} of one candidate is linked to it, definitely, and that root is
 * nobody else's candidate.</li>
 * <li><b>Links.</b> A call and a root are linked when each is the other's only candidate:
 * {@link Confidence#DEFINITE} when the root refused a received header, {@link Confidence#PROBABLE}
 * otherwise. When a call has several candidates, or its one candidate fits several calls, the link is
 * {@link Confidence#AMBIGUOUS} and all are listed.</li>
 * <li><b>Restarted here.</b> A root server span that received a {@code traceparent} and refused it
 * ({@link Confidence#DEFINITE}, linked or not), or that received none but is a lost call's candidate
 * ({@link Confidence#PROBABLE}). Any other root is where a trace simply began.</li>
 * <li><b>Incomplete.</b> A span whose parent is absent is an orphan: reported, never a break.</li>
 * </ol>
 *
 * <h2>Cost</h2>
 * For n spans, r roots with a known request and start, c lost calls and k the roots of one path (or,
 * for a call known only by its route, all roots) that start in one call's window:
 * {@code O(n + r log r + c (log r + k))} time, and {@code O(n)} memory in two hash sets of ids per
 * trace. The roots are indexed by path and sorted by start, so each call binary-searches its window;
 * k is the number of requests to that path that began while the call was in flight, which is what
 * makes a match ambiguous anyway.
 */
public final class BreakAnalysis {

	private static final Comparator<SpanRef> ORDER = Comparator.comparingLong(SpanRef::startMicros)
		.thenComparing(SpanRef::traceId)
		.thenComparing(SpanRef::spanId);

	private final BreakRules rules;

	/**
	 * @param rules the settle time and the clock-skew tolerance, never null
	 */
	public BreakAnalysis(BreakRules rules) {
		this.rules = Objects.requireNonNull(rules, "rules");
	}

	/**
	 * Finds the breaks among spans of any number of traces. Spans without a trace id are ignored; a
	 * span that came twice counts once.
	 *
	 * @param spans the spans, never null, no null element
	 * @param nowMicros epoch microseconds now, to judge which traces have settled
	 * @return the breaks, orphans and pending calls
	 */
	public BreakReport analyze(Collection<? extends HopSpan> spans, long nowMicros) {
		Objects.requireNonNull(spans, "spans");
		Map<String, TraceFacts> traces = new HashMap<>();
		List<HopSpan> clients = new ArrayList<>();
		List<Root> roots = new ArrayList<>();
		collect(spans, traces, clients, roots);

		List<SpanRef> orphans = orphans(spans, traces);
		List<Call> lost = new ArrayList<>();
		int pending = 0;
		for (HopSpan client : clients) {
			TraceFacts trace = traces.get(client.traceId());
			if (trace.reached.contains(client.spanId())) {
				continue;
			}
			if (nowMicros - trace.lastEndMicros < rules.settleMicros()) {
				pending++;
				continue;
			}
			lost.add(new Call(client, HopRequest.of(client)));
		}

		RootIndex index = new RootIndex(roots);
		for (Call call : lost) {
			call.candidates = index.candidates(call, rules.skewMicros());
		}
		pairByHeader(lost);
		for (Call call : lost) {
			for (Root root : call.candidates) {
				root.callers.add(call);
			}
		}

		List<Break> breaks = new ArrayList<>();
		for (Call call : lost) {
			breaks.add(lostDownstream(call));
		}
		for (Root root : roots) {
			Break restart = restartedHere(root);
			if (restart != null) {
				breaks.add(restart);
			}
		}
		breaks.sort(Comparator.comparing(Break::span, ORDER).thenComparing(Break::kind));
		return new BreakReport(breaks, orphans, pending);
	}

	/** Groups the spans by trace, and picks out the client spans and the root server spans, each once. */
	private static void collect(Collection<? extends HopSpan> spans, Map<String, TraceFacts> traces,
			List<HopSpan> clients, List<Root> roots) {
		Set<String> seen = new HashSet<>();
		for (HopSpan span : spans) {
			Objects.requireNonNull(span, "span");
			if (span.traceId() == null) {
				continue;
			}
			TraceFacts trace = traces.computeIfAbsent(span.traceId(), id -> new TraceFacts());
			trace.lastEndMicros = Math.max(trace.lastEndMicros, span.startMicros() + Math.max(0, span.durationMicros()));
			trace.spanIds.add(span.spanId());
			if (span.parentId() != null) {
				trace.reached.add(span.parentId());
			}
			if (span.kind() == HopSpan.Kind.SERVER) {
				// a server sharing its caller's span id (Zipkin's B3 join) is that call's continuation
				trace.reached.add(span.spanId());
			}
			boolean root = span.kind() == HopSpan.Kind.SERVER && span.parentId() == null;
			if ((span.kind() == HopSpan.Kind.CLIENT || root) && seen.add(span.kind() + "/" + span.traceId() + "/" + span.spanId())) {
				if (root) {
					roots.add(new Root(span, HopRequest.of(span)));
				}
				else {
					clients.add(span);
				}
			}
		}
	}

	private static List<SpanRef> orphans(Collection<? extends HopSpan> spans, Map<String, TraceFacts> traces) {
		Set<String> seen = new HashSet<>();
		List<SpanRef> orphans = new ArrayList<>();
		for (HopSpan span : spans) {
			if (span.traceId() == null || span.parentId() == null
					|| traces.get(span.traceId()).spanIds.contains(span.parentId())) {
				continue;
			}
			if (seen.add(span.traceId() + "/" + span.spanId())) {
				orphans.add(SpanRef.of(span));
			}
		}
		orphans.sort(ORDER);
		return orphans;
	}

	/** Rule 3: the very header a call sent, received by exactly one candidate, pairs the two. */
	private static void pairByHeader(List<Call> lost) {
		for (Call call : lost) {
			String sent = call.span.tag(TraceTags.TRACEPARENT_SENT);
			if (sent == null) {
				continue;
			}
			String asReceived = TraceTags.received(sent);
			Root match = null;
			int matches = 0;
			for (Root root : call.candidates) {
				if (asReceived.equals(root.span.tag(TraceTags.TRACEPARENT_RECEIVED)) && root.pairedBy == null) {
					match = root;
					matches++;
				}
			}
			if (matches == 1) {
				match.pairedBy = call;
				call.candidates = List.of(match);
			}
		}
		for (Call call : lost) {
			if (call.candidates.size() == 1 && call.candidates.get(0).pairedBy == call) {
				continue;
			}
			call.candidates = call.candidates.stream().filter(root -> root.pairedBy == null).toList();
		}
	}

	private static Break lostDownstream(Call call) {
		SpanRef client = SpanRef.of(call.span);
		List<Root> candidates = call.candidates;
		if (candidates.isEmpty()) {
			return new Break(Break.Kind.LOST_DOWNSTREAM, client, null, Confidence.DEFINITE, Confidence.NONE, List.of(),
					caller(call) + " has no child in its trace, and no new trace matches it: the callee is not traced,"
							+ " or its spans are not in the store");
		}
		Root only = candidates.get(0);
		if (candidates.size() == 1 && only.callers.size() == 1) {
			SpanRef server = SpanRef.of(only.span);
			return new Break(Break.Kind.LOST_DOWNSTREAM, client, server, Confidence.DEFINITE, linkOf(only), List.of(server),
					linkedReason(call, only));
		}
		List<SpanRef> refs = candidates.stream().map(root -> SpanRef.of(root.span)).sorted(ORDER).toList();
		String why = (candidates.size() > 1) ? candidates.size() + " new traces match it"
				: "the one new trace that matches it also matches " + (only.callers.size() - 1) + " other lost call(s)";
		return new Break(Break.Kind.LOST_DOWNSTREAM, client, null, Confidence.DEFINITE, Confidence.AMBIGUOUS, refs,
				caller(call) + " has no child in its trace; " + why + ", and nothing tells them apart");
	}

	/** Rule 5; null for a root that is simply where a trace began. */
	private static Break restartedHere(Root root) {
		String refusal = refusal(root.span);
		List<Call> callers = root.callers;
		if (refusal == null && callers.isEmpty()) {
			return null;
		}
		SpanRef server = SpanRef.of(root.span);
		Confidence confidence = (refusal != null) ? Confidence.DEFINITE : Confidence.PROBABLE;
		if (callers.isEmpty()) {
			return new Break(Break.Kind.RESTARTED_HERE, null, server, confidence, Confidence.NONE, List.of(),
					service(root.span) + " refused the traceparent: " + refusal);
		}
		Call only = callers.get(0);
		if (callers.size() == 1 && only.candidates.size() == 1) {
			SpanRef client = SpanRef.of(only.span);
			return new Break(Break.Kind.RESTARTED_HERE, client, server, confidence, linkOf(root), List.of(client),
					linkedReason(only, root));
		}
		List<SpanRef> refs = callers.stream().map(call -> SpanRef.of(call.span)).sorted(ORDER).toList();
		String what = (refusal != null) ? service(root.span) + " refused the traceparent: " + refusal
				: service(root.span) + " received no traceparent";
		return new Break(Break.Kind.RESTARTED_HERE, null, server, confidence, Confidence.AMBIGUOUS, refs,
				what + "; " + ((callers.size() > 1) ? callers.size() + " lost calls match it"
						: "the one lost call that matches it also matches other new traces")
						+ ", and nothing tells them apart");
	}

	private static Confidence linkOf(Root root) {
		return (root.pairedBy != null || refusal(root.span) != null) ? Confidence.DEFINITE : Confidence.PROBABLE;
	}

	private static String linkedReason(Call call, Root root) {
		String refusal = refusal(root.span);
		if (refusal != null) {
			return service(root.span) + " refused the traceparent: " + refusal;
		}
		if (root.pairedBy == call) {
			return service(root.span) + " received the traceparent " + caller(call) + " sent, and began a new trace anyway";
		}
		return service(root.span) + " received no traceparent from " + caller(call) + ": the context was dropped on the way";
	}

	/** The core's reason a root refused a received header, or null when it received none (or accepted it). */
	private static String refusal(HopSpan server) {
		if (server.tag(TraceTags.TRACEPARENT_RECEIVED) == null || !"false".equals(server.tag(TraceTags.TRACEPARENT_VALID))) {
			return null;
		}
		String reason = server.tag(TraceTags.TRACEPARENT_INVALID);
		return (reason != null) ? reason : "the header was invalid";
	}

	/** {@code frontend's call GET /api/data}. */
	private static String caller(Call call) {
		String service = call.span.localService();
		return ((service != null) ? service + "'s call " : "a call ") + call.request.describe();
	}

	private static String service(HopSpan span) {
		return (span.localService() != null) ? span.localService() : "the server";
	}

	/** What the analysis keeps of one trace. */
	private static final class TraceFacts {

		/** The latest end (start + duration) of any of its spans. */
		long lastEndMicros;

		final Set<String> spanIds = new HashSet<>();

		/** The ids a span names as its parent, and the ids of server spans (see rule 1). */
		final Set<String> reached = new HashSet<>();

	}

	/** A lost call and, once found, the roots that fit it. */
	private static final class Call {

		final HopSpan span;

		final HopRequest request;

		List<Root> candidates = List.of();

		Call(HopSpan span, HopRequest request) {
			this.span = span;
			this.request = request;
		}

		long start() {
			return span.startMicros();
		}

		long end() {
			return span.startMicros() + Math.max(0, span.durationMicros());
		}

	}

	/** A root server span and the lost calls it fits. */
	private static final class Root {

		final HopSpan span;

		final HopRequest request;

		final List<Call> callers = new ArrayList<>(1);

		/** The call whose sent header this root received, when rule 3 paired them. */
		Call pairedBy;

		Root(HopSpan span, HopRequest request) {
			this.span = span;
			this.request = request;
		}

		long start() {
			return span.startMicros();
		}

	}

	/**
	 * The roots that can be matched, sorted by start: all of them (for calls known only by a route),
	 * those of each path, and those known only by a route.
	 *
	 * <pre>{@code
	 * byStart    [r3 r1 r7 r2 ...]                   every root with a known start and path or route
	 * byPath     "/api/data" -> [r3 r7 ...]           roots whose path is known
	 * routeOnly  [r1 ...]                            roots known only by their route
	 * }</pre>
	 */
	private static final class RootIndex {

		private static final Root[] NONE = new Root[0];

		private final Root[] byStart;

		private final Map<String, Root[]> byPath = new HashMap<>();

		private final Root[] routeOnly;

		RootIndex(List<Root> roots) {
			Comparator<Root> byStartTime = Comparator.comparingLong(Root::start);
			byStart = roots.stream().filter(root -> root.start() != 0 && root.request.known()).sorted(byStartTime)
				.toArray(Root[]::new);
			Map<String, List<Root>> paths = new HashMap<>();
			List<Root> routes = new ArrayList<>();
			for (Root root : byStart) {
				if (root.request.path() != null) {
					paths.computeIfAbsent(root.request.path(), path -> new ArrayList<>()).add(root);
				}
				else {
					routes.add(root);
				}
			}
			paths.forEach((path, list) -> byPath.put(path, list.toArray(NONE)));
			routeOnly = routes.toArray(NONE);
		}

		/** Rule 2. */
		List<Root> candidates(Call call, long skewMicros) {
			if (call.start() == 0 || !call.request.known()) {
				return List.of();
			}
			long from = call.start() - skewMicros;
			long to = call.end() + skewMicros;
			List<Root> found = new ArrayList<>();
			if (call.request.path() != null) {
				addInWindow(byPath.getOrDefault(call.request.path(), NONE), from, to, call, found);
				addInWindow(routeOnly, from, to, call, found);
			}
			else {
				addInWindow(byStart, from, to, call, found);
			}
			return found;
		}

		private static void addInWindow(Root[] sorted, long from, long to, Call call, List<Root> found) {
			for (int i = firstAtOrAfter(sorted, from); i < sorted.length && sorted[i].start() <= to; i++) {
				Root root = sorted[i];
				if (!root.span.traceId().equals(call.span.traceId()) && call.request.matches(root.request)
						&& serviceFits(call.span, root.span)) {
					found.add(root);
				}
			}
		}

		private static boolean serviceFits(HopSpan client, HopSpan server) {
			String callee = client.remoteService();
			if (callee == null) {
				callee = client.tag("peer.service");
			}
			if (callee != null && server.localService() != null) {
				return callee.equalsIgnoreCase(server.localService());
			}
			return callee != null || client.localService() == null || !client.localService().equals(server.localService());
		}

		private static int firstAtOrAfter(Root[] sorted, long start) {
			int low = 0;
			int high = sorted.length;
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (sorted[mid].start() < start) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low;
		}

	}

}
