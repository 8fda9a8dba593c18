package dev.tracer.problem;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.tracer.instrumentation.HopContext;
import dev.tracer.store.StoreOverloadedException;
import dev.tracer.store.zipkin.ZipkinStoreException;

/**
 * Every refusal as {@code application/problem+json} with a {@code detail} a person can act on, and
 * never a stack trace. Spring MVC's own exceptions (405, 415, unknown path...) come through the base
 * class; unreadable JSON gets the parser's own words and the path of the bad field.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemHandler.class);

	private static final Pattern MAXIMUM_ALLOWED = Pattern.compile("maximum allowed \\((\\d+)");

	/** Jackson's getter of each read limit, and the limit in the API's terms. */
	private static final String[][] READ_LIMITS = { { "getMaxNestingDepth", "nesting deeper than %s levels" },
			{ "getMaxStringLength", "a string longer than %s characters" },
			{ "getMaxNameLength", "a field name longer than %s characters" },
			{ "getMaxNumberLength", "a number longer than %s characters" },
			{ "getMaxDocumentLength", "longer than %s bytes" }, { "getMaxTokenCount", "more than %s JSON tokens" } };

	@ExceptionHandler(ApiProblem.class)
	ProblemDetail apiProblem(ApiProblem problem) {
		if (problem.status().is5xxServerError()) {
			recordError(problem);
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
		problem.properties().forEach(body::setProperty);
		return body;
	}

	/** Seconds, rounded up: {@code Retry-After} has no finer unit, and 0 would invite a retry at once. */
	@ExceptionHandler(StoreOverloadedException.class)
	ResponseEntity<ProblemDetail> storeOverloaded(StoreOverloadedException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
	}

	/** The Zipkin store's server failed: 504 if it was too slow, else 502, naming the server (issue 13). */
	@ExceptionHandler(ZipkinStoreException.class)
	ProblemDetail zipkinStore(ZipkinStoreException ex) {
		String upstream = "Zipkin at " + ex.baseUrl();
		ApiProblem problem = (ex.getCause() instanceof RestClientException failure) ? UpstreamProblem.of(upstream, failure)
				: UpstreamProblem.unreadable(upstream, ex);
		log.warn(ex.getMessage() + ": " + problem.getMessage());
		return apiProblem(problem);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		recordError(ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"internal error; the server log has the details");
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? jsonType(ex.getRequiredType()) : "another value";
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, name + ": expected " + expected);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiProblem problem) {
				return ResponseEntity.status(problem.status()).body(apiProblem(problem));
			}
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(ex));
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Syntax errors get the parser's own words; a value of the wrong type gets its path and the type
	 * expected, in JSON terms (Jackson's message would name our Java classes).
	 */
	private static String unreadable(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			String path = path(mismatch.getPath());
			return (path.isEmpty() ? "request body" : path) + ": expected " + jsonType(mismatch.getTargetType());
		}
		if (ex.getCause() instanceof StreamConstraintsException limit) {
			return "request body: " + inApiTerms(limit);
		}
		if (ex.getCause() instanceof JacksonException json) {
			String message = firstLine(json.getOriginalMessage());
			String path = path(json.getPath());
			return path.isEmpty() ? "malformed JSON: " + message : path + ": " + message;
		}
		return "the request body is missing or not JSON";
	}

	/**
	 * A JSON reader limit in the API's terms. Jackson says which limit only in its message, naming its
	 * own getter ("Document nesting depth (501) exceeds the maximum allowed (500, from
	 * `StreamReadConstraints.getMaxNestingDepth()`)"); that name is read here and never sent.
	 */
	private static String inApiTerms(StreamConstraintsException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		Matcher allowed = MAXIMUM_ALLOWED.matcher(message);
		String max = allowed.find() ? allowed.group(1) : null;
		for (String[] limit : READ_LIMITS) {
			if (max != null && message.contains(limit[0])) {
				return String.format(limit[1], max);
			}
		}
		return "goes past a limit of the JSON reader";
	}

	private static String jsonType(Class<?> type) {
		if (type == String.class || type.isEnum()) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
			return "a number";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		return "an object";
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String firstLine(String message) {
		int lineBreak = message.indexOf('\n');
		return (lineBreak >= 0) ? message.substring(0, lineBreak) : message;
	}

	private void recordError(Throwable ex) {
		HopContext hop = HopContext.currentOrNull();
		Span span = (hop != null) ? hop.span() : null;
		if (span != null) {
			span.error(ex);
		}
	}

}
