package dev.tracer.instrumentation;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing switched off (Boot's Brave auto-configuration excluded, so Micrometer's no-op tracer is
 * the tracer) requests still work: no {@code traceresponse}, no headers on outgoing calls.
 */
class TracingOffTest {

	@Test
	void filter_noopTracer_passesTheRequestOnWithoutTraceresponse() throws Exception {
		TraceContextFilter filter = new TraceContextFilter("frontend", Tracer.NOOP, true, false);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/data");
		request.addHeader("traceparent", W3CSamples.TRACEPARENT);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(request, response, chain);

		assertThat(chain.getRequest()).as("the request went on").isNotNull();
		assertThat(response.getHeader("traceresponse")).isNull();
		HopContext hop = (HopContext) request.getAttribute(HopContext.ATTRIBUTE);
		assertThat(hop.incoming().valid()).isTrue();
		assertThat(hop.span().isNoop()).isTrue();
	}

	@Test
	void inject_noopContext_writesNothing() {
		Map<String, String> headers = new HashMap<>();
		new W3CPropagator(Tracer.NOOP, () -> null, "tracer")
			.inject(Tracer.NOOP.nextSpan().context(), headers, Map::put);

		assertThat(headers).isEmpty();
	}

}
