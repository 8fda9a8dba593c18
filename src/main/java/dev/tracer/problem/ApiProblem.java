package dev.tracer.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered through {@link ErrorTable} as {@code application/problem+json}
 * (RFC 9457) with {@code detail} saying what to change. Carries no stack trace: it is an answer.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private long retryAfterSeconds;

	public ApiProblem(HttpStatus status, String detail) {
		this(status, detail, null);
	}

	public ApiProblem(HttpStatus status, String detail, Throwable cause) {
		super(detail, cause, false, false);
		this.status = status;
	}

	public static ApiProblem badRequest(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * Tells the client when to try again: the refusal is temporary (a full queue, a busy store).
	 *
	 * @param seconds whole seconds, at least 1
	 */
	public ApiProblem retryAfter(long seconds) {
		if (seconds < 1) {
			throw new IllegalArgumentException("seconds < 1: " + seconds);
		}
		this.retryAfterSeconds = seconds;
		return this;
	}

	/** This refusal as the error table's value. */
	public Problem toProblem() {
		return new Problem(status, getMessage(), properties, retryAfterSeconds);
	}

	public HttpStatus status() {
		return status;
	}

	/**
	 * Adds a member to the reply beside {@code detail}, for a client that acts on it (e.g. the position
	 * of a refused character); RFC 9457 calls these extension members.
	 */
	public ApiProblem with(String name, Object value) {
		properties.put(name, value);
		return this;
	}

	/** The extension members, in the order added. */
	public Map<String, Object> properties() {
		return properties;
	}

}
