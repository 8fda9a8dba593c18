package dev.tracer.store;

import java.time.Duration;

/**
 * A store refused a batch because the heap is short: nothing of the batch was stored, and the sender
 * may try again after {@link #retryAfter()}. The web layer answers it with 503 and {@code Retry-After}.
 * Carries no stack trace: it is an answer, thrown while memory is scarce.
 */
public class StoreOverloadedException extends RuntimeException {

	private final Duration retryAfter;

	/**
	 * @param detail what is short, in the API's terms
	 * @param retryAfter when to try again, positive
	 */
	public StoreOverloadedException(String detail, Duration retryAfter) {
		super(detail, null, false, false);
		if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
			throw new IllegalArgumentException("retryAfter not positive: " + retryAfter);
		}
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

	/** {@link #retryAfter()} as HTTP's {@code Retry-After} gives it: whole seconds, rounded up, at least 1. */
	public long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

}
