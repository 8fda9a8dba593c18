package dev.tracer.web;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered by {@link ProblemHandler} as {@code application/problem+json}
 * (RFC 9457) with {@code detail} saying what to change. Carries no stack trace: it is an answer.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

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

}
