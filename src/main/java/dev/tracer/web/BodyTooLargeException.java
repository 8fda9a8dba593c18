package dev.tracer.web;

import org.springframework.http.HttpStatus;

/** A request body over {@code tracer.web.max-body-size}, raw or decompressed. */
final class BodyTooLargeException extends ApiProblem {

	BodyTooLargeException(long limit) {
		super(HttpStatus.CONTENT_TOO_LARGE,
				"request body is larger than " + limit + " bytes (tracer.web.max-body-size)");
	}

}
