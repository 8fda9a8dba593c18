package dev.tracer.intake.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import dev.tracer.testing.W3CSamples;

/**
 * Fixed OTLP spans for the tests: no clock and no randomness, so a failure repeats exactly.
 *
 * <pre>
 * checkout: GET /checkout (server)               00f067aa0ba902b7
 *   +-- GET (client, to inventory:8081)          b7ad6b7169203331
 * inventory: GET /items/{id} (server, error)     53995c3f42cd8ad8
 * </pre>
 */
public final class OtlpTestObjects {

	/** 2023-11-14T22:13:20Z in epoch nanoseconds. */
	public static final long TODAY_NANOS = 1_700_000_000_000_000_000L;

	public static final String TRACE_ID = W3CSamples.TRACE_ID;

	public static final String SERVER_ID = W3CSamples.PARENT_ID;

	public static final String CLIENT_ID = "b7ad6b7169203331";

	public static final String BACKEND_ID = "53995c3f42cd8ad8";

	private OtlpTestObjects() {
	}

	/** The three spans of the drawing, each service its own resource, with the given trace id. */
	public static ExportTraceServiceRequest twoServices(String traceId) {
		Span server = span(traceId, SERVER_ID, "", "GET /checkout", Span.SpanKind.SPAN_KIND_SERVER, 0, 350_000_000L)
			.addAttributes(attribute("http.request.method", "GET"))
			.addAttributes(attribute("url.path", "/checkout"))
			.build();
		Span client = span(traceId, CLIENT_ID, SERVER_ID, "GET", Span.SpanKind.SPAN_KIND_CLIENT, 50_000_000L, 200_000_000L)
			.addAttributes(attribute("http.request.method", "GET"))
			.addAttributes(attribute("url.full", "http://inventory:8081/items/42?fields=all"))
			.addAttributes(attribute("server.address", "inventory"))
			.addAttributes(KeyValue.newBuilder().setKey("server.port").setValue(AnyValue.newBuilder().setIntValue(8081)))
			.build();
		Span backend = span(traceId, BACKEND_ID, CLIENT_ID, "GET /items/{id}", Span.SpanKind.SPAN_KIND_SERVER,
				100_000_000L, 150_000_000L)
			.addAttributes(attribute("http.route", "/items/{id}"))
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("out of stock"))
			.build();
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(resourceSpans("checkout", server, client))
			.addResourceSpans(resourceSpans("inventory", backend))
			.build();
	}

	/** A span of the given ids, starting and lasting as given after {@link #TODAY_NANOS}. */
	public static Span.Builder span(String traceId, String spanId, String parentId, String name, Span.SpanKind kind,
			long startOffsetNanos, long durationNanos) {
		return Span.newBuilder()
			.setTraceId(bytes(traceId))
			.setSpanId(bytes(spanId))
			.setParentSpanId(bytes(parentId))
			.setName(name)
			.setKind(kind)
			.setStartTimeUnixNano(TODAY_NANOS + startOffsetNanos)
			.setEndTimeUnixNano(TODAY_NANOS + startOffsetNanos + durationNanos);
	}

	public static ResourceSpans resourceSpans(String service, Span... spans) {
		ScopeSpans.Builder scope = ScopeSpans.newBuilder()
			.setScope(InstrumentationScope.newBuilder().setName("dev.tracer.test").setVersion("1.0"));
		for (Span span : spans) {
			scope.addSpans(span);
		}
		return ResourceSpans.newBuilder()
			.setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
			.addScopeSpans(scope)
			.build();
	}

	public static ExportTraceServiceRequest request(String service, Span... spans) {
		return ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans(service, spans)).build();
	}

	public static KeyValue attribute(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	public static ByteString bytes(String hex) {
		return ByteString.copyFrom(HexFormat.of().parseHex(hex));
	}

	/** The request as OTLP/JSON: protobuf's JSON with the ids in hex, as an OTel SDK writes it. */
	public static byte[] otlpJson(ExportTraceServiceRequest request) throws Exception {
		String json = JsonFormat.printer().print(request);
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					json = hex(json, span.getTraceId());
					json = hex(json, span.getSpanId());
					json = hex(json, span.getParentSpanId());
				}
			}
		}
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static String hex(String json, ByteString id) {
		if (id.isEmpty()) {
			return json;
		}
		String base64 = Base64.getEncoder().encodeToString(id.toByteArray());
		return json.replace("\"" + base64 + "\"", "\"" + HexFormat.of().formatHex(id.toByteArray()) + "\"");
	}

}
