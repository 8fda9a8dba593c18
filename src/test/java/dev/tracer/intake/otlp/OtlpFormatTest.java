package dev.tracer.intake.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tracer.testing.TestObjects;

import static dev.tracer.intake.otlp.OtlpTestObjects.BACKEND_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.CLIENT_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.TRACE_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link OtlpFormat}: OTLP/JSON's hex ids and integer enums, which protobuf's own JSON mapping does not
 * read by itself, and the errors of both encodings.
 */
class OtlpFormatTest {

	/** OTLP/JSON as the specification's example writes it: camelCase, hex ids, an integer kind. */
	private static final String SPEC_JSON = """
			{"resourceSpans": [{
			  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "inventory"}}]},
			  "scopeSpans": [{
			    "scope": {"name": "dev.tracer.test"},
			    "spans": [{
			      "traceId": "%s", "spanId": "%s", "parentSpanId": "%s",
			      "name": "GET /items/{id}", "kind": %s,
			      "startTimeUnixNano": "1700000000100000000", "endTimeUnixNano": 1700000000250000000,
			      "attributes": [{"key": "http.route", "value": {"stringValue": "/items/{id}"}},
			                     {"key": "retries", "value": {"intValue": "2"}}],
			      "links": [{"traceId": "%s", "spanId": "%s"}],
			      "status": {"code": %s, "message": "out of stock"},
			      "somethingNew": {"from": "a later version of OTLP"}
			    }]
			  }]
			}]}
			""";

	@Test
	void json_hexIdsAndIntegerEnums_readAsTheProtobufWould() {
		ExportTraceServiceRequest request = OtlpFormat.JSON.decode(json("2", "2"));

		Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
		assertThat(span.getTraceId()).isEqualTo(bytes(TRACE_ID));
		assertThat(span.getSpanId()).isEqualTo(bytes(BACKEND_ID));
		assertThat(span.getParentSpanId()).isEqualTo(bytes(CLIENT_ID));
		assertThat(span.getLinks(0).getTraceId()).isEqualTo(bytes(TRACE_ID));
		assertThat(span.getLinks(0).getSpanId()).isEqualTo(bytes(CLIENT_ID));
		assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
		assertThat(span.getStatus().getCode()).isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(span.getStartTimeUnixNano()).isEqualTo(1_700_000_000_100_000_000L);
		assertThat(span.getEndTimeUnixNano()).isEqualTo(1_700_000_000_250_000_000L);
		assertThat(span.getAttributes(1).getValue().getIntValue()).isEqualTo(2);
	}

	@Test
	void json_enumNames_areReadLikeTheirNumbers() {
		assertThat(OtlpFormat.JSON.decode(json("\"SPAN_KIND_SERVER\"", "\"STATUS_CODE_ERROR\"")))
			.isEqualTo(OtlpFormat.JSON.decode(json("2", "2")));
	}

