package dev.tracer.core.breaks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.tracer.core.context.TraceTags;
import dev.tracer.core.tree.SpanTimes;

/**
 * The break analysis run once per span, as spans arrive (docs/design.md, decision 15): the rules of
 * {@link BreakAnalysis} (its Javadoc, and docs/breaks.md), kept as state bounded by {@link BreakLimits}
 * and read in time proportional to the answer. {@link BreakAnalysis} stays the whole-set oracle the
 * tests compare this with.
 *
 * <pre>{@code
 * accept(spans, now) ---> pending traces (by last arrival)      ---settle--->  judged calls (per trace)
 *        |                  spans kept until quiet for settle                  lost / possible / untraced /
 *        |                                                                     unknown callee, each once
 *        +--- roots ----> root index: path -> service -> [roots by start]      ^ candidates looked up here,
 *                          by received header -> [roots]                       | in the call's window +- skew
 *                          kept while a call could still match them (settle + skew past arrival, and
 *                          while a trace pending since then is unjudged)
 * advance(now): settles the traces quiet for the settle time, forgets roots no call can match any more
 * forget(traceId): the store evicted it; its pending spans, roots and results go
 * }</pre>
 *
 * <p><b>Quiet</b> is measured on both clocks: a trace settles once its last span arrived at least the
 * settle time ago and its latest span end is at least that old, so replayed old spans (the corpus) wait
 * for their siblings as live ones do.
 *
 * <p><b>What differs from the whole-set oracle</b>, by design: a call is judged once, with the roots
 * and traced names present when its trace settles; a root (or a callee's first span) that arrives later
 * than that does not revise it. A root's callers grow as calls are judged, and links are rendered from
 * the current counts when read, so a root matched by a second call makes both links ambiguous as the
 * oracle would. A call whose header pairs it with a root that earlier calls listed among their
 * candidates takes the root from them (their listed candidates are counted again).
 *
 * <p>Every client call judged yields one {@link CallOutcome}, handed to the consumer outside the
 * engine's lock. Thread-safe: one lock; each call holds it for time linear in its input or answer,
 * and a settle for time linear in the calls judged and the roots in their windows.
 */
public final class BreakEngine {

	/** Report order of the newest breaks: start descending, then report order, then arrival. */
	private static final Comparator<Site> NEWEST_FIRST = Comparator
		.comparingLong((Site site) -> site.ref().startMicros())
		.reversed()
		.thenComparing(Site::ref, BreakAnalysis.ORDER)
		.thenComparing(Site::kind)
		.thenComparingLong(Site::sequence);

	private final BreakRules rules;

	private final BreakLimits limits;

	private final Consumer<CallOutcome> outcomes;

	/** Pending traces by last arrival: the head is quiet longest. */
	private final LinkedHashMap<String, PendingTrace> pending = new LinkedHashMap<>();

	/** Pending traces quiet by arrival whose spans end in the future of this clock: by end. */
	private final PriorityQueue<PendingTrace> waitingOnClock = new PriorityQueue<>(
			Comparator.comparingLong((PendingTrace trace) -> trace.lastEndMicros));

	/** First arrivals of the pending traces, counted: the oldest pins the roots a call may still match. */
	private final TreeMap<Long, Integer> pendingSince = new TreeMap<>();

	private final ArrayDeque<RootNode> rootsByArrival = new ArrayDeque<>();

	private final RootIndex index = new RootIndex();

	private final Map<String, List<RootNode>> byReceived = new HashMap<>();

	private final Set<String> traced = new HashSet<>();

	/** The services seen as spans wrote them, before lowercasing: most spans need no more look. */
	private final Set<String> seenServices = new HashSet<>();

	/** Results by trace, oldest first: the first forgotten past {@link BreakLimits#maxResultTraces}. */
	private final LinkedHashMap<String, TraceResult> results = new LinkedHashMap<>();

	private final TreeSet<Site> newest = new TreeSet<>(NEWEST_FIRST);

	private final List<CallOutcome> outbox = new ArrayList<>();

	private int pendingSpans;

	private int pendingCalls;

	private int indexedRoots;

	private long sequence;

	private int breaks;

	private int orphans;

	private int untraced;

	private int unknownCallee;

	private long spansAnalysed;

	private long callsJudged;

	private long settledEarly;

	private long rootsDroppedEarly;

	private long resultsDropped;

	private long tracedNamesDropped;

	private long candidatesCapped;

	/**
	 * @param rules the settle time and the clock-skew tolerance, never null
	 * @param limits the bounds on the state, never null
	 * @param outcomes receives one outcome per client call judged, outside the engine's lock, never null
	 */
	public BreakEngine(BreakRules rules, BreakLimits limits, Consumer<CallOutcome> outcomes) {
		this.rules = Objects.requireNonNull(rules, "rules");
		this.limits = Objects.requireNonNull(limits, "limits");
		this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
	}

