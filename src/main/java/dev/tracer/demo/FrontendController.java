package dev.tracer.demo;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import dev.tracer.web.ApiProblem;
import dev.tracer.web.HopContext;

/**
 * The frontend's {@code GET /api/data}: calls the backend through a {@link RestClient} from Boot's
 * builder, whose observation makes the client span and writes its {@code traceparent}, and answers
 * with both hops. A backend that cannot be reached is a 502, one that does not answer in time a 504.
 */
@RestController
@Profile("frontend")
class FrontendController {

	private static final Log log = LogFactory.getLog(FrontendController.class);

	private final String service;

	private final RestClient downstream;

	private final String downstreamUrl;

	FrontendController(@Value("${spring.application.name}") String service, RestClient downstream,
			DemoProperties properties) {
		this.service = service;
		this.downstream = downstream;
		this.downstreamUrl = properties.downstream().resolve("/api/data").toString();
	}

	@GetMapping("/api/data")
	HopView data() {
		log.info("Calling " + downstreamUrl);
		Map<?, ?> backend = call();
		return HopView.of(service, HopContext.current(), backend);
	}

	private Map<?, ?> call() {
		try {
			return downstream.get().uri("/api/data").retrieve().body(Map.class);
		}
		catch (ResourceAccessException ex) {
			boolean timedOut = causedBy(ex, HttpTimeoutException.class, SocketTimeoutException.class)
					&& !causedBy(ex, HttpConnectTimeoutException.class);
			if (timedOut) {
				throw new ApiProblem(HttpStatus.GATEWAY_TIMEOUT, "downstream " + downstreamUrl + " did not answer in time", ex);
			}
			boolean unreachable = causedBy(ex, ConnectException.class, HttpConnectTimeoutException.class,
					UnknownHostException.class);
			throw new ApiProblem(HttpStatus.BAD_GATEWAY, "downstream " + downstreamUrl
					+ (unreachable ? " is unreachable" : " failed: " + ex.getMostSpecificCause().getClass().getSimpleName()), ex);
		}
		catch (RestClientResponseException ex) {
			throw new ApiProblem(HttpStatus.BAD_GATEWAY,
					"downstream " + downstreamUrl + " answered " + ex.getStatusCode().value(), ex);
		}
		catch (RestClientException ex) {
			throw new ApiProblem(HttpStatus.BAD_GATEWAY, "downstream " + downstreamUrl + " sent an unreadable answer", ex);
		}
	}

	@SafeVarargs
	private static boolean causedBy(Throwable ex, Class<? extends Throwable>... types) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

}
