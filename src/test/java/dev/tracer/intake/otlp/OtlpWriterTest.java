package dev.tracer.intake.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.core.context.TraceTags;
import dev.tracer.intake.files.TraceFileFormat;
import dev.tracer.intake.files.TraceFile;
import dev.tracer.intake.files.TraceFiles;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TraceFileFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OtlpWriter}: a trace taken out as OTLP/JSON opens again as the same trace. Every difference is
 * one the writer's Javadoc names, made here by {@link #afterOtlp}, and nothing else may differ.
 */
class OtlpWriterTest {

	/** A hop as tracer's own instrumentation records it: the evidence tags of both sides, a refusal too. */
	private static final List<Span> TRACER_HOP = List.of(
			TestObjects.SERVER_SPAN.toBuilder()
				.putTag(TraceTags.TRACEPARENT_RECEIVED, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
				.putTag(TraceTags.TRACEPARENT_VALID, "true")
				.putTag(TraceTags.TRACESTATE_RECEIVED, "congo=t61rcWkgMzE")
				.putTag(TraceTags.TRACESTATE_VERDICT, TraceTags.KEPT)
				.putTag("w3c.tracestate", "congo=t61rcWkgMzE")
				.putTag("w3c.traceflags", "01")
				.putTag("otel.parent.remote", "true")
				.putTag("otel.scope.name", "tracer")
				.putTag("otel.scope.version", "1.0")
				.remoteEndpoint(Endpoint.newBuilder().ip("192.168.1.7").port(50412).build())
				.addAnnotation(TestObjects.TODAY + 10, "wr")
				.build(),
			TestObjects.CLIENT_SPAN.toBuilder()
				.putTag(TraceTags.TRACEPARENT_SENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01")
				.build(),
			TestObjects.BACKEND_SPAN.toBuilder()
				.putTag(TraceTags.TRACEPARENT_RECEIVED, "00-4BF92F3577B34DA6A3CE929D0E0E4736-B7AD6B7169203331-01")
				.putTag(TraceTags.TRACEPARENT_VALID, "false")
				.putTag(TraceTags.TRACEPARENT_INVALID, "trace-id: expected 32 lowercase hex characters, found uppercase 'B' at index 4")
				.putTag("otel.status_code", "ERROR")
				.putTag("error", "boom")
				.build(),
			TestObjects.DB_SPAN,
			Span.newBuilder().traceId("00f067aa0ba902b7").id("0000000000000001").name("not ended").build());

	@Test
	void roundTrip_tracersOwnSpans() {
		assertRoundTrip(TRACER_HOP);
	}

	@ParameterizedTest
	@ValueSource(strings = { TraceFileFixtures.JAEGER, TraceFileFixtures.ZIPKIN, TraceFileFixtures.OTLP })
	void roundTrip_eachFixture(String name) {
		assertRoundTrip(TraceFiles.read(TraceFileFixtures.bytes(name)).spans());
	}

	@Test
	void json_writesIdsInHex_andEnumsAsNumbers_asOtlpJsonWants() {
		String json = new String(OtlpWriter.json(List.of(TestObjects.CLIENT_SPAN)), java.nio.charset.StandardCharsets.UTF_8);

		assertThat(json).contains("\"traceId\":\"" + TestObjects.TRACE_ID + "\"")
			.contains("\"spanId\":\"b7ad6b7169203331\"")
			.contains("\"kind\":3")
			.doesNotContain("\n");
	}

	private static void assertRoundTrip(List<Span> original) {
		TraceFile reopened = TraceFiles.read(OtlpWriter.json(original));

		assertThat(reopened.format()).isEqualTo(TraceFileFormat.OTLP);
		List<Span> expected = new ArrayList<>();
		original.forEach((span) -> expected.add(afterOtlp(span)));
		assertThat(reopened.spans()).containsExactlyInAnyOrderElementsOf(expected);
	}

	/** What OTLP keeps of a span, as OtlpWriter's Javadoc says: every loss named here and nowhere else. */
	private static Span afterOtlp(Span span) {
		Span.Builder kept = span.toBuilder().shared((Boolean) null).debug((Boolean) null);
		// the resource carries the service name only
		kept.localEndpoint(Endpoint.newBuilder().serviceName(
				(span.localServiceName() != null) ? span.localServiceName() : OtlpSpans.UNKNOWN_SERVICE).build());
		Map<String, String> tags = new TreeMap<>(span.tags());
		Endpoint remote = span.remoteEndpoint();
		if (remote != null) {
			String address = (remote.ipv4() != null) ? remote.ipv4() : remote.ipv6();
			boolean outgoing = span.kind() == Span.Kind.CLIENT || span.kind() == Span.Kind.PRODUCER;
			if (outgoing) {
				// the remote endpoint as OpenTelemetry's attributes, which come back as tags too
				putIfPresent(tags, "peer.service", remote.serviceName());
				putIfPresent(tags, "server.address", address);
				putIfPresent(tags, "server.port", (remote.portAsInt() != 0) ? Integer.toString(remote.portAsInt()) : null);
			}
			else {
				putIfPresent(tags, "client.address", address);
				putIfPresent(tags, "client.port", (remote.portAsInt() != 0) ? Integer.toString(remote.portAsInt()) : null);
				kept.remoteEndpoint(null);
			}
		}
		kept.clearTags();
		tags.forEach(kept::putTag);
		return kept.build();
	}

	private static void putIfPresent(Map<String, String> tags, String key, String value) {
		if (value != null) {
			tags.putIfAbsent(key, value);
		}
	}

}
