package dev.tracer.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A {@link Problem} written as {@code application/problem+json}, and the headers every format sends. */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/** The answer as RFC 9457 has it, with {@link #headers} set. */
	public static ResponseEntity<ProblemDetail> problemJson(Problem problem) {
		return ResponseEntity.status(problem.status()).headers(headers(problem)).body(body(problem));
	}

	static ProblemDetail body(Problem problem) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.detail());
		problem.properties().forEach(body::setProperty);
		return body;
	}

	/**
	 * {@code Retry-After} when a retry will help, in whole seconds: HTTP has no finer unit, and 0 would
	 * invite a retry at once.
	 */
	public static HttpHeaders headers(Problem problem) {
		HttpHeaders headers = new HttpHeaders();
		if (problem.retryAfterSeconds() > 0) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
		}
		return headers;
	}

}
