package dev.tracer.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * One refusal as {@link ErrorTable} decides it, before it is written in any format: problem+json for
 * the API, {@code google.rpc.Status} for OTLP, Tomcat's own refusals.
 *
 * @param status the HTTP status, never null
 * @param detail what to change, in words a person can act on; never a stack trace or raw input
 * @param properties extension members beside {@code detail} (RFC 9457), in the order added
 * @param retryAfterSeconds whole seconds for {@code Retry-After}, or 0 when a retry will not help
 */
public record Problem(HttpStatus status, String detail, Map<String, Object> properties, long retryAfterSeconds) {

	public Problem {
		if (status == null) {
			throw new NullPointerException("status == null");
		}
		if (detail == null) {
			throw new NullPointerException("detail == null");
		}
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		if (retryAfterSeconds < 0) {
			throw new IllegalArgumentException("retryAfterSeconds < 0: " + retryAfterSeconds);
		}
	}

	static Problem of(HttpStatus status, String detail) {
		return new Problem(status, detail, Map.of(), 0);
	}

	/** The reason phrase of the status, RFC 9457's {@code title}. */
	public String title() {
		return status.getReasonPhrase();
	}

}
