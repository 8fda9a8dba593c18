package dev.tracer.problem;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.client.RestClientException;

import dev.tracer.core.context.TraceId;
import dev.tracer.store.StoreOverloadedException;
import dev.tracer.store.zipkin.ZipkinStoreException;

/**
 * The one table from a failure to its answer: every controller, the OTLP intake and Tomcat's own
 * refusals read it, and only the way the answer is written differs.
 *
 * <pre>
 * ApiProblem (and subclasses), anywhere in the cause chain   its status and detail, its Retry-After
 * StoreOverloadedException                                   503, Retry-After from the store
 * ZipkinStoreException                                       502 or 504 naming the Zipkin server ({@link UpstreamProblem})
 * HttpMessageNotReadableException                            400, the JSON reader's words and the bad field's path
 * TypeMismatchException                                      400, the parameter and the type expected
 * a request Tomcat refused before any filter                 400 or its status, in our words ({@link #ofTomcat})
 * anything else                                              500, "the server log has the details"
 * </pre>
 */
public final class ErrorTable {

	private static final Pattern MAXIMUM_ALLOWED = Pattern.compile("maximum allowed \\((\\d+)");

	/** Jackson's getter of each read limit, and the limit in the API's terms. */
	private static final String[][] READ_LIMITS = { { "getMaxNestingDepth", "nesting deeper than %s levels" },
			{ "getMaxStringLength", "a string longer than %s characters" },
			{ "getMaxNameLength", "a field name longer than %s characters" },
			{ "getMaxNumberLength", "a number longer than %s characters" },
			{ "getMaxDocumentLength", "longer than %s bytes" }, { "getMaxTokenCount", "more than %s JSON tokens" } };

	private ErrorTable() {
	}

	/**
	 * @param failure what a handler threw, never null
	 * @return the answer the table gives it
	 */
	public static Problem of(Throwable failure) {
		ApiProblem api = Causes.find(failure, ApiProblem.class);
		if (api != null) {
			return api.toProblem();
		}
		StoreOverloadedException overloaded = Causes.find(failure, StoreOverloadedException.class);
		if (overloaded != null) {
			return new Problem(HttpStatus.SERVICE_UNAVAILABLE, overloaded.getMessage(), Map.of(),
					overloaded.retryAfterSeconds());
		}
		if (failure instanceof ZipkinStoreException zipkin) {
			String upstream = "Zipkin at " + zipkin.baseUrl();
			ApiProblem problem = (zipkin.getCause() instanceof RestClientException call) ? UpstreamProblem.of(upstream, call)
					: UpstreamProblem.unreadable(upstream, zipkin);
			return problem.toProblem();
		}
		if (failure instanceof HttpMessageNotReadableException unreadable) {
			return Problem.of(HttpStatus.BAD_REQUEST, unreadable(unreadable));
		}
		if (failure instanceof TypeMismatchException mismatch) {
			String name = (mismatch.getPropertyName() != null) ? mismatch.getPropertyName() : "parameter";
			IllegalArgumentException rule = Causes.find(mismatch, IllegalArgumentException.class);
			if (mismatch.getRequiredType() == TraceId.class && rule != null) {
				// TraceId.parseHex's words name the rule and the place, never more of the input
				return Problem.of(HttpStatus.BAD_REQUEST, name + ": " + rule.getMessage());
			}
			String expected = (mismatch.getRequiredType() != null) ? jsonType(mismatch.getRequiredType()) : "another value";
			return Problem.of(HttpStatus.BAD_REQUEST, name + ": expected " + expected);
		}
		return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has the details");
	}

	/**
	 * A request Tomcat refused itself, told by its exception or, where it has none (an encoded NUL in the
	 * path), by its status message; either is only read, never sent: it may quote the request's bytes.
	 */
	static Problem ofTomcat(int status, Throwable throwable, String statusMessage) {
		HttpStatus known = HttpStatus.resolve(status);
		return Problem.of((known != null) ? known : HttpStatus.BAD_REQUEST, tomcatDetail(status, throwable, statusMessage));
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

	/**
	 * Our words for what Tomcat refused, told by its exception or, where it has none (an encoded NUL
	 * in the path), by its status message; either is only read, never sent.
	 */
	private static String tomcatDetail(int status, Throwable throwable, String statusMessage) {
		String message = (throwable != null && throwable.getMessage() != null) ? throwable.getMessage()
				: (statusMessage != null) ? statusMessage : "";
		if (message.startsWith("Request header is too large")) {
			return "the request's headers are too large (server.max-http-request-header-size); nothing was processed";
		}
		if (message.contains("maximum allowed number of headers")) {
			return "too many headers (at most 100); nothing was processed";
		}
		if (message.contains("HTTP header") || message.contains("header line")) {
			return "a header holds a character HTTP does not allow (a control character such as NUL or CR); nothing was processed";
		}
		if (message.contains("request target") || message.contains("URI")) {
			return "the request's path holds a character or an escape that is not allowed (such as %00); nothing was processed";
		}
		if (status == 400) {
			return "the server could not read the request; nothing was processed";
		}
		return "the server refused the request (" + status + "); nothing was processed";
	}

}
