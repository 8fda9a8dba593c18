package dev.tracer.api;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The client of {@code POST /test}'s callbacks: Boot's builder (for the observation and so the
 * propagation), one JDK client with no redirects, and a read timeout chosen per call, so that a call
 * never outlives the request's deadline.
 */
final class ConformanceCallbacks {

	private final RestClient.Builder builder;

	private final HttpClient client;

	ConformanceCallbacks(RestClient.Builder builder, Duration connectTimeout) {
		this.builder = builder.clone();
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** A client whose calls fail with a timeout once {@code timeout} has passed without an answer. */
	RestClient within(Duration timeout) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client);
		requestFactory.setReadTimeout(timeout);
		return builder.clone().requestFactory(requestFactory).build();
	}

}
