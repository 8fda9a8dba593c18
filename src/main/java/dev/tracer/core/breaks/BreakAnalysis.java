package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.tracer.core.context.TraceTags;
import dev.tracer.core.tree.SpanTimes;

/**
 * Where propagation broke: the calls whose context did not continue, the roots that began a new trace
 * although a context was sent to them, and which piece belongs to which (docs/design.md, decisions 9 and 12).
 * A break is claimed only on evidence, and its confidence says which; a call that merely has no child
 * is not evidence, since databases, caches, brokers and third parties write no spans.
 *
 * <pre>{@code
 * time ->            s        c-----------------------c        (s: frontend's server span, c: its call)
 * trace A  frontend  |--------|-----------------------|----|
 *                                  no child in A: judged once A is quiet for the settle time
 *
 * trace B  backend          [skew |  S-------------S  | skew]  S: a root, started in c's window +- skew,
 *                                                              same method and path: the link
 * }</pre>
 *
 * <h2>Confidence and the evidence each needs</h2>
 * <pre>{@code
 * level      a lost call (LOST_DOWNSTREAM) needs                 a new root (RESTARTED_HERE) needs
 * definite   its one matching root has header evidence:          header evidence: it recorded a traceparent
 *            a refused traceparent, or the very header           it refused (w3c.traceparent.received and
 *            the call sent (w3c.traceparent.sent) received       .valid=false, .invalid the reason), or it
 *                                                                received the very header a call sent
 * probable   a matching root without header evidence (one:       no header, but a lost call matches it
 *            link probable; several: link ambiguous)
 * possible   no matching root, but its callee is traced:         never
 *            a span of that service or host is among those
 *            analysed, and none is this call's
 * }</pre>
 * A link (the other piece) is {@code definite} with header evidence and a unique match, {@code probable}
 * with a unique match by time and request, {@code ambiguous} when several fit (counted, the first
 * {@link Break#MAX_LISTED_CANDIDATES} listed) and {@code none} otherwise.
 *
 * <h2>Calls without a child that are not breaks</h2>
 * <ul>
 * <li><b>Untraced call</b> ({@link UntracedCall}): its callee ({@link Callee}, from Zipkin's remote
 * service, {@code peer.service}, {@code db.system}, {@code messaging.system}, {@code rpc.system}, the
 * server address or the URL's host) has no span among those analysed, and no new trace matches it.</li>
 * <li><b>Unknown callee</b>: nothing names the callee (or only {@code localhost} or an IP address
 * does) and no new trace matches it. Nothing shows that anything was lost.</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * <ol>
 * <li><b>Without a child.</b> A client span whose trace holds no span with it as parent (nor a server
 * span sharing its id, as Zipkin's B3 servers may) once its trace's latest span end is at least the
 * settle time old. Before that it is pending, not judged.</li>
 * <li><b>Candidates.</b> For such a call: the server spans that are roots (no parent id) in another
 * trace, that started within the call's window widened by the skew on both sides, whose request
 * ({@link HopRequest}) matches the call's, and whose service fits: the call's remote service when it
 * names one, otherwise any service but the caller's own (a caller's concurrent requests are roots of
 * its own service, and are not where its calls go). A call or a root without a known start or a
 * known path or route has no candidates: nothing tells it from another request.</li>
 * <li><b>Header pairs.</b> A call whose {@code w3c.traceparent.sent} is exactly the
 * {@code w3c.traceparent.received} of one root of another trace is linked to it, definitely, whatever
 * their requests and times (the header names the call's trace and span: nothing else could have
 * sent it), and that root is nobody else's candidate.</li>
 * <li><b>Links.</b> A call and a root are linked when each is the other's only candidate. When a call
 * has several candidates, or its one candidate fits several calls, the link is ambiguous.</li>
 * <li><b>Lost downstream.</b> A call with candidates; or, without, one whose callee is traced.
 * Otherwise an untraced call or an unknown callee, as above.</li>
 * <li><b>Restarted here.</b> A root server span that received a {@code traceparent} and refused it
 * (linked or not), that was paired by rule 3, or that received none but is a lost call's candidate.
 * Any other root is where a trace simply began.</li>
 * <li><b>Incomplete.</b> A span whose parent is absent is an orphan: reported, never a break.</li>
 * </ol>
 *
 * <h2>Cost</h2>
 * For n spans, r roots with a known request and start, c calls without a child and k the roots of one
 * path (or, for a call known only by its route, all roots) that start in one call's window:
 * {@code O(n + r log r + c (log r + k log k))} time and {@code O(n + c k)} memory. The spans are
 * grouped by trace once, and read once more for the traced names only when a call matched by no new
 * trace names a callee; a trace's questions (is this id a parent?) are answered by scanning it when it
 * is small and by hash sets when it is big, so no trace costs more than linear. The roots are indexed
 * by path and service and sorted by start, so each call binary-searches its window in the services
 * that can fit it; k is then the number of requests to that path, in those services, that began while
 * the call was in flight, which is also what makes a match ambiguous. The output is not part of the
 * cost: a break lists at most {@link Break#MAX_LISTED_CANDIDATES} candidates and counts the rest.
 */
