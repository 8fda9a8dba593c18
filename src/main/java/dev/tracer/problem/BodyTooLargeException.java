package dev.tracer.problem;

import org.springframework.http.HttpStatus;

/** A request body over {@code tracer.web.max-body-size}, raw or decompressed. */
public final class BodyTooLargeException extends ApiProblem {

	public BodyTooLargeException(long limit) {
		super(HttpStatus.CONTENT_TOO_LARGE,
				"request body is larger than " + limit + " bytes (tracer.web.max-body-size)");
	}

}
