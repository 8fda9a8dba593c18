package dev.tracer.problem;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The answer when a call this service makes to another server fails: 504 when it did not answer within
 * the read timeout, 502 for everything else (refused or unresolvable, no connection within the connect
 * timeout, an error status, an unreadable answer). The demo's backend call and the Zipkin store both
 * answer through here, so the two cannot drift apart.
 *
 * <pre>{@code
 * read timed out                     504  "<upstream> did not answer in time"
 * refused, unknown host, no connect  502  "<upstream> is unreachable"
 * other I/O failure                  502  "<upstream> failed: SSLException"
 * answered 4xx/5xx                   502  "<upstream> answered 503"
 * answer not readable                502  "<upstream> sent an unreadable answer"
 * }</pre>
 */
public final class UpstreamProblem {

	private UpstreamProblem() {
	}

	/**
	 * @param upstream who was called, as the detail should name it, e.g. {@code "Zipkin at http://zipkin:9411"}
	 * @param failure what the client threw
	 * @return the problem to answer with, the failure as its cause
	 */
	public static ApiProblem of(String upstream, RestClientException failure) {
		if (failure instanceof ResourceAccessException) {
			boolean timedOut = Causes.any(failure, HttpTimeoutException.class, SocketTimeoutException.class)
					&& !Causes.any(failure, HttpConnectTimeoutException.class);
			if (timedOut) {
				return new ApiProblem(HttpStatus.GATEWAY_TIMEOUT, upstream + " did not answer in time", failure);
			}
			boolean unreachable = Causes.any(failure, ConnectException.class, HttpConnectTimeoutException.class,
					UnknownHostException.class);
			return new ApiProblem(HttpStatus.BAD_GATEWAY, upstream
					+ (unreachable ? " is unreachable" : " failed: " + failure.getMostSpecificCause().getClass().getSimpleName()),
					failure);
		}
		if (failure instanceof RestClientResponseException response) {
			return new ApiProblem(HttpStatus.BAD_GATEWAY, upstream + " answered " + response.getStatusCode().value(),
					failure);
		}
		return unreadable(upstream, failure);
	}

	/** An answer that arrived but is not what the upstream's API promises. */
	public static ApiProblem unreadable(String upstream, Throwable failure) {
		return new ApiProblem(HttpStatus.BAD_GATEWAY, upstream + " sent an unreadable answer", failure);
	}

}