public final class BreakAnalysis {

	/** Report order: by start, then trace and span id. */
	static final Comparator<SpanRef> ORDER = Comparator.comparingLong(SpanRef::startMicros)
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
	 * Finds the breaks among spans of any number of traces, and the calls without a child that are not
	 * breaks. Spans without a trace id are ignored; a span that came twice counts once.
	 *
	 * @param spans the spans, never null, no null element
	 * @param nowMicros epoch microseconds now, to judge which traces have settled
	 * @return the breaks, untraced calls, calls to an unknown callee, orphans and pending calls
	 */
	public BreakReport analyze(Collection<? extends HopSpan> spans, long nowMicros) {
		Objects.requireNonNull(spans, "spans");
		Map<String, List<HopSpan>> traces = new HashMap<>();
		for (HopSpan span : spans) {
			Objects.requireNonNull(span, "span");
			if (span.traceId() != null) {
				traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>(4)).add(span);
			}
		}
		List<Call> childless = new ArrayList<>();
		List<Root> roots = new ArrayList<>();
		List<SpanRef> orphans = new ArrayList<>();
		int pending = 0;
		for (List<HopSpan> trace : traces.values()) {
			TraceSpans scan = new TraceSpans(trace);
			boolean settled = nowMicros - scan.lastEndMicros >= rules.settleMicros();
			for (int i = 0; i < trace.size(); i++) {
				HopSpan span = trace.get(i);
				if (scan.isRepeat(i)) {
					continue;
				}
				if (span.parentId() != null && !scan.has(span.parentId())) {
					orphans.add(SpanRef.of(span));
				}
				if (span.kind() == HopSpan.Kind.CLIENT && !scan.reached(span.spanId())) {
					if (settled) {
						childless.add(new Call(span));
					}
					else {
						pending++;
					}
				}
				else if (span.kind() == HopSpan.Kind.SERVER && span.parentId() == null) {
					roots.add(new Root(span));
				}
			}
		}
		orphans.sort(ORDER);

		RootIndex index = new RootIndex(roots);
		for (Call call : childless) {
			call.candidates = index.candidates(call, rules.skewMicros());
		}
		pairByHeader(childless, roots);
		for (Call call : childless) {
			for (Root root : call.candidates) {
				root.callers.add(call);
			}
		}

