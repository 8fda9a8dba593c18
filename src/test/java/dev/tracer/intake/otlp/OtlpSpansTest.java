package dev.tracer.intake.otlp;

import java.util.List;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import zipkin2.Annotation;
import zipkin2.Endpoint;

import dev.tracer.testing.TestObjects;

import static dev.tracer.intake.otlp.OtlpTestObjects.BACKEND_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.CLIENT_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.SERVER_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.TODAY_NANOS;
import static dev.tracer.intake.otlp.OtlpTestObjects.TRACE_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.attribute;
import static dev.tracer.intake.otlp.OtlpTestObjects.bytes;
import static dev.tracer.intake.otlp.OtlpTestObjects.request;
import static dev.tracer.intake.otlp.OtlpTestObjects.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@link OtlpSpans}: the README's table "OTLP to the store", row by row. */
class OtlpSpansTest {

	private static final long TODAY_MICROS = TODAY_NANOS / 1000;

	@Test
	void map_twoServices_keepsIdsParentsServicesKindsAndTimes() {
		OtlpBatch batch = OtlpSpans.map(OtlpTestObjects.twoServices(TRACE_ID));

		assertThat(batch.complete()).isTrue();
		assertThat(batch.spans()).extracting(zipkin2.Span::traceId).containsOnly(TRACE_ID);
		assertThat(batch.spans()).extracting(zipkin2.Span::id).containsExactly(SERVER_ID, CLIENT_ID, BACKEND_ID);
		assertThat(batch.spans()).extracting(zipkin2.Span::parentId).containsExactly(null, SERVER_ID, CLIENT_ID);
		assertThat(batch.spans()).extracting(zipkin2.Span::localServiceName)
			.containsExactly("checkout", "checkout", "inventory");
		assertThat(batch.spans()).extracting(zipkin2.Span::kind)
			.containsExactly(zipkin2.Span.Kind.SERVER, zipkin2.Span.Kind.CLIENT, zipkin2.Span.Kind.SERVER);
		assertThat(batch.spans()).extracting(zipkin2.Span::timestamp)
			.containsExactly(TODAY_MICROS, TODAY_MICROS + 50_000, TODAY_MICROS + 100_000);
		assertThat(batch.spans()).extracting(zipkin2.Span::duration).containsExactly(350_000L, 200_000L, 150_000L);
		// Zipkin's model writes names lowercase
		assertThat(batch.spans()).extracting(zipkin2.Span::name).containsExactly("get /checkout", "get", "get /items/{id}");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {
			"SPAN_KIND_SERVER, SERVER",
			"SPAN_KIND_CLIENT, CLIENT",
			"SPAN_KIND_PRODUCER, PRODUCER",
			"SPAN_KIND_CONSUMER, CONSUMER",
			"SPAN_KIND_INTERNAL, null",
			"SPAN_KIND_UNSPECIFIED, null" })
	void map_kind(Span.SpanKind otlp, zipkin2.Span.Kind zipkin) {
		assertThat(one(plain().setKind(otlp)).kind()).isEqualTo(zipkin);
	}

	@Test
	void map_unknownKindNumber_isNoKind() {
		assertThat(one(plain().setKindValue(42)).kind()).isNull();
	}

