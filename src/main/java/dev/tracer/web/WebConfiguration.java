package dev.tracer.web;

import java.time.Duration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.DispatcherType;
import zipkin2.reporter.ReporterMetrics;
import zipkin2.reporter.metrics.micrometer.MicrometerReporterMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.tracer.store.InMemorySpanStore;
import dev.tracer.store.SpanStore;

/**
 * What every service of the web mode has: the trace-context filter and the request-scoped hop
 * context, the body limit, the trace and Zipkin APIs, the span store and its metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ WebProperties.class, StoreProperties.class, PropagationProperties.class,
		ConformanceProperties.class })
@Import({ TraceApiController.class, ZipkinApiController.class, OtlpController.class, ProblemHandler.class,
		ConformanceConfiguration.class, ZipkinStoreConfiguration.class })
public class WebConfiguration {

	/**
	 * Right after Spring's request-context filter (at {@code REQUEST_WRAPPER_FILTER_MAX_ORDER - 105}),
	 * which request scope needs, and before anything that could be traced.
	 */
	static final int TRACE_CONTEXT_FILTER_ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 104;

	/**
	 * Static, and bound by hand: a post-processor is made before the beans it looks at, and before
	 * {@code @Value} placeholders are resolved.
	 */
	@Bean
	static ZipkinBatching zipkinBatching(Environment environment, ObjectProvider<MeterRegistry> meterRegistry) {
		return new ZipkinBatching(Binder.get(environment)
			.bind("tracer.zipkin.message-timeout", Duration.class)
			.orElse(ZipkinBatching.DEFAULT_MESSAGE_TIMEOUT), () -> {
				MeterRegistry registry = meterRegistry.getIfAvailable();
				return (registry != null) ? MicrometerReporterMetrics.create(registry) : ReporterMetrics.NOOP_METRICS;
			});
	}

	@Bean
	FilterRegistrationBean<TraceContextFilter> traceContextFilter(@Value("${spring.application.name}") String service,
			Tracer tracer, PropagationProperties properties) {
		FilterRegistrationBean<TraceContextFilter> registration = new FilterRegistrationBean<>(
				new TraceContextFilter(service, tracer, properties.responseHeader().enabled()));
		registration.setOrder(TRACE_CONTEXT_FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/** Replaces Boot's {@code BravePropagator}: our core writes the headers of every instrumented call. */
	@Bean
	W3CPropagator w3cPropagator(Tracer tracer, PropagationProperties properties) {
		return new W3CPropagator(tracer, HopContext::currentOrNull, properties.tracestate().entryKeyOrNull());
	}

	/** First of Boot's span handlers: a trace id Brave cannot hold leaves exact. */
	@Bean
	ExactTraceIds.Restorer exactTraceIdRestorer() {
		return new ExactTraceIds.Restorer();
	}

	/** Tomcat's own refusals (oversized or malformed headers, a NUL in the path) as problem+json too. */
	@Bean
	TomcatProblemReports tomcatProblemReports() {
		return new TomcatProblemReports();
	}

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(WebProperties properties) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
		registration.setOrder(TRACE_CONTEXT_FILTER_ORDER + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/** The default store; {@code tracer.store.type: zipkin} replaces it ({@link ZipkinStoreConfiguration}). */
	@Bean
	@ConditionalOnProperty(name = "tracer.store.type", havingValue = "memory", matchIfMissing = true)
	InMemorySpanStore spanStore(StoreProperties properties) {
		return new InMemorySpanStore(properties.maxSpans());
	}

	@Bean
	MeterBinder spanStoreMetrics(SpanStore store) {
		return (registry) -> {
			FunctionCounter.builder("tracer.store.evicted.spans", store, (s) -> s.stats().spansEvicted())
				.description("Spans evicted from the in-memory store to stay within tracer.store.max-spans")
				.register(registry);
			FunctionCounter.builder("tracer.store.accepted.spans", store, (s) -> s.stats().spansAccepted())
				.description("Spans accepted by the in-memory store")
				.register(registry);
			Gauge.builder("tracer.store.spans", store, (s) -> s.stats().spansStored())
				.description("Spans held by the in-memory store")
				.register(registry);
		};
	}

}
