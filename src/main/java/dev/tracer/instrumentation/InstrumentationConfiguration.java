package dev.tracer.instrumentation;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a traced service runs: the trace-context filter that decides on every incoming header and makes
 * the one server span, the propagator that writes every outgoing header, and the span handlers that keep
 * the evidence and the exact ids.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PropagationProperties.class, SelfTracingProperties.class })
public class InstrumentationConfiguration {

	/**
	 * Right after Spring's request-context filter (at {@code REQUEST_WRAPPER_FILTER_MAX_ORDER - 105}),
	 * which request scope needs, and before anything that could be traced.
	 */
	public static final int TRACE_CONTEXT_FILTER_ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 104;

	/**
	 * Who makes the server span and reads the incoming headers: {@code tracer} (the filter, the STRICT core
	 * and the hop's evidence), or {@code boot}, Spring Boot's own server observation and Brave's W3C
	 * propagation, which {@code http-load.sh} measures tracer against.
	 */
	static final String ENGINE = "tracer.propagation.engine";

	@Bean
	@ConditionalOnProperty(name = ENGINE, havingValue = "tracer", matchIfMissing = true)
	FilterRegistrationBean<TraceContextFilter> traceContextFilter(@Value("${spring.application.name}") String service,
			Tracer tracer, PropagationProperties properties, SelfTracingProperties selfTracing) {
		FilterRegistrationBean<TraceContextFilter> registration = new FilterRegistrationBean<>(new TraceContextFilter(
				service, tracer, properties.responseHeader().enabled(), selfTracing.enabled()));
		registration.setOrder(TRACE_CONTEXT_FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/** Replaces Boot's {@code BravePropagator}: our core writes the headers of every instrumented call. */
	@Bean
	@ConditionalOnProperty(name = ENGINE, havingValue = "tracer", matchIfMissing = true)
	W3CPropagator w3cPropagator(Tracer tracer, PropagationProperties properties) {
		return new W3CPropagator(tracer, HopContext::currentOrNull, properties.tracestate().entryKeyOrNull());
	}

	/** Boot's server observation keeps timing {@code http.server.requests}; the filter makes the span. */
	@Bean
	@ConditionalOnProperty(name = ENGINE, havingValue = "tracer", matchIfMissing = true)
	ServerSpanFromFilter serverSpanFromFilter(Tracer tracer) {
		return new ServerSpanFromFilter(tracer);
	}

	/** First of Boot's span handlers: a trace id Brave cannot hold leaves exact. */
	@Bean
	ExactTraceIds.Restorer exactTraceIdRestorer() {
		return new ExactTraceIds.Restorer();
	}

	/** The traceparent each outgoing call sent, on its client span (Boot registers observation filters). */
	@Bean
	SentTraceparentTag sentTraceparentTag() {
		return new SentTraceparentTag();
	}

}