	static Stream<Arguments> attributesOfEveryType() {
		return Stream.of(
				arguments(named("string", text("\"GET\"")), "\"GET\""),
				arguments(named("bool", AnyValue.newBuilder().setBoolValue(true).build()), "true"),
				arguments(named("int", AnyValue.newBuilder().setIntValue(42).build()), "42"),
				arguments(named("double", AnyValue.newBuilder().setDoubleValue(0.25).build()), "0.25"),
				arguments(named("bytes", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] { 1, 2 })).build()),
						"AQI="),
				arguments(named("strings", list(text("a"), text("b"))), "[\"a\",\"b\"]"),
				arguments(named("mixed list", list(text("a"), AnyValue.newBuilder().setIntValue(1).build(),
						AnyValue.newBuilder().setBoolValue(true).build(), AnyValue.newBuilder().setDoubleValue(1.5).build())),
						"[\"a\",1,true,1.5]"),
				arguments(named("map", AnyValue.newBuilder()
					.setKvlistValue(KeyValueList.newBuilder()
						.addValues(KeyValue.newBuilder().setKey("k").setValue(text("v")))
						.addValues(KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(2))))
					.build()), "{\"k\":\"v\",\"n\":2}"),
				arguments(named("empty", AnyValue.getDefaultInstance()), ""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attributesOfEveryType")
	void map_attributeOfEveryType_isATag(AnyValue value, String expected) {
		zipkin2.Span span = one(plain().addAttributes(KeyValue.newBuilder().setKey("attr").setValue(value)));

		assertThat(span.tags()).containsEntry("attr", expected);
	}

	@Test
	void map_errorAttributeFalse_isNoErrorTag() {
		assertThat(one(plain().addAttributes(KeyValue.newBuilder()
			.setKey("error")
			.setValue(AnyValue.newBuilder().setBoolValue(false)))).tags()).doesNotContainKey("error");
	}

	@Test
	void map_statusError_isTheErrorTagWithTheMessage() {
		zipkin2.Span span = one(plain().setStatus(Status.newBuilder()
			.setCode(Status.StatusCode.STATUS_CODE_ERROR)
			.setMessage("out of stock")));

		assertThat(span.tags()).containsEntry("error", "out of stock").containsEntry("otel.status_code", "ERROR");
	}

	@Test
	void map_statusErrorWithoutMessage_isStillAnError() {
		zipkin2.Span span = one(plain().setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)));

		assertThat(span.tags()).containsEntry("error", "");
	}

	@Test
	void map_statusOk_isNoError() {
		zipkin2.Span span = one(plain().setStatus(Status.newBuilder()
			.setCode(Status.StatusCode.STATUS_CODE_OK)
			.setMessage("ignored: only an error has a description")));

		assertThat(span.tags()).containsEntry("otel.status_code", "OK").doesNotContainKey("error");
	}

	@Test
	void map_statusUnset_isNoStatusTag() {
		assertThat(one(plain()).tags()).doesNotContainKeys("otel.status_code", "error");
	}

	@Test
	void map_events_areAnnotationsWithTheirAttributesInJson() {
		zipkin2.Span span = one(plain()
			.addEvents(Span.Event.newBuilder().setName("cache miss").setTimeUnixNano(TODAY_NANOS + 2_000))
			.addEvents(Span.Event.newBuilder()
				.setName("exception")
				.setTimeUnixNano(TODAY_NANOS + 3_000)
				.addAttributes(attribute("exception.type", "java.io.IOException"))
				.addAttributes(attribute("exception.message", "reset"))));

		assertThat(span.annotations()).containsExactly(Annotation.create(TODAY_MICROS + 2, "cache miss"),
				Annotation.create(TODAY_MICROS + 3,
						"\"exception\": {\"exception.type\":\"java.io.IOException\",\"exception.message\":\"reset\"}"));
	}

	@Test
	void map_eventWithoutTime_isAtTheSpansStart() {
		zipkin2.Span span = one(plain().addEvents(Span.Event.newBuilder().setName("started")));

		assertThat(span.annotations()).containsExactly(Annotation.create(TODAY_MICROS, "started"));
	}

	@Test
	void map_traceStateAndFlags_areKept() {
		zipkin2.Span span = one(plain().setTraceState("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7").setFlags(0x301));

		assertThat(span.tags()).containsEntry("w3c.tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
			.containsEntry("w3c.traceflags", "01")
			.containsEntry("otel.parent.remote", "true");
	}

	@Test
	void map_flagsNotSent_isNoFlagsTag() {
		assertThat(one(plain()).tags()).doesNotContainKeys("w3c.traceflags", "w3c.tracestate", "otel.parent.remote");
	}

	@Test
	void map_httpSemanticConventions_areTheTagsTracerReads() {
		zipkin2.Span span = one(plain().setKind(Span.SpanKind.SPAN_KIND_SERVER)
			.addAttributes(attribute("http.request.method", "POST"))
			.addAttributes(attribute("url.path", "/orders"))
			.addAttributes(attribute("http.route", "/orders"))
			.addAttributes(KeyValue.newBuilder()
				.setKey("http.response.status_code")
				.setValue(AnyValue.newBuilder().setIntValue(201))));

		assertThat(span.tags()).containsEntry("http.method", "POST")
			.containsEntry("http.path", "/orders")
			.containsEntry("http.route", "/orders")
			.containsEntry("http.status_code", "201")
			.containsEntry("http.request.method", "POST")
			.containsEntry("url.path", "/orders");
	}

	@Test
	void map_olderHttpNames_areKeptAndWinOverNewer() {
		zipkin2.Span span = one(plain().addAttributes(attribute("http.method", "GET"))
			.addAttributes(attribute("http.request.method", "_OTHER"))
			.addAttributes(attribute("http.target", "/search?q=1")));

		assertThat(span.tags()).containsEntry("http.method", "GET").containsEntry("http.path", "/search");
	}

	@Test
	void map_pathFromTheFullUrl() {
		zipkin2.Span span = one(plain().addAttributes(attribute("url.full", "https://shop.example/cart/7?x=1")));

		assertThat(span.tags()).containsEntry("http.path", "/cart/7").containsEntry("http.url", "https://shop.example/cart/7?x=1");
	}

	@Test
	void map_urlThatIsNoUri_isKeptAndNoPathIsMadeUp() {
		zipkin2.Span span = one(plain().addAttributes(attribute("url.full", "http://bad host/ x")));

		assertThat(span.tags()).containsEntry("url.full", "http://bad host/ x").doesNotContainKey("http.path");
	}

	@Test
	void map_clientServerAddress_isTheRemoteEndpoint() {
		zipkin2.Span span = one(plain().setKind(Span.SpanKind.SPAN_KIND_CLIENT)
			.addAttributes(attribute("server.address", "inventory"))
			.addAttributes(KeyValue.newBuilder().setKey("server.port").setValue(AnyValue.newBuilder().setIntValue(8081))));

		assertThat(span.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("inventory").port(8081).build());
	}

	@Test
	void map_clientIpAndPeerService_isTheRemoteEndpoint() {
		zipkin2.Span span = one(plain().setKind(Span.SpanKind.SPAN_KIND_CLIENT)
			.addAttributes(attribute("peer.service", "payments"))
			.addAttributes(attribute("net.peer.name", "10.0.0.7"))
			.addAttributes(attribute("net.peer.port", "443")));

		assertThat(span.remoteEndpoint())
			.isEqualTo(Endpoint.newBuilder().serviceName("payments").ip("10.0.0.7").port(443).build());
	}

	@Test
	void map_serverSpan_hasNoRemoteEndpointFromServerAddress() {
		zipkin2.Span span = one(plain().setKind(Span.SpanKind.SPAN_KIND_SERVER)
			.addAttributes(attribute("server.address", "shop.example")));

		assertThat(span.remoteEndpoint()).isNull();
		assertThat(span.tags()).containsEntry("server.address", "shop.example");
	}

	@Test
	void map_noServiceName_isUnknownService() {
		ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(attribute("host.name", "box")))
				.addScopeSpans(ScopeSpans.newBuilder().addSpans(plain())))
			.build();

		assertThat(OtlpSpans.map(request).spans().get(0).localServiceName()).isEqualTo(OtlpSpans.UNKNOWN_SERVICE);
	}

	@Test
	void map_scope_isTagged() {
		assertThat(one(plain()).tags()).containsEntry("otel.scope.name", "dev.tracer.test")
			.containsEntry("otel.scope.version", "1.0");
	}

	@Test
	void map_droppedCountsAndLinks_areCounted() {
		zipkin2.Span span = one(plain().setDroppedAttributesCount(3)
			.setDroppedEventsCount(2)
			.setDroppedLinksCount(1)
			.addLinks(Span.Link.newBuilder().setTraceId(bytes(TRACE_ID)).setSpanId(bytes(CLIENT_ID))));

		assertThat(span.tags()).containsEntry("otel.dropped_attributes_count", "3")
			.containsEntry("otel.dropped_events_count", "2")
			.containsEntry("otel.dropped_links_count", "1")
			.containsEntry("otel.links_count", "1");
	}

	@Test
	void map_subMicrosecondSpan_lastsOneMicrosecond() {
		zipkin2.Span span = one(span(TRACE_ID, SERVER_ID, "", "quick", Span.SpanKind.SPAN_KIND_INTERNAL, 0, 400));

		assertThat(span.duration()).isEqualTo(1L);
	}

	@Test
	void map_endBeforeStart_isRefusedWithTheReason() {
		OtlpBatch batch = OtlpSpans.map(request("checkout", plain().setEndTimeUnixNano(TODAY_NANOS - 1).build()));

		assertThat(batch.spans()).isEmpty();
		assertThat(batch.rejectedSpans()).isEqualTo(1);
		assertThat(batch.firstRejection()).isEqualTo("resource_spans[0].scope_spans[0].spans[0]: trace " + TRACE_ID
				+ ", span " + SERVER_ID + ": end_time_unix_nano " + (TODAY_NANOS - 1) + ": before start_time_unix_nano "
				+ TODAY_NANOS);
	}

	@Test
	void map_notEnded_hasNoDuration() {
		zipkin2.Span span = one(plain().setEndTimeUnixNano(0));

		assertThat(span.timestamp()).isEqualTo(TODAY_MICROS);
		assertThat(span.duration()).isNull();
	}

	/** Unsigned nanoseconds: 2^64-1 is not -1 ("no time") but a time in 2554, after the rule's last. */
	@ParameterizedTest
	@ValueSource(longs = { -1L, Long.MAX_VALUE, Long.MIN_VALUE })
	void map_startOutOfRange_isRefusedNamingTheSpan(long startNanos) {
		OtlpBatch batch = OtlpSpans.map(request("checkout",
				plain().setStartTimeUnixNano(startNanos).setEndTimeUnixNano(startNanos).build()));

		assertThat(batch.spans()).isEmpty();
		assertThat(batch.firstRejection()).startsWith("resource_spans[0].scope_spans[0].spans[0]: trace " + TRACE_ID
				+ ", span " + SERVER_ID + ": start_time_unix_nano " + Long.toUnsignedString(startNanos))
			.contains("after 2255-06-05T23:47:34.740991Z");
	}

	@Test
	void map_endOutOfRange_isRefused() {
		OtlpBatch batch = OtlpSpans.map(request("checkout", plain().setEndTimeUnixNano(-1L).build()));

		assertThat(batch.rejectedSpans()).isEqualTo(1);
		assertThat(batch.firstRejection()).contains("end_time_unix_nano 18446744073709551615")
			.contains("ends after 2255-06-05T23:47:34.740991Z");
	}

	@Test
	void map_noStartTime_hasNoTimestampNorDuration() {
		zipkin2.Span span = one(plain().setStartTimeUnixNano(0));

		assertThat(span.timestamp()).isNull();
		assertThat(span.duration()).isNull();
	}

	@Test
	void map_allZeroParent_isARoot() {
		assertThat(one(plain().setParentSpanId(bytes("0000000000000000"))).parentId()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"short trace id     | 4bf92f3577b34da6a3ce929d0e0e47 | 00f067aa0ba902b7 | ''               | trace_id: expected 16 bytes, found 15",
			"long trace id      | 4bf92f3577b34da6a3ce929d0e0e473601 | 00f067aa0ba902b7 | ''           | trace_id: expected 16 bytes, found 17",
			"no trace id        | ''                             | 00f067aa0ba902b7 | ''               | trace_id: expected 16 bytes, found 0",
			"zero trace id      | 00000000000000000000000000000000 | 00f067aa0ba902b7 | ''             | trace_id: must not be all zeros",
			"short span id      | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902 | ''                 | span_id: expected 8 bytes, found 7",
			"zero span id       | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000000000 | ''               | span_id: must not be all zeros",
			"short parent id    | 4bf92f3577b34da6a3ce929d0e0e4736 | 00f067aa0ba902b7 | 00f067aa         | parent_span_id: expected 8 bytes or none, found 4" })
	void map_spanWithBadIds_isRejectedNamedAndTheOthersStored(String name, String traceId, String spanId,
			String parentId, String reason) {
		Span bad = span(traceId, spanId, parentId, "bad", Span.SpanKind.SPAN_KIND_INTERNAL, 0, 1_000).build();
		Span good = span(TRACE_ID, BACKEND_ID, "", "good", Span.SpanKind.SPAN_KIND_INTERNAL, 0, 1_000).build();
		ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(OtlpTestObjects.resourceSpans("checkout", good))
			.addResourceSpans(OtlpTestObjects.resourceSpans("inventory", good, bad, bad))
			.build();

		OtlpBatch batch = OtlpSpans.map(request);

		assertThat(batch.spans()).hasSize(2).extracting(zipkin2.Span::name).containsOnly("good");
		assertThat(batch.rejectedSpans()).isEqualTo(2);
		assertThat(batch.firstRejection()).isEqualTo("resource_spans[1].scope_spans[0].spans[1]: " + reason);
	}

	@Test
	void map_emptyRequest_isAnEmptyCompleteBatch() {
		OtlpBatch batch = OtlpSpans.map(ExportTraceServiceRequest.getDefaultInstance());

		assertThat(batch.spans()).isEmpty();
		assertThat(batch.complete()).isTrue();
	}

	@Test
	void text_nestedValues_areJson() {
		AnyValue nested = list(list(text("x")), AnyValue.getDefaultInstance());

		assertThat(OtlpSpans.text(nested)).isEqualTo("[[\"x\"],null]");
	}

	/** A root internal span of the fixed trace, no attributes. */
	private static Span.Builder plain() {
		return span(TRACE_ID, SERVER_ID, "", "work", Span.SpanKind.SPAN_KIND_INTERNAL, 0, 1_000_000);
	}

	private static zipkin2.Span one(Span.Builder span) {
		OtlpBatch batch = OtlpSpans.map(request("checkout", span.build()));
		assertThat(batch.complete()).as(batch.toString()).isTrue();
		assertThat(batch.spans()).hasSize(1);
		return batch.spans().get(0);
	}

	private static AnyValue text(String value) {
		return AnyValue.newBuilder().setStringValue(value).build();
	}

	private static AnyValue list(AnyValue... values) {
		return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values))).build();
	}

}
