package dev.tracer.instrumentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import brave.Tracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.core.context.IncomingTracestate;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes on the wire for a call this hop makes, written by {@link W3CPropagator} for a client span
 * of the hop's server span, with a real Brave tracer behind Micrometer.
 */
class W3CPropagatorTest {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private final Tracing tracing = Tracing.newBuilder().traceId128Bit(true).build();

	private final Tracer tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));

	@AfterEach
	void close() {
		tracing.close();
	}

	@Test
	void inject_continuedTrace_keepsSampledAndRandom_newParentId_tracestateForwarded() {
		HopContext hop = hop("00-" + TRACE_ID + "-00f067aa0ba902b7-ff", List.of("congo=t61rcWkgMzE"));
		Span client = tracer.nextSpan(hop.span()).start();

		Map<String, String> headers = inject(hop, null, client);

		assertThat(headers).containsOnlyKeys("traceparent", "tracestate");
		assertThat(headers.get("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + client.context().spanId() + "-03");
		assertThat(headers.get("tracestate")).isEqualTo("congo=t61rcWkgMzE");
	}

	@Test
	void inject_randomBitNotReceived_isNotSent() {
		HopContext hop = hop("00-" + TRACE_ID + "-00f067aa0ba902b7-01", List.of());
		Span client = tracer.nextSpan(hop.span()).start();

		Map<String, String> headers = inject(hop, null, client);

		assertThat(headers).containsOnlyKeys("traceparent");
		assertThat(headers.get("traceparent")).endsWith("-01");
	}

	@Test
	void inject_traceStartedHere_setsRandom() {
		HopContext hop = hop(null, List.of());
		Span client = tracer.nextSpan(hop.span()).start();

		assertThat(inject(hop, null, client).get("traceparent"))
			.isEqualTo("00-" + hop.span().context().traceId() + "-" + client.context().spanId() + "-03");
	}

	@Test
	void inject_ownEntry_goesOnTheLeft_replacingAnOldOne() {
		HopContext hop = hop("00-" + TRACE_ID + "-00f067aa0ba902b7-01", List.of("tracer=aaaaaaaaaaaaaaaa,congo=t61rcWkgMzE"));
		Span client = tracer.nextSpan(hop.span()).start();

		assertThat(inject(hop, "tracer", client).get("tracestate"))
			.isEqualTo("tracer=" + client.context().spanId() + ",congo=t61rcWkgMzE");
	}

	@Test
	void inject_anotherTrace_sendsNeitherRandomNorTheHopsTracestate() {
		HopContext hop = hop("00-" + TRACE_ID + "-00f067aa0ba902b7-03", List.of("congo=t61rcWkgMzE"));
		Span unrelated = tracer.nextSpan(null).start();

		Map<String, String> headers = inject(hop, null, unrelated);

		assertThat(headers).containsOnlyKeys("traceparent");
		assertThat(headers.get("traceparent")).endsWith("-01").doesNotContain(TRACE_ID);
	}

	@Test
	void inject_outsideARequest_writesTraceparentOnly() {
		Span span = tracer.nextSpan().start();
		Map<String, String> headers = new LinkedHashMap<>();

		new W3CPropagator(tracer, none(), null).inject(span.context(), headers, Map::put);

		assertThat(headers).containsOnlyKeys("traceparent");
		assertThat(headers.get("traceparent")).isEqualTo("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");
	}

	@Test
	void extract_validHeader_isTheParent_invalidStartsANewTrace() {
		Span child = new W3CPropagator(tracer, none(), null)
			.extract(Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"), Map::get)
			.start();
		Span root = new W3CPropagator(tracer, none(), null)
			.extract(Map.of("traceparent", "00-" + TRACE_ID.toUpperCase() + "-00f067aa0ba902b7-01"), Map::get)
			.start();

		assertThat(child.context().traceId()).isEqualTo(TRACE_ID);
		assertThat(child.context().parentId()).isEqualTo(W3CSamples.PARENT_ID);
		assertThat(root.context().traceId()).isNotEqualTo(TRACE_ID);
		assertThat(root.context().parentId()).isNull();
	}

	@Test
	void extract_readsEveryValue_twoHeadersStartANewTraceAsInTheFilter() {
		String header = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
		Propagator.Getter<Map<String, List<String>>> allValues = new Propagator.Getter<>() {

			@Override
			public String get(Map<String, List<String>> carrier, String key) {
				List<String> values = carrier.get(key);
				return (values != null) ? values.get(0) : null;
			}

			@Override
			public Iterable<String> getAll(Map<String, List<String>> carrier, String key) {
				return carrier.getOrDefault(key, List.of());
			}

		};
		W3CPropagator propagator = new W3CPropagator(tracer, none(), null);

		Span one = propagator.extract(Map.of("traceparent", List.of(header)), allValues).start();
		Span two = propagator.extract(Map.of("traceparent", List.of(header, header)), allValues).start();

		assertThat(one.context().parentId()).isEqualTo(W3CSamples.PARENT_ID);
		assertThat(two.context().traceId()).isNotEqualTo(TRACE_ID);
		assertThat(two.context().parentId()).isNull();
	}

	private HopContext hop(String traceparent, List<String> tracestates) {
		IncomingTraceparent incoming = IncomingTraceparent.of((traceparent != null) ? List.of(traceparent) : List.of(), ParsePolicy.STRICT);
		Span server = W3CPropagator.childOf(tracer, incoming.parsed()).kind(Span.Kind.SERVER).start();
		return new HopContext(incoming, IncomingTracestate.of(tracestates, incoming), server);
	}

	private Map<String, String> inject(HopContext hop, String entryKey, Span span) {
		Map<String, String> headers = new LinkedHashMap<>();
		new W3CPropagator(tracer, () -> hop, entryKey).inject(span.context(), headers, Map::put);
		return headers;
	}

	private static Supplier<HopContext> none() {
		return () -> null;
	}

}
