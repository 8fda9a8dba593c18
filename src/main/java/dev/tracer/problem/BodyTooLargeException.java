package dev.tracer.problem;

import org.springframework.http.HttpStatus;

/**
 * A request body over its limit, raw or decompressed: {@code tracer.web.max-body-size}, or for a trace
 * file {@code tracer.files.max-size}.
 */
public final class BodyTooLargeException extends ApiProblem {

	public BodyTooLargeException(long limit) {
		this(limit, "tracer.web.max-body-size");
	}

	/**
	 * @param limit the most bytes taken
	 * @param property the setting that says so, named in the answer so that an operator knows what to raise
	 */
	public BodyTooLargeException(long limit, String property) {
		super(HttpStatus.CONTENT_TOO_LARGE, "request body is larger than " + limit + " bytes (" + property + ")");
		with("limit_bytes", limit);
	}

}
