package dev.tracer.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

import dev.tracer.problem.ApiProblem;

/**
 * The endpoint the W3C Trace Context test harness drives ({@code test/README.md} of w3c/trace-context):
 *
 * <pre>
 * POST /test   traceparent: ...   tracestate: ...
 * [{"url": "http://127.0.0.1:7777/callback", "arguments": [...]}, ...]
 * </pre>
 *
 * For each element, in order and before answering, it POSTs the element's {@code arguments} as JSON to
 * its {@code url}, through a {@code RestClient} whose observation makes a client span per call, so every
 * callback carries this hop's context with a new parent id. Server-side request forgery is the hazard:
 * every host is checked against {@code tracer.conformance.allowed-hosts} before anything is sent, the
 * number of callbacks is capped, each call has a timeout, redirects are not followed, and the whole
 * request has a deadline ({@code tracer.conformance.deadline}): past it the answer is 504, so slow
 * callbacks cannot hold a server thread for callbacks times timeout.
 */
@RestController
class ConformanceController {

	private final ConformanceCallbacks callbacks;

	private final ConformanceProperties properties;

	ConformanceController(ConformanceCallbacks conformanceCallbacks, ConformanceProperties properties) {
		this.callbacks = conformanceCallbacks;
		this.properties = properties;
	}

	record Callback(String url, Object arguments) {
	}

	@PostMapping(path = "/test", consumes = MediaType.APPLICATION_JSON_VALUE)
	void test(@RequestBody List<Callback> request) {
		if (request.size() > properties.maxCallbacks()) {
			throw ApiProblem.badRequest("at most " + properties.maxCallbacks() + " callbacks per request, found "
					+ request.size() + " (tracer.conformance.max-callbacks)");
		}
		List<URI> targets = new ArrayList<>(request.size());
		for (int i = 0; i < request.size(); i++) {
			targets.add(target(request.get(i), i));
		}
		long deadline = System.nanoTime() + properties.deadline().toNanos();
		for (int i = 0; i < targets.size(); i++) {
			Duration left = Duration.ofNanos(deadline - System.nanoTime());
			if (left.isNegative() || left.isZero()) {
				throw deadlinePassed(i, targets.size(), null);
			}
			boolean cutByDeadline = left.compareTo(properties.timeout()) < 0;
			try {
				callbacks.within(cutByDeadline ? left : properties.timeout())
					.post()
					.uri(targets.get(i))
					.contentType(MediaType.APPLICATION_JSON)
					.body((request.get(i).arguments() != null) ? request.get(i).arguments() : List.of())
					.retrieve()
					.toBodilessEntity();
			}
			catch (RestClientException ex) {
				if (cutByDeadline && ex.getMostSpecificCause() instanceof HttpTimeoutException) {
					throw deadlinePassed(i, targets.size(), ex);
				}
				throw new ApiProblem(HttpStatus.BAD_GATEWAY, "[" + i + "].url: callback to " + targets.get(i)
						+ " failed: " + ex.getMostSpecificCause().getClass().getSimpleName(), ex);
			}
		}
	}

	private ApiProblem deadlinePassed(int index, int callbacks, Throwable cause) {
		return new ApiProblem(HttpStatus.GATEWAY_TIMEOUT, "deadline of " + properties.deadline().toMillis()
				+ " ms (tracer.conformance.deadline) passed " + ((cause != null) ? "during" : "before") + " callback ["
				+ index + "]; " + index + " of " + callbacks + " callbacks were answered", cause);
	}

	private URI target(Callback callback, int index) {
		if (callback == null || callback.url() == null) {
			throw ApiProblem.badRequest("[" + index + "].url: missing");
		}
		URI uri;
		try {
			uri = new URI(callback.url());
		}
		catch (URISyntaxException ex) {
			throw ApiProblem.badRequest("[" + index + "].url: not a URI (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw ApiProblem.badRequest("[" + index + "].url: expected an http or https URL");
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (!properties.allowedHosts().contains(host)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "[" + index + "].url: host '" + host
					+ "' is not in tracer.conformance.allowed-hosts " + properties.allowedHosts() + "; nothing was sent");
		}
		return uri;
	}

}
