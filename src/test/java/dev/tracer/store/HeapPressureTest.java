package dev.tracer.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class HeapPressureTest {

	private static final long MB = 1024 * 1024;

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final AtomicInteger fullCollections = new AtomicInteger();

	/** 100 MB of heap, refusing above 85%. */
	private final HeapPressure pressure = new HeapPressure(0.85, 100 * MB, now::get, fullCollections::incrementAndGet);

	@Test
	void shortage_noCollectionYet_none() {
		assertThat(pressure.shortage()).isNull();
	}

	@Test
	void shortage_collectionLeftAboveThreshold_saysHowMuch() {
		pressure.afterGc(90 * MB);

		assertThat(pressure.shortage()).isEqualTo("the server is short of memory: 90% of its heap was in use after"
				+ " the last garbage collection (spans are refused above 85%)");
	}

	@Test
	void shortage_collectionLeftAtOrBelowThreshold_none() {
		pressure.afterGc(85 * MB);

		assertThat(pressure.shortage()).isNull();
	}

	@Test
	void shortage_laterCollectionFreedMemory_none() {
		pressure.afterGc(95 * MB);
		pressure.afterGc(40 * MB);

		assertThat(pressure.shortage()).isNull();
	}

	/**
	 * With little allocated no collection comes to tell that memory is back: a refusing verdict older than
	 * RECHECK_AFTER asks for a full collection, once per RECHECK_AFTER, and refuses until it reports.
	 */
	@Test
	void shortage_refusingVerdictOld_asksForFullCollectionOncePerRecheck() {
		pressure.afterGc(95 * MB);
		now.addAndGet(HeapPressure.RECHECK_AFTER.toNanos());
		assertThat(pressure.shortage()).isNotNull();
		assertThat(fullCollections).hasValue(0);

		now.incrementAndGet();
		assertThat(pressure.shortage()).isNotNull();
		assertThat(pressure.shortage()).isNotNull();
		assertThat(fullCollections).hasValue(1);

		now.addAndGet(HeapPressure.RECHECK_AFTER.toNanos() + 1);
		assertThat(pressure.shortage()).isNotNull();
		assertThat(fullCollections).hasValue(2);

		pressure.afterGc(30 * MB);
		assertThat(pressure.shortage()).isNull();
	}

	@Test
	void shortage_oldVerdictNotRefusing_asksNothing() {
		pressure.afterGc(30 * MB);
		now.addAndGet(10 * HeapPressure.RECHECK_AFTER.toNanos());

		assertThat(pressure.shortage()).isNull();
		assertThat(fullCollections).hasValue(0);
	}

	/** The JVM's own report of a collection reaches the verdict: with a threshold of one byte, any heap is short. */
	@Test
	void realCollection_reported() {
		try (HeapPressure real = new HeapPressure(1e-12)) {
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				System.gc();
				assertThat(real.shortage()).startsWith("the server is short of memory: ");
			});
		}
	}

	@Test
	void realCollection_afterClose_notReported() {
		HeapPressure real = new HeapPressure(1e-12);
		real.close();

		System.gc();

		assertThat(real.shortage()).isNull();
	}

	/** HotSpot's words for a report (GarbageCollectionNotificationInfo.getGcAction()). */
	@Test
	void endsCollection_collectionsYes_pausesInsideAConcurrentCycleNo() {
		assertThat(HeapPressure.endsCollection("end of minor GC")).isTrue();
		assertThat(HeapPressure.endsCollection("end of major GC")).isTrue();
		assertThat(HeapPressure.endsCollection("end of GC cycle")).isTrue();
		assertThat(HeapPressure.endsCollection("end of concurrent GC pause")).isFalse();
		assertThat(HeapPressure.endsCollection("end of GC pause")).isFalse();
	}

	@Test
	void constructor_thresholdOutOfRange_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HeapPressure(0, MB, now::get, fullCollections::incrementAndGet))
			.withMessage("threshold not in (0, 1]: 0.0");
		assertThatIllegalArgumentException().isThrownBy(() -> new HeapPressure(1.5, MB, now::get, fullCollections::incrementAndGet))
			.withMessage("threshold not in (0, 1]: 1.5");
	}

}