	/**
	 * Takes spans as they arrive, once each. Settling is left to {@link #advance}, so the intake's thread
	 * pays only for taking its spans (and for judging early the oldest traces past the pending bound).
	 * Spans without a trace id are ignored.
	 *
	 * @param spans the spans of one batch, never null, no null element
	 * @param nowMicros epoch microseconds now: their arrival
	 */
	public void accept(Collection<? extends HopSpan> spans, long nowMicros) {
		Objects.requireNonNull(spans, "spans");
		List<CallOutcome> out;
		synchronized (this) {
			for (HopSpan span : spans) {
				Objects.requireNonNull(span, "span");
				if (span.traceId() != null) {
					take(span, nowMicros);
				}
			}
			while (pendingSpans > limits.maxPendingSpans()) {
				settledEarly++;
				PendingTrace oldest = pending.isEmpty() ? waitingOnClock.poll() : pending.values().iterator().next();
				oldest.waiting = false;
				judge(List.of(unpend(oldest)));
			}
			out = drain();
		}
		emit(out);
	}

	/**
	 * Judges the calls of every trace quiet for the settle time, and forgets the roots no call can
	 * match any more. Cheap when nothing is due.
	 *
	 * @param nowMicros epoch microseconds now
	 */
	public void advance(long nowMicros) {
		List<CallOutcome> out;
		synchronized (this) {
			out = settle(nowMicros);
		}
		emit(out);
	}

	/**
	 * Judges these traces now, together, without waiting for their settle time: for spans known to be
	 * whole, such as a trace file opened at once, where nothing more of them will arrive. Their roots
	 * stay indexed for calls judged later, as any root does. Traces already judged or unknown are passed by.
	 *
	 * @param traceIds the trace ids as the spans carry them, never null
	 */
	public void settleNow(Collection<String> traceIds) {
		Objects.requireNonNull(traceIds, "traceIds");
		List<CallOutcome> out;
		synchronized (this) {
			List<PendingTrace> due = new ArrayList<>();
			for (String traceId : traceIds) {
				PendingTrace trace = pending.get(traceId);
				if (trace == null) {
					trace = waitingTrace(traceId);
					if (trace != null) {
						waitingOnClock.remove(trace);
						trace.waiting = false;
					}
				}
				if (trace != null) {
					due.add(unpend(trace));
				}
			}
			if (!due.isEmpty()) {
				judge(due);
			}
			out = drain();
		}
		emit(out);
	}

	/**
	 * Forgets a trace the store evicted: its pending spans, its roots, its results.
	 *
	 * @param traceId the trace id as the spans carry it, never null
	 */
	public synchronized void forget(String traceId) {
		Objects.requireNonNull(traceId, "traceId");
		PendingTrace trace = pending.remove(traceId);
		if (trace == null) {
			trace = waitingTrace(traceId);
		}
		if (trace != null) {
			if (trace.waiting) {
				waitingOnClock.remove(trace);
				trace.waiting = false;
			}
			unpendCounts(trace);
			trace.forgotten = true;
		}
		TraceResult result = results.remove(traceId);
		if (result != null) {
			drop(result);
		}
	}

	/**
	 * The breaks of one trace, in report order: its lost calls and its restarts.
	 *
	 * @param traceId the trace id as the spans carry it, never null
	 */
	public synchronized List<Break> inTrace(String traceId) {
		TraceResult result = results.get(Objects.requireNonNull(traceId, "traceId"));
		if (result == null) {
			return List.of();
		}
		List<Break> found = new ArrayList<>();
		for (CallNode call : result.lost) {
			found.add(render(call));
		}
		for (RootNode root : result.roots) {
			if (root.isBreak()) {
				found.add(render(root));
			}
		}
		found.sort(Comparator.comparing(Break::span, BreakAnalysis.ORDER).thenComparing(Break::kind));
		return found;
	}

	/**
	 * The calls of one trace to a callee that writes no spans, in report order.
	 *
	 * @param traceId the trace id as the spans carry it, never null
	 */
	public synchronized List<UntracedCall> untracedInTrace(String traceId) {
		TraceResult result = results.get(Objects.requireNonNull(traceId, "traceId"));
		if (result == null || result.untraced.isEmpty()) {
			return List.of();
		}
		List<UntracedCall> found = new ArrayList<>(result.untraced);
		found.sort(Comparator.comparing(UntracedCall::call, BreakAnalysis.ORDER));
		return found;
	}

	/**
	 * How many breaks one trace has.
	 *
	 * @param traceId the trace id as the spans carry it, never null
	 */
	public synchronized int breakCount(String traceId) {
		TraceResult result = results.get(Objects.requireNonNull(traceId, "traceId"));
		return (result != null) ? result.breaks() : 0;
	}

	/**
	 * The traces that have at least one break, for a search that lists only those: as many as the results
	 * kept ({@link BreakLimits#maxResultTraces()}) at most.
	 *
	 * @return the trace ids as the spans carry them, a copy
	 */
	public synchronized Set<String> tracesWithBreaks() {
		Set<String> found = new HashSet<>();
		results.forEach((traceId, result) -> {
			if (result.breaks() > 0) {
				found.add(traceId);
			}
		});
		return found;
	}

