package dev.tracer.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import dev.tracer.store.GuardedSpanStore;
import dev.tracer.store.HeapPressure;
import dev.tracer.store.InMemorySpanStore;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoreStats;

/**
 * What every service of the web mode has: the trace-context filter and the request-scoped hop
 * context, the body limit, the trace and Zipkin APIs, the span store and its metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ WebProperties.class, StoreProperties.class, PropagationProperties.class,
		ConformanceProperties.class })
@Import({ TraceApiController.class, ZipkinApiController.class, OtlpController.class, ProblemHandler.class,
		ConformanceConfiguration.class, ZipkinStoreConfiguration.class, BreakConfiguration.class })
public class WebConfiguration {

	/** The store behind the guard: in memory, or a Zipkin server ({@link ZipkinStoreConfiguration}). */
	static final String BACKING_STORE = "backingSpanStore";

	/**
	 * Right after Spring's request-context filter (at {@code REQUEST_WRAPPER_FILTER_MAX_ORDER - 105}),
	 * which request scope needs, and before anything that could be traced.
	 */

	static final int TRACE_CONTEXT_FILTER_ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 104;

	/**
	 * Who makes the server span and reads the incoming headers: {@code tracer} (the filter, the STRICT core
	 * and the hop's evidence), or {@code boot}, Spring Boot's own server observation and Brave's W3C
	 * propagation, which {@code http-load.sh} measures tracer against.
	 */
	static final String ENGINE = "tracer.propagation.engine";

	@Bean
	@ConditionalOnProperty(name = ENGINE, havingValue = "tracer", matchIfMissing = true)
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

	/** Tomcat's own refusals (oversized or malformed headers, a NUL in the path) as problem+json too. */
	@Bean
	TomcatProblemReports tomcatProblemReports() {
		return new TomcatProblemReports();
	}

	/** The traceparent each outgoing call sent, on its client span (Boot registers observation filters). */
	@Bean
	SentTraceparentTag sentTraceparentTag() {
		return new SentTraceparentTag();
	}

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(WebProperties properties) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
		registration.setOrder(TRACE_CONTEXT_FILTER_ORDER + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/** Stopped with the context: it listens to the JVM's collections. */
	@Bean(destroyMethod = "close")
	HeapPressure heapPressure(StoreProperties properties) {
		return new HeapPressure(properties.pressure().maxHeapAfterGc());
	}

	/**
	 * Where the spans are kept: in memory by default; {@code tracer.store.type: zipkin} puts a Zipkin server
	 * in its place ({@link ZipkinStoreConfiguration}, a bean of the same name).
	 */
	@Bean(BACKING_STORE)
	@ConditionalOnProperty(name = "tracer.store.type", havingValue = "memory", matchIfMissing = true)
	InMemorySpanStore backingSpanStore(StoreProperties properties) {
		return new InMemorySpanStore(properties.maxSpans(), properties.maxBytesOrDefault());
	}

	/**
	 * Every intake writes through the guard, whichever store is behind it: per-span limits, refusal under
	 * memory pressure. The one {@link SpanStore} the rest of the application sees.
	 */
	@Bean
	@Primary
	SpanStore spanStore(@Qualifier(BACKING_STORE) SpanStore backing, StoreProperties properties,
			HeapPressure heapPressure) {
		return new GuardedSpanStore(backing, properties.limits().toSpanLimits(), heapPressure,
				properties.pressure().retryAfter());
	}

	@Bean
	MeterBinder spanStoreMetrics(SpanStore store) {
		return (registry) -> {
			FunctionCounter.builder("tracer.store.evicted.spans", store, WebConfiguration::spansEvictedForCount)
				.tag("bound", "max-spans")
				.description("Spans evicted from the in-memory store to stay within a bound: tracer.store.max-spans or max-bytes")
				.register(registry);
			FunctionCounter.builder("tracer.store.evicted.spans", store, (s) -> s.stats().spansEvictedForBytes())
				.tag("bound", "max-bytes")
				.description("Spans evicted from the in-memory store to stay within a bound: tracer.store.max-spans or max-bytes")
				.register(registry);
			FunctionCounter.builder("tracer.store.accepted.spans", store, (s) -> s.stats().spansAccepted())
				.description("Spans accepted by the in-memory store")
				.register(registry);
			FunctionCounter.builder("tracer.store.truncated.spans", store, (s) -> s.stats().spansTruncated())
				.description("Spans accepted cut down to tracer.store.limits")
				.register(registry);
			FunctionCounter.builder("tracer.store.refused.spans", store, (s) -> s.stats().spansRefused())
				.description("Spans refused with 503 because the heap was short")
				.register(registry);
			Gauge.builder("tracer.store.spans", store, (s) -> s.stats().spansStored())
				.description("Spans held by the in-memory store")
				.register(registry);
			Gauge.builder("tracer.store.size", store, (s) -> s.stats().bytesStored())
				.baseUnit("bytes")
				.description("Heap the stored spans take, by the store's estimate")
				.register(registry);
			Gauge.builder("tracer.store.size.max", store, (s) -> s.stats().maxBytes())
				.baseUnit("bytes")
				.description("The bound on tracer.store.size (tracer.store.max-bytes)")
				.register(registry);
		};
	}

	private static long spansEvictedForCount(SpanStore store) {
		StoreStats stats = store.stats();
		return stats.spansEvicted() - stats.spansEvictedForBytes();
	}

}
