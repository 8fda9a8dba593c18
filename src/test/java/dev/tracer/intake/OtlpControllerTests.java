package dev.tracer.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.tracer.core.context.TraceId;
import dev.tracer.intake.otlp.OtlpFormat;
import dev.tracer.intake.otlp.OtlpTestObjects;
import dev.tracer.store.SpanStore;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.intake.otlp.OtlpTestObjects.BACKEND_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.SERVER_ID;
import static dev.tracer.intake.otlp.OtlpTestObjects.otlpJson;
import static dev.tracer.testing.MvcProblems.expectProblem;
import static dev.tracer.testing.MvcProblems.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * {@link OtlpController}: OTLP/HTTP's answers (200 with an {@code ExportTraceServiceResponse}, partial
 * success, {@code google.rpc.Status} on 4xx), in the request's encoding. The body limit is 10 KB here.
 * Each test uses its own trace id: the store is shared by the context.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
@TestPropertySource(properties = "tracer.web.max-body-size=10KB")
class OtlpControllerTests {

	private static final String TOO_LARGE = "request body is larger than 10240 bytes (tracer.web.max-body-size)";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	@Test
	void protobuf_isStoredAnd200WithAnEmptyResponse() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e01a001";

		MockHttpServletResponse response = export(OtlpFormat.PROTOBUF, OtlpTestObjects.twoServices(traceId).toByteArray());

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/x-protobuf");
		assertThat(ExportTraceServiceResponse.parseFrom(response.getContentAsByteArray()).hasPartialSuccess()).isFalse();
		assertThat(store.trace(TraceId.parseHex(traceId))).hasSize(3);
	}

	@Test
	void json_isStoredAnd200WithAnEmptyObject() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e01a002";

		MockHttpServletResponse response = export(OtlpFormat.JSON, otlpJson(OtlpTestObjects.twoServices(traceId)));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getContentAsString()).isEqualTo("{}");
		assertThat(store.trace(TraceId.parseHex(traceId))).extracting(zipkin2.Span::localServiceName)
			.containsExactly("checkout", "checkout", "inventory");
	}

	@Test
	void protobufGzip_isStored() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e01a003";

		MockHttpServletResponse response = export(OtlpFormat.PROTOBUF,
				gzip(OtlpTestObjects.twoServices(traceId).toByteArray()), "gzip");

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(store.trace(TraceId.parseHex(traceId))).hasSize(3);
	}

	@Test
	void protobufWithCharsetParameter_isRead() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e01a004";

		MockHttpServletResponse response = mvc.perform(post("/v1/traces")
			.contentType("application/x-protobuf; proto=opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest")
			.content(OtlpTestObjects.twoServices(traceId).toByteArray())).andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(store.trace(TraceId.parseHex(traceId))).hasSize(3);
	}

	@Test
	void badIds_partialSuccessCountsThemAndTheRestIsStored() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e01a005";
		Span good = OtlpTestObjects.span(traceId, SERVER_ID, "", "good", Span.SpanKind.SPAN_KIND_SERVER, 0, 1_000).build();
		Span zeroSpanId = OtlpTestObjects.span(traceId, "0000000000000000", "", "bad", Span.SpanKind.SPAN_KIND_SERVER, 0,
				1_000).build();
		Span shortTraceId = OtlpTestObjects.span("4bf92f3577b34da6", BACKEND_ID, "", "bad", Span.SpanKind.SPAN_KIND_SERVER,
				0, 1_000).build();
		long accepted = store.stats().spansAccepted();

		MockHttpServletResponse response = export(OtlpFormat.PROTOBUF,
				OtlpTestObjects.request("checkout", zeroSpanId, good, shortTraceId).toByteArray());

		assertThat(response.getStatus()).isEqualTo(200);
		ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.getContentAsByteArray());
		assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
		assertThat(answer.getPartialSuccess().getErrorMessage()).isEqualTo(
				"2 of 3 spans not stored; the first: resource_spans[0].scope_spans[0].spans[0]: span_id: must not be all zeros");
		assertThat(store.trace(TraceId.parseHex(traceId))).extracting(zipkin2.Span::name).containsExactly("good");
		assertThat(store.stats().spansAccepted()).isEqualTo(accepted + 1);
	}

	@Test
	void badIdsInJson_partialSuccessInJson() throws Exception {
		Span zeroTraceId = OtlpTestObjects.span("00000000000000000000000000000000", SERVER_ID, "", "bad",
				Span.SpanKind.SPAN_KIND_SERVER, 0, 1_000).build();

		MockHttpServletResponse response = export(OtlpFormat.JSON, otlpJson(OtlpTestObjects.request("checkout", zeroTraceId)));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":"
				+ "\"1 of 1 spans not stored; the first: resource_spans[0].scope_spans[0].spans[0]: trace_id: must not be all zeros\"}}");
	}

	@Test
	void undecodableProtobuf_is400WithAStatusAndNothingStored() throws Exception {
		byte[] message = OtlpTestObjects.twoServices("4bf92f3577b34da6a3ce929d0e01a006").toByteArray();
		long accepted = store.stats().spansAccepted();

		MockHttpServletResponse response = export(OtlpFormat.PROTOBUF, Arrays.copyOf(message, message.length - 3));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/x-protobuf");
		assertThat(Status.parseFrom(response.getContentAsByteArray()).getMessage())
			.startsWith("invalid OTLP protobuf (expected an ExportTraceServiceRequest): ");
		assertThat(store.stats().spansAccepted()).isEqualTo(accepted);
	}

	@Test
	void invalidJson_is400WithAStatusInJson() throws Exception {
		long accepted = store.stats().spansAccepted();

		MockHttpServletResponse response = export(OtlpFormat.JSON, "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(status(response).getMessage()).startsWith("invalid OTLP JSON: ");
		assertThat(store.stats().spansAccepted()).isEqualTo(accepted);
	}

	@Test
	void jsonWithBase64Ids_is400NamingTheField() throws Exception {
		// protobuf's own JSON printer writes bytes in base64: what a non-OTLP JSON writer would send
		String base64 = JsonFormat.printer().print(OtlpTestObjects.twoServices("4bf92f3577b34da6a3ce929d0e01a007"));

		MockHttpServletResponse response = export(OtlpFormat.JSON, base64.getBytes(StandardCharsets.UTF_8));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(status(response).getMessage())
			.startsWith("invalid OTLP JSON: resourceSpans[0].scopeSpans[0].spans[0].traceId: expected hex");
	}

	@Test
	void gzipBomb_is413AndNothingStored() throws Exception {
		// 1 MB of zeros in a protobuf bytes field: about a kilobyte compressed, a hundred times the limit expanded
		byte[] bomb = gzip(OtlpTestObjects.request("checkout", OtlpTestObjects
			.span("4bf92f3577b34da6a3ce929d0e01a008", SERVER_ID, "", "x", Span.SpanKind.SPAN_KIND_SERVER, 0, 1)
			.setTraceState("a=" + "0".repeat(1_000_000))
			.build()).toByteArray());
		assertThat(bomb.length).isLessThan(10_240);
		long accepted = store.stats().spansAccepted();

		MockHttpServletResponse response = export(OtlpFormat.PROTOBUF, bomb, "gzip");

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(Status.parseFrom(response.getContentAsByteArray()).getMessage()).isEqualTo(TOO_LARGE);
		assertThat(store.stats().spansAccepted()).isEqualTo(accepted);
	}

	@Test
	void oversizeBody_is413WithAStatus() throws Exception {
		byte[] large = OtlpTestObjects.request("checkout", OtlpTestObjects
			.span("4bf92f3577b34da6a3ce929d0e01a009", SERVER_ID, "", "x", Span.SpanKind.SPAN_KIND_SERVER, 0, 1)
			.setTraceState("a=" + "b".repeat(20_000))
			.build()).toByteArray();

		MockHttpServletResponse response = export(OtlpFormat.PROTOBUF, large);

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(Status.parseFrom(response.getContentAsByteArray()).getMessage()).isEqualTo(TOO_LARGE);
		assertThat(store.trace(TraceId.parseHex("4bf92f3577b34da6a3ce929d0e01a009"))).isEmpty();
	}

	@Test
	void notGzipButSaysSo_is400WithAStatus() throws Exception {
		MockHttpServletResponse response = export(OtlpFormat.JSON, "{}".getBytes(StandardCharsets.UTF_8), "gzip");

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(status(response).getMessage()).startsWith("Content-Encoding gzip: the body is not valid gzip (");
	}

	@Test
	void unknownContentEncoding_is415WithAStatus() throws Exception {
		MockHttpServletResponse response = export(OtlpFormat.JSON, "{}".getBytes(StandardCharsets.UTF_8), "br");

		assertThat(response.getStatus()).isEqualTo(415);
		assertThat(status(response).getMessage()).isEqualTo("Content-Encoding br is not supported; send gzip or no encoding");
	}

	@Test
	void notOtlp_is415Problem() throws Exception {
		expectProblem(mvc.perform(post("/v1/traces").contentType(MediaType.TEXT_PLAIN).content("spans")), 415,
				"/v1/traces takes OTLP as application/x-protobuf or application/json, not text/plain");
	}

	@Test
	void noContentType_is415Problem() throws Exception {
		expectProblem(mvc.perform(post("/v1/traces").content("spans")), 415,
				"/v1/traces takes OTLP as application/x-protobuf or application/json, not a body without Content-Type");
	}

	@Test
	void emptyProtobuf_is200AndStoresNothing() throws Exception {
		long accepted = store.stats().spansAccepted();

		MockHttpServletResponse response = mvc.perform(post("/v1/traces").contentType(OtlpFormat.PROTOBUF.mediaType()))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(store.stats().spansAccepted()).isEqualTo(accepted);
	}

	@Test
	void refusedThenRetried_isStoredOnce() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e01a00a";
		byte[] message = OtlpTestObjects.twoServices(traceId).toByteArray();

		assertThat(export(OtlpFormat.PROTOBUF, Arrays.copyOf(message, message.length - 1)).getStatus()).isEqualTo(400);
		assertThat(export(OtlpFormat.PROTOBUF, message).getStatus()).isEqualTo(200);

		assertThat(store.trace(TraceId.parseHex(traceId))).hasSize(3);
	}

	private MockHttpServletResponse export(OtlpFormat format, byte[] body) throws Exception {
		return mvc.perform(request(format, body)).andReturn().getResponse();
	}

	/** Sends the body saying {@code Content-Encoding: contentEncoding}, whether it is so encoded or not. */
	private MockHttpServletResponse export(OtlpFormat format, byte[] body, String contentEncoding) throws Exception {
		return mvc.perform(request(format, body).header(HttpHeaders.CONTENT_ENCODING, contentEncoding))
			.andReturn()
			.getResponse();
	}

	private static MockHttpServletRequestBuilder request(OtlpFormat format, byte[] body) {
		return post("/v1/traces").contentType(format.mediaType()).content(body);
	}

	private static Status status(MockHttpServletResponse response) throws Exception {
		Status.Builder status = Status.newBuilder();
		JsonFormat.parser().merge(response.getContentAsString(StandardCharsets.UTF_8), status);
		return status.build();
	}

}
