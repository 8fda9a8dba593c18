package dev.tracer.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The trace API's reads ({@code tracer.api.*}). Reading one stored trace builds its tree, which takes
 * memory in proportion to its spans; the reads that do ({@code GET /api/traces/{id}}, its {@code /view}
 * and {@code /find}) are let through a few at a time ({@link ReadBulkhead}), so that many readers of a
 * big trace queue instead of filling the heap the intakes and health answer from.
 *
 * @param maxConcurrentReads how many such reads may run at once; unset: one per processor, as a read is
 * CPU-bound once its spans are in memory
 * @param readWait how long a read beyond them waits for one to end before it is refused with 503
 * @param readRetryAfter what the refusal's {@code Retry-After} says, whole seconds
 */
@ConfigurationProperties("tracer.api")
public record ApiProperties(Integer maxConcurrentReads, @DefaultValue("2s") Duration readWait,
		@DefaultValue("1s") Duration readRetryAfter) {

	/** @throws IllegalArgumentException if a value is out of range: a bad setting fails the start */
	public ApiProperties {
		if (maxConcurrentReads != null && maxConcurrentReads < 1) {
			throw new IllegalArgumentException(
					"tracer.api.max-concurrent-reads: expected 1 or more, found " + maxConcurrentReads);
		}
		if (readWait.isNegative()) {
			throw new IllegalArgumentException("tracer.api.read-wait: expected 0 or more, found " + readWait);
		}
		if (readRetryAfter.isNegative() || readRetryAfter.isZero()) {
			throw new IllegalArgumentException(
					"tracer.api.read-retry-after: expected a positive duration, found " + readRetryAfter);
		}
	}

	/** {@link #maxConcurrentReads}, or the processors this JVM may use when it is unset. */
	public int concurrentReads() {
		return (maxConcurrentReads != null) ? maxConcurrentReads : Runtime.getRuntime().availableProcessors();
	}

}
