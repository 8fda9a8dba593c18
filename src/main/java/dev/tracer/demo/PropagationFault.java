package dev.tracer.demo;

import java.io.IOException;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.tracer.problem.ApiProblem;

/**
 * What the frontend's {@code GET /api/data?propagation=MODE} does to the context of its call to the
 * backend, to break a trace on purpose. The observation has written the headers when the interceptor
 * runs, and the client span's {@code w3c.traceparent.sent} is read after it, so the tag shows what
 * really went out.
 *
 * <pre>{@code
 * normal     traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01   as written
 * dropped    (no traceparent, no tracestate)                   a proxy that strips them
 * uppercase  traceparent: 00-4BF92F3577B34DA6A3CE929D0E0E4736-B7AD6B7169203331-01   a hand-written client
 * b3         b3: 4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-1                a B3-only service
 * }</pre>
 */
enum PropagationFault {

	NORMAL, DROPPED, UPPERCASE, B3;

	/** The request attribute that carries the mode from the controller to the interceptor. */
	static final String ATTRIBUTE = PropagationFault.class.getName();

	private static final String TRACEPARENT = "traceparent";

	/**
	 * @param mode {@code normal}, {@code dropped}, {@code uppercase} or {@code b3}, any case
	 * @return the fault
	 * @throws ApiProblem a 400 naming the modes, for any other value
	 */
	static PropagationFault of(String mode) {
		for (PropagationFault fault : values()) {
			if (fault.name().equalsIgnoreCase(mode)) {
				return fault;
			}
		}
		throw ApiProblem.badRequest("propagation: expected normal, dropped, uppercase or b3");
	}

	void apply(HttpHeaders headers) {
		String traceparent = headers.getFirst(TRACEPARENT);
		switch (this) {
			case NORMAL -> {
			}
			case DROPPED -> {
				headers.remove(TRACEPARENT);
				headers.remove("tracestate");
			}
			case UPPERCASE -> {
				if (traceparent != null) {
					headers.set(TRACEPARENT, traceparent.toUpperCase(Locale.ROOT));
				}
			}
			case B3 -> {
				headers.remove(TRACEPARENT);
				headers.remove("tracestate");
				String[] fields = (traceparent != null) ? traceparent.split("-") : new String[0];
				if (fields.length == 4) {
					boolean sampled = (Integer.parseInt(fields[3], 16) & 1) == 1;
					headers.set("b3", fields[1] + "-" + fields[2] + "-" + (sampled ? "1" : "0"));
				}
			}
		}
	}

	/** Applies the mode a call carries in its {@link #ATTRIBUTE}; calls without one go out as written. */
	static final class Interceptor implements ClientHttpRequestInterceptor {

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			if (request.getAttributes().get(ATTRIBUTE) instanceof PropagationFault fault) {
				fault.apply(request.getHeaders());
			}
			return execution.execute(request, body);
		}

	}

}
