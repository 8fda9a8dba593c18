package dev.tracer.instrumentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import brave.handler.MutableSpan;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.core.context.EdgeTraceIds;
import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.core.context.IncomingTracestate;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every valid trace id through the tracing engine (Boot's Micrometer Tracing over Brave, as in the web
 * mode) and back out: the hop's view, the {@code traceresponse}, the {@code traceparent} of an
 * outgoing call, and every finished span as the reporter gets it. Brave holds an id as two longs and reads a
 * zero half its own way ({@link ExactTraceIds}); {@link EdgeTraceIds} has the ids, each half zero among
 * them. {@code demo/TraceIdsOverHttpTest} sends the same ids between the real services.
 */
@ActiveProfiles("backend")
class TraceIdRoundTripTests extends TracedSliceTest {

	private static final String CALLER = W3CSamples.PARENT_ID;

	@Autowired
	private Tracer tracer;

	static List<String> traceIds() {
		return EdgeTraceIds.generate(0x5eed_1d5L, 10);
	}

	@ParameterizedTest
	@MethodSource("traceIds")
	void data_continuesTheTraceId_inTheHopTraceresponseAndEverySpan(String traceId) throws Exception {
		mvc.perform(get("/api/data").header("traceparent", "00-" + traceId + "-" + CALLER + "-01"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.incoming.valid").value(true))
			.andExpect(jsonPath("$.span.trace_id").value(traceId))
			.andExpect(jsonPath("$.span.parent_span_id").value(CALLER))
			.andExpect(header().string("traceresponse", startsWith("00-" + traceId + "-")));

		assertThat(finished.spans()).hasSize(2).extracting(MutableSpan::traceId).containsOnly(asZipkinWritesIt(traceId));
		assertThat(finished.onlyServerSpan().parentId()).isEqualTo(CALLER);
	}

	@ParameterizedTest
	@MethodSource("traceIds")
	void inject_writesTheTraceIdOfAChildSpan(String traceId) {
		String received = "00-" + traceId + "-" + CALLER + "-01";
		IncomingTraceparent incoming = IncomingTraceparent.of(List.of(received), ParsePolicy.STRICT);
		Span server = W3CPropagator.childOf(tracer, incoming.parsed()).start();
		HopContext hop = new HopContext(incoming, IncomingTracestate.of(List.of(), incoming), server);
		Span client = tracer.nextSpan(server).start();
		Map<String, String> headers = new HashMap<>();

		new W3CPropagator(tracer, () -> hop, null).inject(client.context(), headers, Map::put);
		client.end();
		server.end();

		assertThat(hop.traceId()).isEqualTo(traceId);
		assertThat(headers.get("traceparent")).isEqualTo("00-" + traceId + "-" + client.context().spanId() + "-01");
		assertThat(finished.spans()).extracting(MutableSpan::traceId).containsOnly(asZipkinWritesIt(traceId));
	}

	/**
	 * The id as Brave's {@code MutableSpan} and Zipkin's model hold it: the same id, with a zero high
	 * half written as the low 16 hex by their design; anything else (a zero low half) exact.
	 */
	private static String asZipkinWritesIt(String traceId) {
		return zipkin2.Span.normalizeTraceId(traceId);
	}

}