	/**
	 * The newest breaks across traces, by the start of their span.
	 *
	 * @param limit the most to return, 0 or more
	 * @return at most {@code limit} breaks, newest first
	 */
	public synchronized List<Break> newest(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit < 0: " + limit);
		}
		List<Break> found = new ArrayList<>(Math.min(limit, newest.size()));
		Iterator<Site> sites = newest.iterator();
		while (found.size() < limit && sites.hasNext()) {
			Site site = sites.next();
			found.add((site instanceof CallNode call) ? render(call) : render((RootNode) site));
		}
		return found;
	}

	/** The counts of the whole result and of the state, at one moment. */
	public synchronized BreakTotals totals() {
		return new BreakTotals(breaks, untraced, unknownCallee, orphans, pendingCalls, pending.size()
				+ waitingOnClock.size(), pendingSpans, indexedRoots, results.size(), traced.size(), spansAnalysed,
				callsJudged, settledEarly, rootsDroppedEarly, resultsDropped, tracedNamesDropped, candidatesCapped);
	}

	// --- arrival

	private void take(HopSpan span, long now) {
		spansAnalysed++;
		remember(span);
		String traceId = span.traceId();
		PendingTrace trace = pending.remove(traceId);
		if (trace == null) {
			trace = waitingTrace(traceId);
			if (trace != null) {
				trace.waiting = false;
				waitingOnClock.remove(trace);
			}
			else {
				trace = new PendingTrace(traceId, now);
				pendingSince.merge(now, 1, Integer::sum);
			}
		}
		trace.spans.add(span);
		trace.lastArrivalMicros = now;
		trace.lastEndMicros = Math.max(trace.lastEndMicros, SpanTimes.end(span.startMicros(), span.durationMicros()));
		pending.put(traceId, trace);
		pendingSpans++;
		if (span.kind() == HopSpan.Kind.CLIENT) {
			trace.calls++;
			pendingCalls++;
		}
		else if (span.kind() == HopSpan.Kind.SERVER && span.parentId() == null && trace.newRoot(span.spanId())
				&& !isKnownRoot(traceId, span.spanId())) {
			addRoot(span, now);
		}
	}

	/** A trace quiet by arrival but waiting on the span clock: rare, so found by a scan. */
	private PendingTrace waitingTrace(String traceId) {
		for (PendingTrace trace : waitingOnClock) {
			if (trace.traceId.equals(traceId)) {
				return trace;
			}
		}
		return null;
	}

	private void remember(HopSpan span) {
		// a client or local span adds only its service's name: once seen, nothing to do
		if (span.kind() != HopSpan.Kind.SERVER && span.localService() != null && seenServices.contains(span.localService())) {
			return;
		}
		if (span.localService() != null && seenServices.size() < limits.maxTracedNames()) {
			seenServices.add(span.localService());
		}
		if (traced.size() >= limits.maxTracedNames()) {
			Set<String> names = new HashSet<>(2);
			Callee.addTracedNames(span, names);
			if (!traced.containsAll(names)) {
				tracedNamesDropped++;
			}
			return;
		}
		Callee.addTracedNames(span, traced);
	}

	/** A root repeated after its trace settled once: the first copy stands, as in the oracle. */
	private boolean isKnownRoot(String traceId, String spanId) {
		TraceResult result = results.get(traceId);
		if (result == null) {
			return false;
		}
		for (RootNode root : result.roots) {
			if (root.ref.spanId().equals(spanId)) {
				return true;
			}
		}
		return false;
	}

	private void addRoot(HopSpan span, long now) {
		RootNode root = new RootNode(span, now);
		TraceResult result = result(root.ref.traceId());
		result.roots.add(root);
		rootsByArrival.addLast(root);
		indexedRoots++;
		if (root.ref.startMicros() != 0 && root.request.known()) {
			index.add(root);
		}
		if (root.received != null) {
			byReceived.computeIfAbsent(root.received, header -> new ArrayList<>(1)).add(root);
		}
		if (root.refusal != null) {
			becameBreak(root);
		}
		while (indexedRoots > limits.maxIndexedRoots()) {
			rootsDroppedEarly++;
			unindex(rootsByArrival.removeFirst());
		}
	}

	// --- settling

	private List<CallOutcome> settle(long now) {
		List<PendingTrace> due = new ArrayList<>();
		Iterator<PendingTrace> quiet = pending.values().iterator();
		while (quiet.hasNext()) {
			PendingTrace trace = quiet.next();
			if (trace.lastArrivalMicros > now - rules.settleMicros()) {
				break;
			}
			quiet.remove();
			if (trace.lastEndMicros <= now - rules.settleMicros()) {
				due.add(unpend(trace));
			}
			else {
				trace.waiting = true;
				waitingOnClock.add(trace);
			}
		}
		while (!waitingOnClock.isEmpty() && waitingOnClock.peek().lastEndMicros <= now - rules.settleMicros()) {
			PendingTrace trace = waitingOnClock.poll();
			trace.waiting = false;
			due.add(unpend(trace));
		}
		if (!due.isEmpty()) {
			judge(due);
		}
		expireRoots(now);
		return drain();
	}

	private List<CallOutcome> drain() {
		if (outbox.isEmpty()) {
			return List.of();
		}
		List<CallOutcome> out = new ArrayList<>(outbox);
		outbox.clear();
		return out;
	}

	private PendingTrace unpend(PendingTrace trace) {
		pending.remove(trace.traceId);
		unpendCounts(trace);
		return trace;
	}

	private void unpendCounts(PendingTrace trace) {
		pendingSpans -= trace.spans.size();
		pendingCalls -= trace.calls;
		pendingSince.computeIfPresent(trace.firstArrivalMicros, (at, count) -> (count > 1) ? count - 1 : null);
	}

	/** Rules 1 to 5 for the calls of traces that settled together, as the oracle does for all at once. */
	private void judge(List<PendingTrace> traces) {
		List<CallNode> childless = new ArrayList<>();
		for (PendingTrace trace : traces) {
			if (!trace.forgotten) {
				childless(trace, childless);
			}
		}
		for (CallNode call : childless) {
			pairByHeader(call);
		}
		for (CallNode call : childless) {
			if (call.pairedWith == null) {
				findCandidates(call, true);
			}
		}
		for (CallNode call : childless) {
			callsJudged++;
			if (call.count > 0) {
				call.verdict = Verdict.LOST;
				call.owner.lost.add(call);
				breaks++;
				newest.add(call);
			}
			else {
				judgeUnmatched(call);
			}
			call.span = null;
		}
		for (CallNode call : childless) {
			outbox.add(outcome(call));
		}
	}

	/** Rule 1: the calls of a trace without a child; a continued call's outcome goes out at once. */
	private void childless(PendingTrace trace, List<CallNode> found) {
		TraceSpans scan = new TraceSpans(trace.spans);
		Map<String, String> childService = null;
		TraceResult result = null;
		for (int i = 0; i < trace.spans.size(); i++) {
			HopSpan span = trace.spans.get(i);
			if (scan.isRepeat(i)) {
				continue;
			}
			if (span.parentId() != null && !scan.has(span.parentId())) {
				result = (result != null) ? result : result(trace.traceId);
				result.orphans++;
				orphans++;
			}
			if (span.kind() != HopSpan.Kind.CLIENT) {
				continue;
			}
			result = (result != null) ? result : result(trace.traceId);
			if (!result.judged.add(span.spanId())) {
				// a call repeated after its trace settled once: judged then, as the oracle counts repeats once
				continue;
			}
			if (scan.reached(span.spanId())) {
				childService = (childService != null) ? childService : childServices(trace.spans);
				String callee = childService.get(span.spanId());
				callsJudged++;
				outbox.add(new CallOutcome(SpanRef.of(span), span.localService(),
						(callee != null) ? callee : Callee.of(span).name(), CallOutcome.Outcome.CONTINUED, null, null));
			}
			else {
				found.add(new CallNode(span, result));
			}
		}
	}

	/** Whose span continued each call: a server sharing its id first, else a child's service. */
	private static Map<String, String> childServices(List<HopSpan> spans) {
		Map<String, String> services = new HashMap<>();
		for (HopSpan span : spans) {
			if (span.localService() == null) {
				continue;
			}
			if (span.kind() == HopSpan.Kind.SERVER) {
				services.put(span.spanId(), span.localService());
				if (span.parentId() != null) {
					services.put(span.parentId(), span.localService());
				}
			}
			else if (span.parentId() != null) {
				services.putIfAbsent(span.parentId(), span.localService());
			}
		}
		return services;
	}

	/** Rule 3: the very header the call sent, received by exactly one root of another trace. */
	private void pairByHeader(CallNode call) {
		if (call.sent == null) {
			return;
		}
		List<RootNode> receivers = byReceived.get(call.sent);
		if (receivers == null) {
			return;
		}
		RootNode match = null;
		int matches = 0;
		for (RootNode root : receivers) {
			if (root.pairedBy == null && !root.ref.traceId().equals(call.ref.traceId())) {
				match = root;
				matches++;
			}
		}
		if (matches != 1) {
			return;
		}
		List<CallNode> earlier = new ArrayList<>(match.callers.items());
		match.pairedBy = call;
		call.pairedWith = match;
		index.remove(match);
		boolean wasBreak = match.isBreak();
		match.callerCount = 0;
		match.callers = new Listed<>(CallNode::ref);
		for (CallNode other : earlier) {
			// the root is nobody else's candidate now (rule 3): the calls that listed it count again
			findCandidates(other, false);
			if (other.count == 0 && other.verdict == Verdict.LOST && other.owner != null) {
				other.owner.lost.remove(other);
				newest.remove(other);
				breaks--;
				judgeUnmatched(other);
			}
		}
		call.count = 1;
		call.candidates = new Listed<>(RootNode::ref);
		call.candidates.add(match);
		match.addCaller(call);
		if (!wasBreak) {
			becameBreak(match);
		}
	}

	/** Rule 2: the roots of other traces that fit the call, counted, the first few listed. */
	private void findCandidates(CallNode call, boolean register) {
		call.count = 0;
		call.capped = false;
		call.candidates = new Listed<>(RootNode::ref);
		if (call.pairedWith != null) {
			call.count = 1;
			call.candidates.add(call.pairedWith);
			return;
		}
		index.forEachCandidate(call, rules.skewMicros(), root -> {
			if (root.pairedBy != null) {
				return true;
			}
			if (call.capped || call.count == limits.maxCandidatesPerCall()) {
				call.capped = true;
				return false;
			}
			call.count++;
			call.candidates.add(root);
			if (register) {
				boolean wasBreak = root.isBreak();
				root.addCaller(call);
				if (!wasBreak) {
					becameBreak(root);
				}
			}
			return true;
		});
		if (call.capped && register) {
			candidatesCapped++;
		}
	}

	/** Rule 5 for a call no root fits: possible at a traced callee, else untraced or unknown callee. */
	private void judgeUnmatched(CallNode call) {
		if (!call.callee.known()) {
			call.verdict = Verdict.UNKNOWN_CALLEE;
			call.owner.unknownCallee++;
			unknownCallee++;
		}
		else if (!call.callee.identities().isEmpty() && call.callee.tracedAmong(traced)) {
			call.verdict = Verdict.POSSIBLE;
			call.possible = BreakAnalysis.possible(call.ref, call.caller(), call.callee, call.error);
			call.owner.lost.add(call);
			breaks++;
			newest.add(call);
		}
		else {
			call.verdict = Verdict.UNTRACED;
			call.owner.untraced.add(new UntracedCall(call.ref, call.callee.name(), call.callee.basis()));
			untraced++;
		}
	}

	private void becameBreak(RootNode root) {
		breaks++;
		newest.add(root);
	}

	// --- forgetting

	/**
	 * Roots leave the index once no call can still be matched with them: settle time and skew after their
	 * arrival, and no trace pending since before then.
	 */
	private void expireRoots(long now) {
		long window = SpanTimes.plus(rules.settleMicros(), rules.skewMicros());
		while (!rootsByArrival.isEmpty()) {
			RootNode root = rootsByArrival.peekFirst();
			long until = SpanTimes.plus(root.arrivalMicros, window);
			if (root.forgotten) {
				rootsByArrival.removeFirst();
				continue;
			}
			if (now < until || (!pendingSince.isEmpty() && pendingSince.firstKey() <= until)) {
				return;
			}
			unindex(rootsByArrival.removeFirst());
		}
	}

	private void unindex(RootNode root) {
		if (root.forgotten) {
			return;
		}
		index.remove(root);
		if (root.received != null) {
			List<RootNode> receivers = byReceived.get(root.received);
			if (receivers != null) {
				receivers.remove(root);
				if (receivers.isEmpty()) {
					byReceived.remove(root.received);
				}
			}
		}
		root.forgotten = true;
		indexedRoots--;
	}

	private TraceResult result(String traceId) {
		TraceResult result = results.get(traceId);
		if (result == null) {
			result = new TraceResult();
			results.put(traceId, result);
			while (results.size() > limits.maxResultTraces()) {
				Map.Entry<String, TraceResult> oldest = results.entrySet().iterator().next();
				if (oldest.getValue() == result) {
					break;
				}
				resultsDropped++;
				results.remove(oldest.getKey());
				drop(oldest.getValue());
			}
		}
		return result;
	}

	private void drop(TraceResult result) {
		for (CallNode call : result.lost) {
			newest.remove(call);
			breaks--;
		}
		for (RootNode root : result.roots) {
			if (root.isBreak()) {
				newest.remove(root);
				breaks--;
			}
			unindex(root);
		}
		untraced -= result.untraced.size();
		orphans -= result.orphans;
		for (CallNode call : result.lost) {
			call.owner = null;
		}
		unknownCallee -= result.unknownCallee;
	}

	// --- reading

	private Break render(CallNode call) {
		if (call.verdict == Verdict.POSSIBLE) {
			return call.possible;
		}
		RootNode only = call.candidates.first();
		if (call.count == 1 && only.callerCount == 1) {
			Confidence link = only.link();
			return new Break(Break.Kind.LOST_DOWNSTREAM, call.ref, only.ref, link, link, List.of(only.ref),
					BreakAnalysis.linkedReason(only.service(), only.refusal, only.pairedBy == call, call.caller()));
		}
		return new Break(Break.Kind.LOST_DOWNSTREAM, call.ref, null, Confidence.PROBABLE, Confidence.AMBIGUOUS,
				call.candidates.refs(), call.count,
				call.capped ? call.caller() + " has no child in its trace; at least " + call.count
						+ " new traces match it (counted no further), and nothing tells them apart"
						: BreakAnalysis.ambiguousLostReason(call.caller(), call.count, only.callerCount));
	}

	private Break render(RootNode root) {
		Confidence confidence = (root.refusal != null || root.pairedBy != null) ? Confidence.DEFINITE : Confidence.PROBABLE;
		if (root.callerCount == 0) {
			return new Break(Break.Kind.RESTARTED_HERE, null, root.ref, confidence, Confidence.NONE, List.of(),
					BreakAnalysis.refusedReason(root.service(), root.refusal));
		}
		CallNode only = root.callers.first();
		if (root.callerCount == 1 && only.count == 1) {
			return new Break(Break.Kind.RESTARTED_HERE, only.ref, root.ref, confidence, root.link(), List.of(only.ref),
					BreakAnalysis.linkedReason(root.service(), root.refusal, root.pairedBy == only, only.caller()));
		}
		return new Break(Break.Kind.RESTARTED_HERE, null, root.ref, confidence, Confidence.AMBIGUOUS,
				root.callers.refs(), root.callerCount,
				BreakAnalysis.ambiguousRestartReason(root.service(), root.refusal, root.callerCount));
	}

	// --- outcomes

	private CallOutcome outcome(CallNode call) {
		String caller = call.ref.service();
		return switch (call.verdict) {
			case LOST, POSSIBLE -> new CallOutcome(call.ref, caller, brokenCallee(call), CallOutcome.Outcome.BROKEN,
					(call.verdict == Verdict.POSSIBLE) ? Confidence.POSSIBLE : render(call).confidence(), reasonKey(call));
			case UNTRACED -> new CallOutcome(call.ref, caller, call.callee.name(), CallOutcome.Outcome.UNTRACED, null, null);
			case UNKNOWN_CALLEE -> new CallOutcome(call.ref, caller, null, CallOutcome.Outcome.UNKNOWN_CALLEE, null, null);
			case PENDING -> throw new IllegalStateException("not judged: " + call.ref);
		};
	}

	/** The callee as the call names it, else the service of the roots it matched when they agree. */
	private static String brokenCallee(CallNode call) {
		if (call.callee.known()) {
			return call.callee.name();
		}
		String service = null;
		for (RootNode root : call.candidates.items()) {
			if (service != null && !service.equals(root.ref.service())) {
				return null;
			}
			service = root.ref.service();
		}
		return service;
	}

	/**
	 * A short, stable key for why a lost call broke, from what its matched roots recorded, when they
	 * agree: {@code refused: <rule>}, {@code not W3C: b3}, {@code dropped}, {@code not continued};
	 * {@code unknown} when nothing tells.
	 */
	private static String reasonKey(CallNode call) {
		if (call.verdict == Verdict.POSSIBLE || call.count == 0) {
			return CallOutcomes.UNKNOWN;
		}
		String key = null;
		for (RootNode root : call.candidates.items()) {
			String rootKey = CallOutcomes.reasonKey(root.refusal, root.received, root.pairedBy == call, root.otherPropagation);
			if (key != null && !key.equals(rootKey)) {
				return CallOutcomes.UNKNOWN;
			}
			key = rootKey;
		}
		return (key != null) ? key : CallOutcomes.UNKNOWN;
	}

	private void emit(List<CallOutcome> out) {
		for (CallOutcome outcome : out) {
			outcomes.accept(outcome);
		}
	}

	// --- the state

	private enum Verdict {

		PENDING, LOST, POSSIBLE, UNTRACED, UNKNOWN_CALLEE

	}

	/**
	 * A break's site in the newest-first order, a lost call or a restart numbered as it arrived: its
	 * span's reference and request.
	 */
	private abstract class Site {

		final SpanRef ref;

		final HopRequest request;

		final Break.Kind kind;

		final long seq = sequence++;

		Site(HopSpan span, Break.Kind kind) {
			this.ref = SpanRef.of(span);
			this.request = HopRequest.of(span);
			this.kind = kind;
		}

		SpanRef ref() {
			return ref;
		}

		Break.Kind kind() {
			return kind;
		}

		long sequence() {
			return seq;
		}

	}

	/** A trace not yet quiet for the settle time: its spans, kept until then. */
	private static final class PendingTrace {

		final String traceId;

		final long firstArrivalMicros;

		final List<HopSpan> spans = new ArrayList<>(4);

		long lastArrivalMicros;

		long lastEndMicros;

		int calls;

		boolean waiting;

		boolean forgotten;

		/** The ids of its roots so far, so a repeated root is indexed once. */
		private List<String> rootIds;

		PendingTrace(String traceId, long arrival) {
			this.traceId = traceId;
			this.firstArrivalMicros = arrival;
		}

		boolean newRoot(String spanId) {
			if (rootIds == null) {
				rootIds = new ArrayList<>(1);
			}
			else if (rootIds.contains(spanId)) {
				return false;
			}
			rootIds.add(spanId);
			return true;
		}

	}

	/** What is kept of one trace for readers. */
	private static final class TraceResult {

		final List<CallNode> lost = new ArrayList<>(1);

		final List<UntracedCall> untraced = new ArrayList<>(1);

		final List<RootNode> roots = new ArrayList<>(1);

		/** The ids of its client spans judged so far, continued or not: a repeat is judged once. */
		final Set<String> judged = new HashSet<>(4);

		int orphans;

		int unknownCallee;

		int breaks() {
			int count = lost.size();
			for (RootNode root : roots) {
				if (root.isBreak()) {
					count++;
				}
			}
			return count;
		}

	}

	/** A client call without a child, judged once its trace settled. */
	private final class CallNode extends Site {

		final String namedCallee;

		final long endMicros;

		final String sent;

		final Callee callee;

		final String error;

		TraceResult owner;

		/** The span, while it is being judged. */
		HopSpan span;

		Verdict verdict = Verdict.PENDING;

		int count;

		Listed<RootNode> candidates = new Listed<>(RootNode::ref);

		RootNode pairedWith;

		/** Whether more roots fit than {@link BreakLimits#maxCandidatesPerCall} and were not counted. */
		boolean capped;

		Break possible;

		CallNode(HopSpan span, TraceResult owner) {
			super(span, Break.Kind.LOST_DOWNSTREAM);
			this.span = span;
			this.owner = owner;
			this.namedCallee = BreakAnalysis.namedCallee(span);
			this.endMicros = SpanTimes.end(span.startMicros(), span.durationMicros());
			String header = span.tag(TraceTags.TRACEPARENT_SENT);
			this.sent = (header != null) ? TraceTags.received(header) : null;
			this.callee = Callee.of(span);
			this.error = span.tag("error");
		}

		String caller() {
			return BreakAnalysis.caller(ref.service(), request);
		}

	}

	/** A root server span: matchable while indexed, a restart once refused or matched. */
	private final class RootNode extends Site {

		final String refusal;

		final String received;

		final String otherPropagation;

		final long arrivalMicros;

		CallNode pairedBy;

		int callerCount;

		Listed<CallNode> callers = new Listed<>(CallNode::ref);

		boolean forgotten;

		/** Its place in the index's lists, or null when not indexed. */
		String pathKey;

		/** Whether it left the index: skipped by the scans until its lists are compacted. */
		boolean unindexed;

		RootNode(HopSpan span, long arrival) {
			super(span, Break.Kind.RESTARTED_HERE);
			this.refusal = BreakAnalysis.refusal(span);
			this.received = span.tag(TraceTags.TRACEPARENT_RECEIVED);
			this.otherPropagation = span.tag(TraceTags.OTHER_PROPAGATION);
			this.arrivalMicros = arrival;
		}

		boolean isBreak() {
			return refusal != null || callerCount > 0;
		}

		void addCaller(CallNode call) {
			callerCount++;
			callers.add(call);
		}

		Confidence link() {
			return (pairedBy != null || refusal != null) ? Confidence.DEFINITE : Confidence.PROBABLE;
		}

		String service() {
			return (ref.service() != null) ? ref.service() : "the server";
		}

	}

	/** The first {@link Break#MAX_LISTED_CANDIDATES} of a growing set, in report order. */
	private static final class Listed<T> {

		private final java.util.function.Function<T, SpanRef> ref;

		private final List<T> items = new ArrayList<>(1);

		Listed(java.util.function.Function<T, SpanRef> ref) {
			this.ref = ref;
		}

		void add(T item) {
			int at = items.size();
			while (at > 0 && BreakAnalysis.ORDER.compare(ref.apply(item), ref.apply(items.get(at - 1))) < 0) {
				at--;
			}
			if (at < Break.MAX_LISTED_CANDIDATES) {
				items.add(at, item);
				if (items.size() > Break.MAX_LISTED_CANDIDATES) {
					items.remove(items.size() - 1);
				}
			}
		}

		T first() {
			return items.get(0);
		}

		List<T> items() {
			return items;
		}

		List<SpanRef> refs() {
			List<SpanRef> refs = new ArrayList<>(items.size());
			for (T item : items) {
				refs.add(ref.apply(item));
			}
			return refs;
		}

	}

	/**
	 * The matchable roots, each list sorted in report order (by start first), so a call finds its
	 * window by binary search and lists its first candidates in order.
	 *
	 * <pre>{@code
	 * byPath     "/api/data" -> "backend"  -> [r3 r7 ...]   roots whose path is known, by service
	 *                           "frontend" -> [r1 ...]      (lowercase; "" when the service is unknown)
	 * routeOnly  [r2 ...]                                   roots known only by their route
	 * all        [r3 r1 r7 r2 ...]                          every root: for calls known only by a route
	 * }</pre>
	 */
	private static final class RootIndex {

		private static final String ROUTE_ONLY = "\u0000route";

		private final Map<String, Map<String, Sorted>> byPath = new HashMap<>();

		private final Sorted routeOnly = new Sorted();

		private final Sorted all = new Sorted();

		void add(RootNode root) {
			insert(all, root);
			if (root.request.path() != null) {
				root.pathKey = root.request.path();
				insert(byPath.computeIfAbsent(root.pathKey, path -> new HashMap<>())
					.computeIfAbsent(key(root.ref.service()), service -> new Sorted()), root);
			}
			else {
				root.pathKey = ROUTE_ONLY;
				insert(routeOnly, root);
			}
		}

		void remove(RootNode root) {
			if (root.pathKey == null) {
				return;
			}
			root.unindexed = true;
			delete(all, root);
			if (root.pathKey.equals(ROUTE_ONLY)) {
				delete(routeOnly, root);
			}
			else {
				Map<String, Sorted> services = byPath.get(root.pathKey);
				String service = key(root.ref.service());
				Sorted roots = services.get(service);
				delete(roots, root);
				if (roots.size() == roots.dead) {
					services.remove(service);
					if (services.isEmpty()) {
						byPath.remove(root.pathKey);
					}
				}
			}
			root.pathKey = null;
		}

		/** Rule 2, as {@code BreakAnalysis}'s index: only the services that can fit the call are read. */
		void forEachCandidate(CallNode call, long skewMicros, Predicate<RootNode> found) {
			if (call.ref.startMicros() == 0 || !call.request.known()) {
				return;
			}
			long from = SpanTimes.minus(call.ref.startMicros(), skewMicros);
			long to = SpanTimes.plus(call.endMicros, skewMicros);
			if (call.request.path() == null) {
				inWindow(all, from, to, call, found, true);
				return;
			}
			Map<String, Sorted> services = byPath.getOrDefault(call.request.path(), Map.of());
			if (call.namedCallee != null) {
				inWindow(services.getOrDefault(key(call.namedCallee), Sorted.EMPTY), from, to, call, found, false);
				if (!key(call.namedCallee).isEmpty()) {
					inWindow(services.getOrDefault("", Sorted.EMPTY), from, to, call, found, false);
				}
			}
			else {
				String own = key(call.ref.service());
				services.forEach((service, sorted) -> {
					if (service.isEmpty() || !service.equals(own)) {
						inWindow(sorted, from, to, call, found, false);
					}
				});
			}
			inWindow(routeOnly, from, to, call, found, true);
		}

		/** Offers the window's fitting roots in order, until {@code found} says no more: false when it did. */
		private static boolean inWindow(List<RootNode> sorted, long from, long to, CallNode call, Predicate<RootNode> found,
				boolean checkService) {
			for (int i = firstAtOrAfter(sorted, from); i < sorted.size(); i++) {
				RootNode root = sorted.get(i);
				if (root.ref.startMicros() > to) {
					return true;
				}
				if (!root.unindexed && !root.ref.traceId().equals(call.ref.traceId()) && call.request.matches(root.request)
						&& (!checkService || serviceFits(call, root))) {
					if (!found.test(root)) {
						return false;
					}
				}
			}
			return true;
		}

		private static boolean serviceFits(CallNode call, RootNode root) {
			String server = root.ref.service();
			if (server == null) {
				return true;
			}
			if (call.namedCallee != null) {
				return call.namedCallee.equalsIgnoreCase(server);
			}
			return call.ref.service() == null || !call.ref.service().equalsIgnoreCase(server);
		}

		/** A list of roots in report order, and how many of them have left the index but not the list. */
		private static final class Sorted extends ArrayList<RootNode> {

			static final Sorted EMPTY = new Sorted();

			int dead;

		}

		private static String key(String service) {
			return (service == null) ? "" : service.toLowerCase(Locale.ROOT);
		}

		private static int firstAtOrAfter(List<RootNode> sorted, long start) {
			int low = 0;
			int high = sorted.size();
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (sorted.get(mid).ref.startMicros() < start) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low;
		}

		/** Report order, then arrival: two copies of one root stay apart. */
		private static int compare(RootNode a, RootNode b) {
			int order = BreakAnalysis.ORDER.compare(a.ref, b.ref);
			return (order != 0) ? order : Long.compare(a.seq, b.seq);
		}

		private static void insert(List<RootNode> sorted, RootNode root) {
			int at = sorted.size();
			if (at > 0 && compare(sorted.get(at - 1), root) > 0) {
				at = position(sorted, root);
			}
			sorted.add(at, root);
		}

		/**
		 * Roots leave mostly from the oldest end, where removing from an array list moves all the others:
		 * a left root is skipped by the scans and counted, and the list is compacted once half are gone.
		 */
		private static void delete(Sorted sorted, RootNode root) {
			sorted.dead++;
			if (sorted.dead > 32 && sorted.dead * 2 > sorted.size()) {
				sorted.removeIf(gone -> gone.unindexed);
				sorted.dead = 0;
			}
		}

		private static int position(List<RootNode> sorted, RootNode root) {
			int low = 0;
			int high = sorted.size();
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (compare(sorted.get(mid), root) < 0) {
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
