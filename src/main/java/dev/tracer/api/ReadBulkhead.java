package dev.tracer.api;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets at most a fixed number of heavy reads run at once; one beyond them waits a bounded time for a
 * place and is then refused with {@link ReadsBusyException}. The readers that wait hold a request
 * thread but no trace: the bound is on the trees in memory, which is what threatens the heap.
 *
 * <pre>{@code
 * try (ReadBulkhead.Place place = reads.enter()) {
 *     ... build and write the document ...
 * }
 * }</pre>
 */
final class ReadBulkhead {

	private final Semaphore places;

	private final int size;

	private final Duration wait;

	private final Duration retryAfter;

	/**
	 * @param size how many reads may run at once, 1 or more
	 * @param wait how long one beyond them waits, 0 or more
	 * @param retryAfter what a refusal tells the client to wait, positive
	 */
	ReadBulkhead(int size, Duration wait, Duration retryAfter) {
		if (size < 1) {
			throw new IllegalArgumentException("size: expected 1 or more, found " + size);
		}
		this.places = new Semaphore(size, true);
		this.size = size;
		this.wait = wait;
		this.retryAfter = retryAfter;
	}

	ReadBulkhead(ApiProperties properties) {
		this(properties.concurrentReads(), properties.readWait(), properties.readRetryAfter());
	}

	/**
	 * Takes a place, waiting at most the bulkhead's wait.
	 *
	 * @return the place, to close when the read is over
	 * @throws ReadsBusyException if none came free in time, or the thread was interrupted while waiting
	 */
	Place enter() {
		boolean entered;
		try {
			entered = places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			entered = false;
		}
		if (!entered) {
			throw new ReadsBusyException(size, wait, retryAfter);
		}
		return new Place();
	}

	/** Places free now; for tests and metrics. */
	int available() {
		return places.availablePermits();
	}

	/** A taken place; closing it more than once gives it back once. */
	final class Place implements AutoCloseable {

		private boolean open = true;

		private Place() {
		}

		@Override
		public void close() {
			if (open) {
				open = false;
				places.release();
			}
		}

	}

}