	/**
	 * A kind this version does not know is mapped as no kind. A number is read as {@code UNRECOGNIZED}; a
	 * name as an unknown field is: with {@code ignoringUnknownFields}, protobuf's parser skips the value, as if
	 * absent.
	 */
	@ParameterizedTest(name = "{0} is read as {1}")
	@CsvSource({ "9, UNRECOGNIZED", "'\"SPAN_KIND_BOSS\"', SPAN_KIND_UNSPECIFIED" })
	void json_unknownKind_isReadAsProtobufDoes_andMappedAsNoKind(String kind, Span.SpanKind read) {
		ExportTraceServiceRequest request = OtlpFormat.JSON.decode(json(kind, "2"));

		assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getKind()).isEqualTo(read);
		assertThat(OtlpSpans.map(request).spans().get(0).kind()).isNull();
	}

	@Test
	void json_uppercaseHex_isRead() {
		String upper = new String(json("2", "2"), StandardCharsets.UTF_8).replace(TRACE_ID, TRACE_ID.toUpperCase());

		assertThat(OtlpFormat.JSON.decode(upper.getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(OtlpFormat.JSON.decode(json("2", "2")));
	}

	/**
	 * 2^64-1 and 2^63-1 nanoseconds, as JSON strings and as JSON numbers: read as protobuf reads them, so
	 * the time rule refuses them through either encoding with the same words.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "\"18446744073709551615\"", "18446744073709551615", "\"9223372036854775807\"",
			"9223372036854775807" })
	void json_timesPastTheRule_readLikeProtobufAndRefusedAlike(String startTime) {
		String extreme = new String(json("2", "2"), StandardCharsets.UTF_8)
			.replace("\"1700000000100000000\"", startTime)
			.replace("1700000000250000000", startTime.replace("\"", ""));
		ExportTraceServiceRequest request = OtlpFormat.JSON.decode(extreme.getBytes(StandardCharsets.UTF_8));
		long nanos = Long.parseUnsignedLong(startTime.replace("\"", ""));
		Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
		ExportTraceServiceRequest asProtobuf = ExportTraceServiceRequest.newBuilder(request).build();

		assertThat(span.getStartTimeUnixNano()).isEqualTo(nanos);
		assertThat(OtlpSpans.map(request).firstRejection()).isNotNull()
			.isEqualTo(OtlpSpans.map(OtlpFormat.PROTOBUF.decode(asProtobuf.toByteArray())).firstRejection())
			.contains("start_time_unix_nano " + Long.toUnsignedString(nanos));
	}

	@Test
	void json_snakeCaseNames_areReadToo() {
		String snake = """
				{"resource_spans": [{"scope_spans": [{"spans": [
				  {"trace_id": "%s", "span_id": "%s", "parent_span_id": "", "name": "x"}]}]}]}
				""".formatted(TRACE_ID, BACKEND_ID);

		Span span = OtlpFormat.JSON.decode(snake.getBytes(StandardCharsets.UTF_8))
			.getResourceSpans(0)
			.getScopeSpans(0)
			.getSpans(0);

		assertThat(span.getTraceId()).isEqualTo(bytes(TRACE_ID));
		assertThat(span.getParentSpanId().isEmpty()).isTrue();
	}

	@Test
	void json_base64Id_isRefusedNamingTheField() {
		String base64 = new String(json("2", "2"), StandardCharsets.UTF_8).replace(TRACE_ID, "S/kvNXezTaajzpKdDg5HNg==");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> OtlpFormat.JSON.decode(base64.getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("invalid OTLP JSON: resourceSpans[0].scopeSpans[0].spans[0].traceId: expected hex");
	}

	@Test
	void json_oddHexInALink_isRefusedNamingTheLink() {
		String odd = new String(json("2", "2"), StandardCharsets.UTF_8)
			.replace("\"spanId\": \"" + CLIENT_ID + "\"}", "\"spanId\": \"abc\"}");

		assertThatIllegalArgumentException().isThrownBy(() -> OtlpFormat.JSON.decode(odd.getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("invalid OTLP JSON: resourceSpans[0].scopeSpans[0].spans[0].links[0].spanId: ");
	}

	@Test
	void json_idAsNumber_isRefused() {
		String number = """
				{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": 12, "spanId": "%s"}]}]}]}
				""".formatted(BACKEND_ID);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> OtlpFormat.JSON.decode(number.getBytes(StandardCharsets.UTF_8)))
			.withMessage("invalid OTLP JSON: resourceSpans[0].scopeSpans[0].spans[0].traceId: expected a hex string, found NUMBER");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"resourceSpans\": [", "[]", "", "null", "{\"resourceSpans\": {}}",
			"{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"name\": 5}]}]}]} trailing" })
	void json_notAnExportRequest_isRefused(String body) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OtlpFormat.JSON.decode(body.getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("invalid OTLP JSON: ");
	}

	@Test
	void protobuf_truncated_isRefused() {
		byte[] message = OtlpTestObjects.twoServices(TRACE_ID).toByteArray();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> OtlpFormat.PROTOBUF.decode(Arrays.copyOf(message, message.length - 3)))
			.withMessageStartingWith("invalid OTLP protobuf (expected an ExportTraceServiceRequest): ");
	}

	@Test
	void protobuf_noBytes_isAnEmptyRequest() {
		assertThat(OtlpFormat.PROTOBUF.decode(new byte[0])).isEqualTo(ExportTraceServiceRequest.getDefaultInstance());
	}

	@Test
	void protobuf_roundTrip() {
		ExportTraceServiceRequest request = OtlpTestObjects.twoServices(TRACE_ID);

		assertThat(OtlpFormat.PROTOBUF.decode(OtlpFormat.PROTOBUF.encode(request))).isEqualTo(request);
	}

	@Test
	void json_partialSuccess_isWrittenInOtlpsNames() {
		ExportTraceServiceResponse response = ExportTraceServiceResponse.newBuilder()
			.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(2).setErrorMessage("why"))
			.build();

		assertThat(new String(OtlpFormat.JSON.encode(response), StandardCharsets.UTF_8))
			.isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"why\"}}");
	}

	@Test
	void json_fullSuccess_isAnEmptyObject() {
		assertThat(new String(OtlpFormat.JSON.encode(ExportTraceServiceResponse.getDefaultInstance()),
				StandardCharsets.UTF_8)).isEqualTo("{}");
	}

	@Test
	void ofMediaType_isCaseInsensitive() {
		assertThat(OtlpFormat.ofMediaType("application", "X-Protobuf")).isEqualTo(OtlpFormat.PROTOBUF);
		assertThat(OtlpFormat.ofMediaType("application", "json")).isEqualTo(OtlpFormat.JSON);
		assertThat(OtlpFormat.ofMediaType("text", "plain")).isNull();
	}

	private static byte[] json(String kind, String statusCode) {
		return SPEC_JSON.formatted(TRACE_ID, BACKEND_ID, CLIENT_ID, kind, TRACE_ID, CLIENT_ID, statusCode)
			.getBytes(StandardCharsets.UTF_8);
	}

}
