package dev.tracer.problem;

import io.micrometer.tracing.Span;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.tracer.instrumentation.HopContext;
import dev.tracer.store.zipkin.ZipkinStoreException;

/**
 * Every refusal as {@code application/problem+json} with a {@code detail} a person can act on, and
 * never a stack trace: what the answer is comes from {@link ErrorTable}, this class only writes it.
 * Spring MVC's own exceptions (405, 415, unknown path...) come through the base class.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemHandler.class);

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> refused(Exception ex) {
		Problem problem = ErrorTable.of(ex);
		if (ex instanceof ZipkinStoreException) {
			log.warn(ex.getMessage() + ": " + problem.detail());
		}
		else if (problem.status() == HttpStatus.INTERNAL_SERVER_ERROR && Causes.find(ex, ApiProblem.class) == null) {
			// only what the table has no words for is a fault of ours: a busy store or reader is an answer
			log.error("Unexpected failure", ex);
		}
		if (problem.status().is5xxServerError()) {
			recordError(ex);
		}
		return ProblemResponses.problemJson(problem);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return fromTable(ex, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return fromTable(ex, headers, request);
	}

	private ResponseEntity<Object> fromTable(Exception ex, HttpHeaders headers, WebRequest request) {
		Problem problem = ErrorTable.of(ex);
		HttpHeaders answerHeaders = new HttpHeaders();
		answerHeaders.addAll(headers);
		answerHeaders.addAll(ProblemResponses.headers(problem));
		return handleExceptionInternal(ex, ProblemResponses.body(problem), answerHeaders, problem.status(), request);
	}

	private static void recordError(Throwable ex) {
		HopContext hop = HopContext.currentOrNull();
		Span span = (hop != null) ? hop.span() : null;
		if (span != null) {
			span.error(ex);
		}
	}

}
