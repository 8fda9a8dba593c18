package dev.tracer.store;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap is short when the last garbage collection left more of it in use than a threshold (a share
 * of the maximum heap).
 *
 * <p>Why the heap <em>after</em> a collection: the heap in use at any other moment is mostly garbage
 * the next collection frees, so it says nothing; what a collection leaves is what the JVM really holds.
 * The JVM reports each collection to a listener (on its own service thread), so reading the verdict
 * costs one volatile read per batch. While the heap really fills, collections come many times a
 * second, and each one renews the verdict.
 *
 * <p>What ends a refusal: a later collection that leaves less in use. But while spans are refused
 * little is allocated, and that collection may not come for a long time, even though the heap may be
 * mostly garbage (a young collection does not free the old generation). So when the verdict that
 * refuses is older than {@link #RECHECK_AFTER}, the next refusal asks the JVM for a full collection
 * ({@code System.gc()}), at most once per {@code RECHECK_AFTER}, and its verdict stands from then on.
 * Only ever while refusing, and only when the JVM has been collecting nothing by itself. (With
 * {@code -XX:+DisableExplicitGC} the refusal lasts until the JVM collects on its own.)
 *
 * <p>Which reports count: those that end a collection ({@code end of minor GC}, {@code end of major
 * GC}, and {@code end of GC cycle} for ZGC and Shenandoah). The pauses inside a concurrent cycle, which
 * G1 reports from JDK 20 on as {@code end of concurrent GC pause}, tell the heap in use in the middle of
 * the cycle, garbage included (seen here: 209 MB of a 256 MB heap while young collections left 60 MB),
 * and would refuse for nothing. Every collector of the HotSpot JVM reports; on a JVM whose collectors
 * do not, nothing is ever refused and the store's own bounds are the only ones.
 */
public final class HeapPressure implements MemoryPressure, AutoCloseable {

	/** The actions of HotSpot's reports that end a collection; see the class Javadoc. */
	private static final Set<String> ENDS_OF_COLLECTIONS = Set.of("end of minor GC", "end of major GC",
			"end of GC cycle");

	/** How old a refusing verdict may grow before a full collection is asked for. */
	static final Duration RECHECK_AFTER = Duration.ofSeconds(5);

	private final double threshold;

	private final long maxHeap;

	private final LongSupplier nanoTime;

	private final Runnable fullCollection;

	/** When a full collection was last asked for; Long.MIN_VALUE: never. */
	private final AtomicLong recheckAskedNanos = new AtomicLong(Long.MIN_VALUE);

	private final NotificationListener listener = this::onNotification;

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final Set<String> heapPools = new HashSet<>();

	private volatile AfterGc last;

	/**
	 * Starts listening to this JVM's collections; {@link #close()} stops.
	 *
	 * @param threshold the share of the maximum heap in use after a collection above which spans are
	 * refused, above 0 and at most 1
	 */
	public HeapPressure(double threshold) {
		this(threshold, maxHeap(), System::nanoTime, System::gc);
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				heapPools.add(pool.getName());
			}
		}
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(listener, null, null);
				emitters.add(emitter);
			}
		}
	}

	/** Listens to nothing: the verdicts come from {@link #afterGc}. */
	HeapPressure(double threshold, long maxHeap, LongSupplier nanoTime, Runnable fullCollection) {
		if (!(threshold > 0 && threshold <= 1)) {
			throw new IllegalArgumentException("threshold not in (0, 1]: " + threshold);
		}
		if (maxHeap < 1) {
			throw new IllegalArgumentException("maxHeap < 1: " + maxHeap);
		}
		this.threshold = threshold;
		this.maxHeap = maxHeap;
		this.nanoTime = nanoTime;
		this.fullCollection = fullCollection;
	}

	private static long maxHeap() {
		long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
		return (max > 0) ? max : Runtime.getRuntime().maxMemory();
	}

	@Override
	public String shortage() {
		AfterGc gc = last;
		if (gc == null || gc.used <= threshold * maxHeap) {
			return null;
		}
		recheckIfOld(gc);
		return String.format(Locale.ROOT,
				"the server is short of memory: %d%% of its heap was in use after the last garbage collection"
						+ " (spans are refused above %d%%)",
				Math.round(100.0 * gc.used / maxHeap), Math.round(100 * threshold));
	}

	private void recheckIfOld(AfterGc gc) {
		long now = nanoTime.getAsLong();
		long recheck = RECHECK_AFTER.toNanos();
		long asked = recheckAskedNanos.get();
		boolean askedRecently = asked != Long.MIN_VALUE && now - asked <= recheck;
		if (now - gc.atNanos > recheck && !askedRecently && recheckAskedNanos.compareAndSet(asked, now)) {
			fullCollection.run();
		}
	}

	/** What a collection left in use, in bytes; called by the JVM's listener and by tests. */
	void afterGc(long usedBytes) {
		last = new AfterGc(usedBytes, nanoTime.getAsLong());
	}

	private void onNotification(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		if (!endsCollection(info.getGcAction())) {
			return;
		}
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
			if (heapPools.contains(pool.getKey())) {
				used += pool.getValue().getUsed();
			}
		}
		afterGc(used);
	}

	static boolean endsCollection(String gcAction) {
		return ENDS_OF_COLLECTIONS.contains(gcAction);
	}

	@Override
	public void close() {
		for (NotificationEmitter emitter : emitters) {
			try {
				emitter.removeNotificationListener(listener);
			}
			catch (ListenerNotFoundException ex) {
				// already gone: nothing to stop
			}
		}
		emitters.clear();
	}

	private record AfterGc(long used, long atNanos) {
	}

}
