package dev.tracer.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import brave.propagation.Propagation;
import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.ParseResult;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.context.TraceParentParser;
import dev.tracer.testing.MapCarrier;
import dev.tracer.testing.W3CSamples;

/**
 * Reading and writing one {@code traceparent}: our STRICT parser against what a Spring user would
 * otherwise run, OpenTelemetry's {@code W3CTraceContextPropagator} and Micrometer's Brave
 * {@code W3CPropagation} (the propagation Boot configures for Brave with W3C). Issue 5's goal: ours
 * at most 0.5x OpenTelemetry's time, and no allocation beyond the result ({@code -prof gc}).
 *
 * <pre>
 * valid    00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 * invalid  00-00000000000000000000000000000000-00f067aa0ba902b7-01   (all-zero trace-id)
 * </pre>
 *
 * The invalid header is full length and well formed up to the trace-id's value, so every parser reads
 * it rather than stopping at a length check, and all three must refuse it (W3C: an all-zero trace-id
 * is invalid). It is also the one bad header none of the three logs about: Brave's
 * {@code W3CPropagation} logs at INFO on a malformed one, which would measure the logger.
 *
 * <p>Fair terms for all three:
 * <ul>
 * <li>the header comes from the same prebuilt {@code Map<String, String>} carrier holding only
 * {@code traceparent}, through a getter that is a plain {@code Map.get}; on a valid header
 * OpenTelemetry and Brave also look up {@code tracestate} (absent), one more map miss than ours;</li>
 * <li>propagators and extractors are made once, as a framework does, not per operation;</li>
 * <li>Brave's is built without a {@code BaggageManager}, so it does not look for {@code baggage} either;</li>
 * <li>each benchmark returns its result (ours a {@link ParseResult}, OpenTelemetry the
 * {@link SpanContext}, Brave the {@link TraceContextOrSamplingFlags}), so nothing is dead code;</li>
 * <li>writing: ours formats a {@link TraceParent}, OpenTelemetry injects the same context through a
 * setter into one reusable field, and both return the header string.</li>
 * </ul>
 *
 * <p>Settings: average time in ns/op, one fork with the JVM's default flags and collector, 5 warm-up and
 * 5 measured iterations of 1 s each: about 11 s per benchmark, 90 s for the eight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TraceParentBenchmark {

	static final String VALID = W3CSamples.TRACEPARENT;

	static final String INVALID = "00-00000000000000000000000000000000-00f067aa0ba902b7-01";

	private static final String TRACEPARENT = "traceparent";

	private static final TextMapSetter<Header> OTEL_SETTER = Header::set;

	private static final Propagation.Getter<Map<String, String>, String> BRAVE_GETTER = Map::get;

	private final Map<String, String> valid = Map.of(TRACEPARENT, VALID);

	private final Map<String, String> invalid = Map.of(TRACEPARENT, INVALID);

	private final W3CTraceContextPropagator openTelemetry = W3CTraceContextPropagator.getInstance();

	private final TraceContext.Extractor<Map<String, String>> brave = new W3CPropagation().extractor(BRAVE_GETTER);

	/** What both writers format: the valid header, parsed once. */
	private final TraceParent traceParent = TraceParentParser.parse(VALID, ParsePolicy.STRICT).value();

	/** The same context as OpenTelemetry sees it, inside a {@link Context} as {@code inject} wants it. */
	private final Context openTelemetryContext = Context.root()
		.with(Span.wrap(Span.fromContext(openTelemetry.extract(Context.root(), valid, MapCarrier.GETTER)).getSpanContext()));

	private final Header header = new Header();

	@Benchmark
	public ParseResult<TraceParent> parseTracer() {
		return TraceParentParser.parse(valid.get(TRACEPARENT), ParsePolicy.STRICT);
	}

	@Benchmark
	public SpanContext parseOpenTelemetry() {
		return Span.fromContext(openTelemetry.extract(Context.root(), valid, MapCarrier.GETTER)).getSpanContext();
	}

	@Benchmark
	public TraceContextOrSamplingFlags parseBrave() {
		return brave.extract(valid);
	}

	@Benchmark
	public ParseResult<TraceParent> parseTracerInvalid() {
		return TraceParentParser.parse(invalid.get(TRACEPARENT), ParsePolicy.STRICT);
	}

	@Benchmark
	public SpanContext parseOpenTelemetryInvalid() {
		return Span.fromContext(openTelemetry.extract(Context.root(), invalid, MapCarrier.GETTER)).getSpanContext();
	}

	@Benchmark
	public TraceContextOrSamplingFlags parseBraveInvalid() {
		return brave.extract(invalid);
	}

	@Benchmark
	public String formatTracer() {
		return traceParent.format();
	}

	@Benchmark
	public String formatOpenTelemetry() {
		openTelemetry.inject(openTelemetryContext, header, OTEL_SETTER);
		return header.value;
	}

	/** A carrier of one header: the setter writes a field, so injecting costs no map. */
	static final class Header {

		String value;

		void set(String key, String value) {
			this.value = value;
		}

	}

}