		List<Break> breaks = new ArrayList<>();
		List<UntracedCall> untraced = new ArrayList<>();
		List<SpanRef> unknownCallee = new ArrayList<>();
		// made on first need: a store whose every call without a child matched a new trace never pays for it
		Set<String> traced = null;
		for (Call call : childless) {
			if (!call.candidates.isEmpty()) {
				breaks.add(lostDownstream(call));
				continue;
			}
			Callee callee = Callee.of(call.span);
			if (!callee.known()) {
				unknownCallee.add(call.ref);
				continue;
			}
			if (traced == null && !callee.identities().isEmpty()) {
				traced = tracedNames(traces);
			}
			if (traced != null && callee.tracedAmong(traced)) {
				breaks.add(lostAtTracedCallee(call, callee));
			}
			else {
				untraced.add(new UntracedCall(call.ref, callee.name(), callee.basis()));
			}
		}
		for (Root root : roots) {
			Break restart = restartedHere(root);
			if (restart != null) {
				breaks.add(restart);
			}
		}
		breaks.sort(Comparator.comparing(Break::span, ORDER).thenComparing(Break::kind));
		untraced.sort(Comparator.comparing(UntracedCall::call, ORDER));
		unknownCallee.sort(ORDER);
		return new BreakReport(breaks, untraced, unknownCallee, orphans, pending);
	}

	/** The lowercase names spans were recorded under: services, and the hosts server spans served. */
	private static Set<String> tracedNames(Map<String, List<HopSpan>> traces) {
		Set<String> traced = new HashSet<>();
		for (List<HopSpan> trace : traces.values()) {
			for (HopSpan span : trace) {
				Callee.addTracedNames(span, traced);
			}
		}
		return traced;
	}

	/**
	 * Rule 3: the very header a call sent, received by exactly one root of another trace, pairs the two
	 * whatever their requests and times say, and that root is nobody else's candidate.
	 */
	private static void pairByHeader(List<Call> childless, List<Root> roots) {
		Map<String, List<Root>> byReceived = new HashMap<>();
		for (Root root : roots) {
			String received = root.span.tag(TraceTags.TRACEPARENT_RECEIVED);
			if (received != null) {
				byReceived.computeIfAbsent(received, header -> new ArrayList<>(1)).add(root);
			}
		}
		if (byReceived.isEmpty()) {
			return;
		}
		boolean paired = false;
		for (Call call : childless) {
			String sent = call.span.tag(TraceTags.TRACEPARENT_SENT);
			List<Root> receivers = (sent != null) ? byReceived.get(TraceTags.received(sent)) : null;
			if (receivers == null) {
				continue;
			}
			Root match = null;
			int matches = 0;
			for (Root root : receivers) {
				if (root.pairedBy == null && !root.span.traceId().equals(call.span.traceId())) {
					match = root;
					matches++;
				}
			}
			if (matches == 1) {
				match.pairedBy = call;
				call.candidates = List.of(match);
				paired = true;
			}
		}
		if (!paired) {
			return;
		}
		for (Call call : childless) {
			if (call.candidates.size() == 1 && call.candidates.get(0).pairedBy == call) {
				continue;
			}
			call.candidates = call.candidates.stream().filter(root -> root.pairedBy == null).toList();
		}
	}

	/** Rule 5, for a call that new traces match: probable, or definite when its one root has header evidence. */
	private static Break lostDownstream(Call call) {
		SpanRef client = call.ref;
		List<Root> candidates = call.candidates;
		Root only = candidates.get(0);
		if (candidates.size() == 1 && only.callers.size() == 1) {
			SpanRef server = only.ref;
			Confidence link = linkOf(only);
			return new Break(Break.Kind.LOST_DOWNSTREAM, client, server, link, link, List.of(server),
					linkedReason(call, only));
		}
		return new Break(Break.Kind.LOST_DOWNSTREAM, client, null, Confidence.PROBABLE, Confidence.AMBIGUOUS,
				firstListed(candidates, root -> root.ref), candidates.size(),
				ambiguousLostReason(caller(call), candidates.size(), only.callers.size()));
	}

	/** Rule 5, for a call no new trace matches whose callee writes spans: possible, nothing more. */
	private static Break lostAtTracedCallee(Call call, Callee callee) {
		return possible(call.ref, caller(call), callee, call.span.tag("error"));
	}

	/** Rule 5's possible break, in words: shared with {@link BreakEngine}. */
	static Break possible(SpanRef call, String caller, Callee callee, String error) {
		String why = (error != null) ? "the call failed (" + error + "), so " + callee.name() + " may never have received it"
				: "its span may be unsampled, late or evicted, or the call went elsewhere";
		return new Break(Break.Kind.LOST_DOWNSTREAM, call, null, Confidence.POSSIBLE, Confidence.NONE, List.of(),
				caller + " has no child in its trace and no new trace matches it, although " + callee.name()
						+ " is traced: " + why);
	}

	/** Why a lost call's link is ambiguous: several roots fit it, or its one root fits other calls. */
	static String ambiguousLostReason(String caller, int candidates, int callersOfOnly) {
		String why = (candidates > 1) ? candidates + " new traces match it"
				: "the one new trace that matches it also matches " + (callersOfOnly - 1) + " other lost call(s)";
		return caller + " has no child in its trace; " + why + ", and nothing tells them apart";
	}

	/** Why a restart's link is ambiguous. */
	static String ambiguousRestartReason(String service, String refusal, int callers) {
		String what = (refusal != null) ? service + " refused the traceparent: " + refusal
				: service + " received no traceparent";
		return what + "; " + ((callers > 1) ? callers + " lost calls match it"
				: "the one lost call that matches it also matches other new traces") + ", and nothing tells them apart";
	}

	/** The first few pieces in report order, so that a break never grows with the store. */
	private static <T> List<SpanRef> firstListed(List<T> pieces, Function<T, SpanRef> ref) {
		return pieces.stream().map(ref).sorted(ORDER).limit(Break.MAX_LISTED_CANDIDATES).toList();
	}

	/** Rule 6; null for a root that is simply where a trace began. */
	private static Break restartedHere(Root root) {
		String refusal = refusal(root.span);
		List<Call> callers = root.callers;
		if (refusal == null && callers.isEmpty()) {
			return null;
		}
		SpanRef server = root.ref;
		Confidence confidence = (refusal != null || root.pairedBy != null) ? Confidence.DEFINITE : Confidence.PROBABLE;
		if (callers.isEmpty()) {
			return new Break(Break.Kind.RESTARTED_HERE, null, server, confidence, Confidence.NONE, List.of(),
					refusedReason(service(root.span), refusal));
		}
		Call only = callers.get(0);
		if (callers.size() == 1 && only.candidates.size() == 1) {
			SpanRef client = only.ref;
			return new Break(Break.Kind.RESTARTED_HERE, client, server, confidence, linkOf(root), List.of(client),
					linkedReason(only, root));
		}
		return new Break(Break.Kind.RESTARTED_HERE, null, server, confidence, Confidence.AMBIGUOUS,
				firstListed(callers, call -> call.ref), callers.size(),
				ambiguousRestartReason(service(root.span), refusal, callers.size()));
	}

	private static Confidence linkOf(Root root) {
		return (root.pairedBy != null || refusal(root.span) != null) ? Confidence.DEFINITE : Confidence.PROBABLE;
	}

	private static String linkedReason(Call call, Root root) {
		return linkedReason(service(root.span), refusal(root.span), root.pairedBy == call, caller(call));
	}

	/** Why a call and a root are one request's two pieces, in words: shared with {@link BreakEngine}. */
	static String linkedReason(String rootService, String refusal, boolean pairedByHeader, String caller) {
		if (refusal != null) {
			return refusedReason(rootService, refusal);
		}
		if (pairedByHeader) {
			return rootService + " received the traceparent " + caller + " sent, and began a new trace anyway";
		}
		return rootService + " received no traceparent from " + caller + ": the context was dropped on the way";
	}

	static String refusedReason(String rootService, String refusal) {
		return rootService + " refused the traceparent: " + refusal;
	}

	/** The core's reason a root refused a received header, or null when it received none (or accepted it). */
	static String refusal(HopSpan server) {
		if (server.tag(TraceTags.TRACEPARENT_RECEIVED) == null || !"false".equals(server.tag(TraceTags.TRACEPARENT_VALID))) {
			return null;
		}
		String reason = server.tag(TraceTags.TRACEPARENT_INVALID);
		return (reason != null) ? reason : "the header was invalid";
	}

	/** {@code frontend's call GET /api/data}. */
	private static String caller(Call call) {
		return caller(call.span.localService(), call.request);
	}

	static String caller(String service, HopRequest request) {
		return ((service != null) ? service + "'s call " : "a call ") + request.describe();
	}

	static String service(HopSpan span) {
		return (span.localService() != null) ? span.localService() : "the server";
	}

	/**
	 * The service a call names as its callee when roots are matched to it: its remote service, else its
	 * {@code peer.service} tag; null when it names none.
	 */
	static String namedCallee(HopSpan call) {
		return (call.remoteService() != null) ? call.remoteService() : call.tag("peer.service");
	}

	/** Either side of a broken call as the analysis holds it: the span, its request and its reference. */
	private abstract static class Side {

		final HopSpan span;

		final HopRequest request;

		final SpanRef ref;

		Side(HopSpan span) {
			this.span = span;
			this.request = HopRequest.of(span);
			this.ref = SpanRef.of(span);
		}

		long start() {
			return span.startMicros();
		}

	}

	/** A lost call and, once found, the roots that fit it. */
	private static final class Call extends Side {

		List<Root> candidates = List.of();

		Call(HopSpan span) {
			super(span);
		}

		long end() {
			return SpanTimes.end(span.startMicros(), span.durationMicros());
		}

		/** The service it names as its callee, or null. */
		String callee() {
			return namedCallee(span);
		}

	}

	/** A root server span and the lost calls it fits. */
	private static final class Root extends Side {

		final List<Call> callers = new ArrayList<>(1);

		/** The call whose sent header this root received, when rule 3 paired them. */
		Call pairedBy;

		Root(HopSpan span) {
			super(span);
		}

	}

	/**
	 * The roots that can be matched, each array sorted by start: all of them (for calls known only by
	 * a route), those of each path and service, and those known only by a route.
	 *
	 * <pre>{@code
	 * byStart    [r3 r1 r7 r2 ...]                          every root with a known start and path or route
	 * byPath     "/api/data" -> "backend"  -> [r3 r7 ...]   roots whose path is known, by service
	 *                           "frontend" -> [r1 ...]      (lowercase; "" when the service is unknown)
	 * routeOnly  [r2 ...]                                   roots known only by their route
	 * }</pre>
	 *
	 * A call looks only at the services that can fit it (rule 2): the one it names and the unknown, or
	 * every one but its own, so a busy caller's own requests to the same path cost it nothing.
	 */
	private static final class RootIndex {

		private static final Root[] NONE = new Root[0];

		private final Root[] byStart;

		private final Map<String, Map<String, Root[]>> byPath = new HashMap<>();

		private final Root[] routeOnly;

		RootIndex(List<Root> roots) {
			byStart = roots.stream()
				.filter(root -> root.start() != 0 && root.request.known())
				.sorted(Comparator.comparingLong(Root::start))
				.toArray(Root[]::new);
			Map<String, Map<String, List<Root>>> paths = new HashMap<>();
			List<Root> routes = new ArrayList<>();
			for (Root root : byStart) {
				if (root.request.path() != null) {
					paths.computeIfAbsent(root.request.path(), path -> new HashMap<>())
						.computeIfAbsent(key(root.span.localService()), service -> new ArrayList<>())
						.add(root);
				}
				else {
					routes.add(root);
				}
			}
			paths.forEach((path, services) -> {
				Map<String, Root[]> arrays = new HashMap<>();
				services.forEach((service, list) -> arrays.put(service, list.toArray(NONE)));
				byPath.put(path, arrays);
			});
			routeOnly = routes.toArray(NONE);
		}

		/** Rule 2. */
		List<Root> candidates(Call call, long skewMicros) {
			if (call.start() == 0 || !call.request.known()) {
				return List.of();
			}
			long from = SpanTimes.minus(call.start(), skewMicros);
			long to = SpanTimes.plus(call.end(), skewMicros);
			List<Root> found = new ArrayList<>();
			if (call.request.path() == null) {
				addInWindow(byStart, from, to, call, found);
				return found;
			}
			Map<String, Root[]> services = byPath.getOrDefault(call.request.path(), Map.of());
			String callee = call.callee();
			if (callee != null) {
				addInWindow(services.getOrDefault(key(callee), NONE), from, to, call, found);
				addInWindow(services.getOrDefault("", NONE), from, to, call, found);
			}
			else {
				String own = key(call.span.localService());
				services.forEach((service, sorted) -> {
					if (service.isEmpty() || !service.equals(own)) {
						addInWindow(sorted, from, to, call, found);
					}
				});
			}
			addInWindow(routeOnly, from, to, call, found);
			return found;
		}

		private static String key(String service) {
			return (service == null) ? "" : service.toLowerCase(Locale.ROOT);
		}

		private static void addInWindow(Root[] sorted, long from, long to, Call call, List<Root> found) {
			for (int i = firstAtOrAfter(sorted, from); i < sorted.length && sorted[i].start() <= to; i++) {
				Root root = sorted[i];
				if (!root.span.traceId().equals(call.span.traceId()) && call.request.matches(root.request)
						&& serviceFits(call, root.span)) {
					found.add(root);
				}
			}
		}

		private static boolean serviceFits(Call call, HopSpan server) {
			String callee = call.callee();
			String caller = call.span.localService();
			if (server.localService() == null) {
				return true;
			}
			if (callee != null) {
				return callee.equalsIgnoreCase(server.localService());
			}
			return caller == null || !caller.equalsIgnoreCase(server.localService());
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
