package dev.tracer.store.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.tracer.store.SpanLimits;

/**
 * Settings of the span store ({@code tracer.store.*}).
 *
 * @param maxSpans how many spans the store keeps; past that, whole traces are evicted oldest first
 * and counted ({@code GET /api/traces} and the {@code tracer.store.evicted.spans} metric)
 * @param maxBytes how much heap the stored spans may take, by the store's estimate; past that, whole
 * traces are evicted oldest first and counted (tag {@code bound=max-bytes}). Unset: an eighth of the
 * JVM's maximum heap, so that both demo services in one JVM keep at most a quarter of it
 * @param limits how big one span may be; over a limit it is stored cut down and marked
 * @param pressure when the intake refuses spans because the heap is short
 * @param type which store: {@code memory}, the bounded in-memory store (the default), or
 * {@code zipkin}, a Zipkin server read and written through its HTTP API ({@code tracer.store.zipkin.*});
 * the limits and the refusal under pressure apply to both
 * @param zipkin the Zipkin server, when {@code type} is {@code zipkin}
 */
@ConfigurationProperties("tracer.store")
public record StoreProperties(@DefaultValue("100000") int maxSpans, DataSize maxBytes, @DefaultValue Limits limits,
		@DefaultValue Pressure pressure, @DefaultValue("memory") Type type, @DefaultValue Zipkin zipkin) {

	/** A bad bound fails the start, naming the property, rather than the first span. */
	public StoreProperties {
		if (maxSpans < 1) {
			throw new IllegalArgumentException("tracer.store.max-spans: expected 1 or more, found " + maxSpans);
		}
		if (maxBytes != null && maxBytes.toBytes() < 1) {
			throw new IllegalArgumentException("tracer.store.max-bytes: expected 1B or more, found " + maxBytes);
		}
	}

	/** {@link #maxBytes()} in bytes, its default applied. */
	public long maxBytesOrDefault() {
		return (maxBytes != null) ? maxBytes.toBytes() : Runtime.getRuntime().maxMemory() / 8;
	}

	/**
	 * Per-span limits ({@code tracer.store.limits.*}); each one unset takes {@link SpanLimits#DEFAULTS}'.
	 *
	 * @param maxNameLength the most characters of a span name, tag key or service name (default 256)
	 * @param maxTagValueLength the most characters of a tag or annotation value (default 4096)
	 * @param maxTags the most tags a span keeps (default 128, as OpenTelemetry's attributes)
	 * @param maxAnnotations the most annotations a span keeps (default 128, as OpenTelemetry's events)
	 */
	public record Limits(Integer maxNameLength, Integer maxTagValueLength, Integer maxTags, Integer maxAnnotations) {

		/** Checked when bound, by SpanLimits' own rules. */
		public Limits {
			try {
				spanLimits(maxNameLength, maxTagValueLength, maxTags, maxAnnotations);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("tracer.store.limits: " + ex.getMessage());
			}
		}

		public SpanLimits toSpanLimits() {
			return spanLimits(maxNameLength, maxTagValueLength, maxTags, maxAnnotations);
		}

		private static SpanLimits spanLimits(Integer maxNameLength, Integer maxTagValueLength, Integer maxTags,
				Integer maxAnnotations) {
			SpanLimits defaults = SpanLimits.DEFAULTS;
			return new SpanLimits(or(maxNameLength, defaults.maxNameLength()),
					or(maxTagValueLength, defaults.maxTagValueLength()), or(maxTags, defaults.maxTags()),
					or(maxAnnotations, defaults.maxAnnotations()));
		}

		private static int or(Integer value, int fallback) {
			return (value != null) ? value : fallback;
		}

	}

	/**
	 * Refusal under memory pressure ({@code tracer.store.pressure.*}).
	 *
	 * @param maxHeapAfterGc the share of the maximum heap still in use after the last garbage collection
	 * above which spans are refused with 503, above 0 and at most 1 (1 refuses nothing)
	 * @param retryAfter what a refusal's {@code Retry-After} says, whole seconds
	 */
	public record Pressure(@DefaultValue("0.85") double maxHeapAfterGc, @DefaultValue("2s") Duration retryAfter) {

		public Pressure {
			if (!(maxHeapAfterGc > 0 && maxHeapAfterGc <= 1)) {
				throw new IllegalArgumentException(
						"tracer.store.pressure.max-heap-after-gc: expected above 0 and at most 1, found " + maxHeapAfterGc);
			}
			if (retryAfter.isNegative() || retryAfter.isZero()) {
				throw new IllegalArgumentException(
						"tracer.store.pressure.retry-after: expected more than 0, found " + retryAfter);
			}
		}

	}

	/** The value of {@code tracer.store.type}; anything else fails the start, naming the choices. */
	public enum Type {

		MEMORY, ZIPKIN

	}

	/**
	 * @param baseUrl where the Zipkin server answers, e.g. {@code http://zipkin:9411}
	 * @param connectTimeout the longest wait for a connection: past it, the trace API answers 502
	 * @param readTimeout the longest wait for an answer: past it, the trace API answers 504
	 * @param lookback how far back from now the trace list ({@code GET /api/traces}) asks Zipkin to
	 * look; Zipkin lists traces by timestamp within this window
	 */
	public record Zipkin(@DefaultValue("http://localhost:9411") URI baseUrl, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout, @DefaultValue("1d") Duration lookback) {
	}

}
