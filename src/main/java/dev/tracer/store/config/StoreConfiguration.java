package dev.tracer.store.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import dev.tracer.store.GuardedSpanStore;
import dev.tracer.store.HeapPressure;
import dev.tracer.store.InMemorySpanStore;
import dev.tracer.store.SpanListener;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoreStats;

/**
 * The span store every intake writes to and every reader reads: in memory or on a Zipkin server, always
 * behind the guard, with its metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
@Import(ZipkinStoreConfiguration.class)
public class StoreConfiguration {

	/** The store behind the guard: in memory, or a Zipkin server ({@link ZipkinStoreConfiguration}). */
	static final String BACKING_STORE = "backingSpanStore";

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
	InMemorySpanStore backingSpanStore(StoreProperties properties, ObjectProvider<SpanListener> listener) {
		return new InMemorySpanStore(properties.maxSpans(), properties.maxBytesOrDefault(),
				listener.getIfAvailable(() -> SpanListener.NONE));
	}

	/**
	 * Every intake writes through the guard, whichever store is behind it: per-span limits, refusal under
	 * memory pressure, and the listener told of every batch taken (the break analysis on arrival). The one
	 * {@link SpanStore} the rest of the application sees.
	 */
	@Bean
	@Primary
	SpanStore spanStore(@Qualifier(BACKING_STORE) SpanStore backing, StoreProperties properties,
			HeapPressure heapPressure, ObjectProvider<SpanListener> listener) {
		return new GuardedSpanStore(backing, properties.limits().toSpanLimits(), heapPressure,
				properties.pressure().retryAfter(), listener.getIfAvailable(() -> SpanListener.NONE));
	}

	@Bean
	MeterBinder spanStoreMetrics(SpanStore store) {
		return (registry) -> {
			FunctionCounter.builder("tracer.store.evicted.spans", store, StoreConfiguration::spansEvictedForCount)
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
