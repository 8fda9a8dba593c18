package dev.tracer.api;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import dev.tracer.problem.ApiProblem;

/**
 * A heavy read refused because as many as may run at once already do ({@link ReadBulkhead}): answered
 * 503 with {@code Retry-After}, as the intakes answer when the store is short of memory.
 */
public final class ReadsBusyException extends ApiProblem {

	private static final long serialVersionUID = 1L;

	ReadsBusyException(int running, Duration waited, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, running + " reads of whole traces are running, the most at once"
				+ " (tracer.api.max-concurrent-reads), and none ended within " + waited.toMillis()
				+ " ms; try again later");
		// whole seconds, rounded up: HTTP has no finer unit, and 0 would invite a retry at once
		retryAfter(Math.max(1, retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0)));
	}

}
