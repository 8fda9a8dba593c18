package dev.tracer.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered by {@link ProblemHandler} as {@code application/problem+json}
 * (RFC 9457) with {@code detail} saying what to change. Carries no stack trace: it is an answer.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, Object> properties = new LinkedHashMap<>();

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
