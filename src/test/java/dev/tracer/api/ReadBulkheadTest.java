package dev.tracer.api;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadBulkheadTest {

	@Test
	void enter_beyondItsSize_isRefusedWithRetryAfter() {
		ReadBulkhead reads = new ReadBulkhead(2, Duration.ZERO, Duration.ofMillis(1500));

		try (ReadBulkhead.Place first = reads.enter(); ReadBulkhead.Place second = reads.enter()) {
			assertThatThrownBy(reads::enter).isInstanceOfSatisfying(ReadsBusyException.class, (ex) -> {
				assertThat(ex.status().value()).isEqualTo(503);
				assertThat(ex.toProblem().retryAfterSeconds()).isEqualTo(2);
				assertThat(ex.getMessage()).contains("2 reads").contains("tracer.api.max-concurrent-reads");
			});
		}
		assertThat(reads.available()).isEqualTo(2);
	}

	@Test
	void enter_placeFreedWhileWaiting_entersWithoutRefusal() throws Exception {
		ReadBulkhead reads = new ReadBulkhead(1, Duration.ofSeconds(10), Duration.ofSeconds(1));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			ReadBulkhead.Place held = reads.enter();
			CountDownLatch waiting = new CountDownLatch(1);
			Future<Boolean> second = executor.submit(() -> {
				waiting.countDown();
				try (ReadBulkhead.Place place = reads.enter()) {
					return true;
				}
			});
			waiting.await();
			Thread.sleep(100);
			held.close();

			assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void close_twice_givesThePlaceBackOnce() {
		ReadBulkhead reads = new ReadBulkhead(1, Duration.ZERO, Duration.ofSeconds(1));

		ReadBulkhead.Place place = reads.enter();
		place.close();
		place.close();

		assertThat(reads.available()).isEqualTo(1);
	}

	@Test
	void enter_interruptedWhileWaiting_isRefusedAndKeepsTheInterrupt() {
		ReadBulkhead reads = new ReadBulkhead(1, Duration.ofSeconds(10), Duration.ofSeconds(1));
		try (ReadBulkhead.Place held = reads.enter()) {
			Thread.currentThread().interrupt();

			assertThatThrownBy(reads::enter).isInstanceOf(ReadsBusyException.class);
			assertThat(Thread.interrupted()).isTrue();
		}
	}

	@Test
	void properties_unsetSize_isOnePerProcessor() {
		ApiProperties properties = new ApiProperties(null, Duration.ofSeconds(2), Duration.ofSeconds(1));

		assertThat(new ReadBulkhead(properties).available()).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void properties_outOfRange_throwNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiProperties(0, Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessageContaining("tracer.api.max-concurrent-reads");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiProperties(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
			.withMessageContaining("tracer.api.read-wait");
		assertThatIllegalArgumentException().isThrownBy(() -> new ApiProperties(1, Duration.ZERO, Duration.ZERO))
			.withMessageContaining("tracer.api.read-retry-after");
	}

}
