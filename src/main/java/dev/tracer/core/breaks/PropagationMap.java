package dev.tracer.core.breaks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The calls between services, counted by what became of their context: the break analysis hands every
 * judged call here ({@link #accept}), and the map answers for a window of time, per edge (caller to
 * callee), how many continued, broke (by reason key) or went to a callee that writes no spans, and the
 * newest broken calls behind an edge.
 *
 * <pre>
 * edges (caller, callee) ──► Edge
 *                              ring of buckets, one per {@code bucketMicros} of the call's start:
 *                              slot = bucket mod {@code buckets}
 *                              [bucket 29476800 | continued 10, broken 30, untraced 0, unknown 0, possible 0,
 *                                                 reason#0 10, reason#1 12, reason#2 8]
 *                              reason keys: [dropped, refused: trace-id..., not W3C: b3]   (at most maxReasons, then "other")
 *                              newest broken calls: deque of at most {@code brokenPerEdge}
 * </pre>
 *
 * A window is rounded out to whole buckets and clipped to the retention ({@code bucketMicros ×
 * buckets}) back from now. Everything is bounded: edges by {@code maxEdges} (a call of a new edge past it
 * is refused and counted; edges idle for the whole retention are forgotten first), buckets by the ring,
 * reason keys per edge by {@code maxReasons}, listed calls by {@code brokenPerEdge}. At most about
 * {@code maxEdges × buckets × 4 × (5 + maxReasons + 1)} bytes of counts. Thread-safe: each edge is
 * guarded by its own lock; a window reads each edge under it.
 */
public final class PropagationMap implements Consumer<CallOutcome> {

	/** The caller of a call whose span names no service. */
	public static final String UNNAMED = "(unnamed)";

	/** The reason key counting the broken calls of an edge past its first {@code maxReasons} keys. */
	public static final String OTHER_REASONS = "other";

	private static final int CONTINUED = 0;

	private static final int BROKEN = 1;

	private static final int UNTRACED = 2;

	private static final int UNKNOWN_CALLEE = 3;

	private static final int POSSIBLE = 4;

	private static final int FIRST_REASON = 5;

	/**
	 * The map's bounds.
	 *
	 * @param bucketMicros the width of a time bucket, at least 1
	 * @param buckets how many buckets each edge keeps: the retention is {@code bucketMicros × buckets}
	 * @param maxEdges edges (caller, callee) counted at once
	 * @param maxReasons reason keys counted apart per edge; later keys count as {@value #OTHER_REASONS}
	 * @param brokenPerEdge broken calls kept per edge for the list
	 */
	public record Limits(long bucketMicros, int buckets, int maxEdges, int maxReasons, int brokenPerEdge) {

		public Limits {
			if (bucketMicros < 1 || buckets < 1 || maxEdges < 1 || maxReasons < 1 || brokenPerEdge < 1) {
				throw new IllegalArgumentException("every limit must be at least 1: " + bucketMicros + " µs, "
						+ buckets + " buckets, " + maxEdges + " edges, " + maxReasons + " reasons, " + brokenPerEdge
						+ " broken calls per edge");
			}
		}

		/** How far back the map remembers, in microseconds. */
		public long retentionMicros() {
			return Math.multiplyExact(bucketMicros, (long) buckets);
		}

	}

	/**
	 * A service of a window: traced when it made calls or received calls it could continue, untraced
	 * when it only ever appears as the callee of untraced calls (a database, a cache, a third party).
	 */
	public record Service(String name, boolean traced) {
	}

	/**
	 * What the map answers for a window: its bounds as taken (rounded out to whole buckets, clipped to the
	 * retention), the services by name and the edges with calls, callers then callees in order.
	 */
	public record Window(long sinceMicros, long untilMicros, List<Service> services, List<EdgeCounts> edges) {
	}

	/**
	 * The map's own counters, to show that its bounds hold.
	 *
	 * @param edges edges counted now
	 * @param refusedCalls calls not counted because their edge was new and the map held {@code maxEdges}
	 * @param expiredCalls calls not counted because they started before the retention
	 */
	public record Stats(int edges, long refusedCalls, long expiredCalls) {
	}

	private record EdgeKey(String caller, String callee) {
	}

	private final Limits limits;

	private final LongSupplier nowMicros;

	private final ConcurrentHashMap<EdgeKey, Edge> edges = new ConcurrentHashMap<>();

	private final AtomicInteger edgeCount = new AtomicInteger();

	private final AtomicLong refusedCalls = new AtomicLong();

	private final AtomicLong expiredCalls = new AtomicLong();

	/** The bucket in which idle edges were last looked for, so that a full map looks once per bucket. */
	private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

	/**
	 * @param limits the bounds, never null
	 * @param nowMicros the clock, epoch microseconds
	 */
	public PropagationMap(Limits limits, LongSupplier nowMicros) {
		this.limits = Objects.requireNonNull(limits, "limits");
		this.nowMicros = Objects.requireNonNull(nowMicros, "nowMicros");
	}

	/**
	 * Counts one judged call in the bucket of its start (now when it has none or starts in the future:
	 * a skewed clock does not make a call vanish from the recent windows).
	 */
	@Override
	public void accept(CallOutcome outcome) {
		long now = nowMicros.getAsLong();
		long start = outcome.call().startMicros();
		if (start <= 0 || start > now) {
			start = now;
		}
		long bucket = bucket(start);
		if (bucket <= bucket(now) - limits.buckets()) {
			expiredCalls.incrementAndGet();
			return;
		}
		String caller = (outcome.caller() != null) ? outcome.caller() : UNNAMED;
		String callee = (outcome.outcome() == CallOutcome.Outcome.UNKNOWN_CALLEE) ? null : outcome.callee();
		Edge edge = edge(new EdgeKey(caller, callee), bucket(now));
		if (edge == null || !edge.add(bucket, outcome)) {
			(edge == null ? refusedCalls : expiredCalls).incrementAndGet();
		}
	}

	private Edge edge(EdgeKey key, long nowBucket) {
		Edge edge = edges.get(key);
		if (edge != null) {
			return edge;
		}
		if (edgeCount.get() >= limits.maxEdges()) {
			forgetIdleEdges(nowBucket);
		}
		return edges.computeIfAbsent(key, (k) -> {
			if (edgeCount.incrementAndGet() > limits.maxEdges()) {
				edgeCount.decrementAndGet();
				return null;
			}
			return new Edge(k);
		});
	}

	/** Forgets the edges with no call in the retention; at most once per bucket, as it reads every edge. */
	private void forgetIdleEdges(long nowBucket) {
		long last = lastSweep.get();
		if (last >= nowBucket || !lastSweep.compareAndSet(last, nowBucket)) {
			return;
		}
		long oldestKept = nowBucket - limits.buckets() + 1;
		edges.forEach((key, edge) -> {
			if (edge.newestBucket() < oldestKept && edges.remove(key, edge)) {
				edgeCount.decrementAndGet();
			}
		});
	}

	/**
	 * The edges with calls that started in {@code [sinceMicros, untilMicros]}, rounded out to whole buckets
	 * and clipped to the retention.
	 */
	public Window window(long sinceMicros, long untilMicros) {
		long nowBucket = bucket(nowMicros.getAsLong());
		long from = Math.max(bucket(sinceMicros), nowBucket - limits.buckets() + 1);
		long to = Math.min(bucket(untilMicros), nowBucket);
		List<EdgeCounts> counted = new ArrayList<>();
		if (from <= to) {
			for (Edge edge : edges.values()) {
				EdgeCounts counts = edge.sum(from, to);
				if (counts.calls() > 0) {
					counted.add(counts);
				}
			}
		}
		counted.sort(Comparator.comparing(EdgeCounts::caller)
			.thenComparing(EdgeCounts::callee, Comparator.nullsLast(Comparator.naturalOrder())));
		long since = from * limits.bucketMicros();
		long until = Math.max(since, (to + 1) * limits.bucketMicros() - 1);
		return new Window(since, until, services(counted), counted);
	}

	private static List<Service> services(List<EdgeCounts> edges) {
		Map<String, Boolean> traced = new TreeMap<>();
		for (EdgeCounts edge : edges) {
			traced.put(edge.caller(), true);
			if (edge.callee() != null) {
				boolean continues = edge.continued() + edge.broken() > 0;
				traced.merge(edge.callee(), continues, Boolean::logicalOr);
			}
		}
		return traced.entrySet().stream().map((e) -> new Service(e.getKey(), e.getValue())).toList();
	}

	/**
	 * The newest broken calls of one edge that started in the window, newest start first; at most the
	 * last {@code brokenPerEdge} the edge received are kept.
	 *
	 * @param caller the caller, as the window names it
	 * @param callee the callee, or null for the calls whose callee nothing names
	 * @param limit how many at most
	 */
	public List<BrokenCall> brokenCalls(String caller, String callee, long sinceMicros, long untilMicros, int limit) {
		Edge edge = edges.get(new EdgeKey(caller, callee));
		if (edge == null) {
			return List.of();
		}
		return edge.recentBroken()
			.stream()
			.filter((call) -> call.call().startMicros() >= sinceMicros && call.call().startMicros() <= untilMicros)
			.sorted(Comparator.comparingLong((BrokenCall call) -> call.call().startMicros()).reversed())
			.limit(limit)
			.toList();
	}

	public Limits limits() {
		return limits;
	}

	/** Now by the map's clock, epoch microseconds: the end of "the last hour". */
	public long nowMicros() {
		return nowMicros.getAsLong();
	}

	public Stats stats() {
		return new Stats(edgeCount.get(), refusedCalls.get(), expiredCalls.get());
	}

	private long bucket(long micros) {
		return Math.floorDiv(micros, limits.bucketMicros());
	}

	/** One edge's ring of buckets, reason keys and newest broken calls, guarded by its own lock. */
	private final class Edge {

		private final EdgeKey key;

		/** The bucket each slot holds, or {@code Long.MIN_VALUE} when the slot was never used. */
		private final long[] slotBuckets;

		/** Each slot's counts, by the indexes above and then {@link #reasons}; allocated on first use. */
		private final int[][] slots;

		private final List<String> reasons = new ArrayList<>();

		private final ArrayDeque<BrokenCall> recentBroken;

		private long newestBucket = Long.MIN_VALUE;

		Edge(EdgeKey key) {
			this.key = key;
			this.slotBuckets = new long[limits.buckets()];
			Arrays.fill(slotBuckets, Long.MIN_VALUE);
			this.slots = new int[limits.buckets()][];
			this.recentBroken = new ArrayDeque<>(Math.min(limits.brokenPerEdge(), 16));
		}

		/** @return false when the bucket is older than the one its slot now holds: it has left the ring */
		synchronized boolean add(long bucket, CallOutcome outcome) {
			int slot = (int) Math.floorMod(bucket, (long) slots.length);
			if (slotBuckets[slot] > bucket) {
				return false;
			}
			int reason = (outcome.outcome() == CallOutcome.Outcome.BROKEN) ? reasonIndex(outcome.reason()) : -1;
			int width = FIRST_REASON + reasons.size();
			if (slotBuckets[slot] != bucket || slots[slot] == null) {
				slotBuckets[slot] = bucket;
				slots[slot] = new int[width];
			}
			else if (slots[slot].length < width) {
				slots[slot] = Arrays.copyOf(slots[slot], width);
			}
			int[] counts = slots[slot];
			newestBucket = Math.max(newestBucket, bucket);
			switch (outcome.outcome()) {
				case CONTINUED -> counts[CONTINUED]++;
				case UNTRACED -> counts[UNTRACED]++;
				case UNKNOWN_CALLEE -> counts[UNKNOWN_CALLEE]++;
				case BROKEN -> {
					counts[BROKEN]++;
					counts[FIRST_REASON + reason]++;
					if (outcome.confidence() == Confidence.POSSIBLE) {
						counts[POSSIBLE]++;
					}
					if (recentBroken.size() == limits.brokenPerEdge()) {
						recentBroken.removeFirst();
					}
					recentBroken.addLast(new BrokenCall(outcome.call(), reasons.get(reason), outcome.confidence()));
				}
			}
			return true;
		}

		private int reasonIndex(String reason) {
			int index = reasons.indexOf(reason);
			if (index >= 0) {
				return index;
			}
			String key = (reasons.size() < limits.maxReasons()) ? reason : OTHER_REASONS;
			index = reasons.indexOf(key);
			if (index < 0) {
				reasons.add(key);
				index = reasons.size() - 1;
			}
			return index;
		}

		synchronized EdgeCounts sum(long fromBucket, long toBucket) {
			long[] totals = new long[FIRST_REASON + reasons.size()];
			// a window shorter than the ring reads only its own slots
			long first = Math.max(fromBucket, toBucket - slots.length + 1);
			for (long bucket = first; bucket <= toBucket; bucket++) {
				int slot = (int) Math.floorMod(bucket, (long) slots.length);
				if (slotBuckets[slot] == bucket && slots[slot] != null) {
					int[] counts = slots[slot];
					for (int i = 0; i < counts.length; i++) {
						totals[i] += counts[i];
					}
				}
			}
			List<EdgeCounts.ReasonCount> byReason = new ArrayList<>();
			for (int i = 0; i < reasons.size(); i++) {
				if (totals[FIRST_REASON + i] > 0) {
					byReason.add(new EdgeCounts.ReasonCount(reasons.get(i), totals[FIRST_REASON + i]));
				}
			}
			byReason.sort(Comparator.comparingLong(EdgeCounts.ReasonCount::count)
				.reversed()
				.thenComparing(EdgeCounts.ReasonCount::reason));
			return new EdgeCounts(key.caller(), key.callee(), totals[CONTINUED], totals[BROKEN], totals[POSSIBLE],
					totals[UNTRACED], totals[UNKNOWN_CALLEE], byReason);
		}

		synchronized List<BrokenCall> recentBroken() {
			return List.copyOf(recentBroken);
		}

		synchronized long newestBucket() {
			return newestBucket;
		}

	}

}
