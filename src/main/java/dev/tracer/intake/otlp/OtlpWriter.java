package dev.tracer.intake.otlp;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * The store's spans as OTLP, the inverse of {@link OtlpSpans}, so that a trace taken out as OTLP/JSON
 * opens again as the same trace: what {@link OtlpSpans} makes a tag of (the scope, the status, the
 * {@code tracestate} and trace flags) goes back to its field, and every other tag is a string attribute.
 *
 * <p>What OTLP has no field for and {@link OtlpSpans} does not read back is named here, as it is lost
 * on the way: a local endpoint's address and port (the resource carries the service name only); a
 * server's or consumer's remote endpoint (written as {@code client.address} and {@code client.port}
 * attributes, which come back as tags); Zipkin's {@code shared} and {@code debug} flags. A client's or
 * producer's remote endpoint goes out as {@code peer.service}, {@code server.address} and
 * {@code server.port} attributes, OpenTelemetry's Zipkin mapping's own, unless a tag already says so;
 * they come back as the same endpoint, and as tags.
 */
public final class OtlpWriter {

	private static final HexFormat HEX = HexFormat.of();

	private OtlpWriter() {
	}

	/** The spans as one OTLP/JSON document ({@link OtlpFormat#jsonDocument}). */
	public static byte[] json(List<Span> spans) {
		return OtlpFormat.jsonDocument(request(spans));
	}

	/**
	 * @param spans the spans, never null
	 * @return one resource per local service, one scope per instrumentation scope, in first-seen order
	 */
	public static ExportTraceServiceRequest request(List<Span> spans) {
		Map<String, Map<List<String>, ScopeSpans.Builder>> byService = new LinkedHashMap<>();
		for (Span span : spans) {
			String service = (span.localServiceName() != null) ? span.localServiceName() : OtlpSpans.UNKNOWN_SERVICE;
			List<String> scope = List.of(tag(span, "otel.scope.name"), tag(span, "otel.scope.version"));
			byService.computeIfAbsent(service, (name) -> new LinkedHashMap<>())
				.computeIfAbsent(scope, (key) -> ScopeSpans.newBuilder()
					.setScope(InstrumentationScope.newBuilder().setName(key.get(0)).setVersion(key.get(1))))
				.addSpans(otlp(span));
		}
		ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
		byService.forEach((service, scopes) -> {
			ResourceSpans.Builder resource = ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)));
			scopes.values().forEach(resource::addScopeSpans);
			request.addResourceSpans(resource);
		});
		return request.build();
	}

	private static String tag(Span span, String key) {
		String value = span.tags().get(key);
		return (value != null) ? value : "";
	}

	private static io.opentelemetry.proto.trace.v1.Span otlp(Span span) {
		Map<String, String> tags = new LinkedHashMap<>(span.tags());
		tags.remove("otel.scope.name");
		tags.remove("otel.scope.version");
		io.opentelemetry.proto.trace.v1.Span.Builder otlp = io.opentelemetry.proto.trace.v1.Span.newBuilder()
			.setTraceId(id(span.traceId(), 32))
			.setSpanId(id(span.id(), 16))
			.setName((span.name() != null) ? span.name() : "")
			.setKind(kind(span.kind()));
		if (span.parentId() != null) {
			otlp.setParentSpanId(id(span.parentId(), 16));
		}
		long start = span.timestampAsLong();
		if (start != 0) {
			otlp.setStartTimeUnixNano(start * 1000);
			if (span.durationAsLong() != 0) {
				otlp.setEndTimeUnixNano((start + span.durationAsLong()) * 1000);
			}
		}
		String statusCode = tags.remove("otel.status_code");
		if ("ERROR".equals(statusCode)) {
			String message = tags.remove("error");
			otlp.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
				.setMessage((message != null) ? message : ""));
		}
		else if ("OK".equals(statusCode)) {
			otlp.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
		}
		else if (statusCode != null) {
			tags.put("otel.status_code", statusCode);
		}
		String traceState = tags.remove("w3c.tracestate");
		if (traceState != null) {
			otlp.setTraceState(traceState);
		}
		flags(tags, otlp);
		remoteEndpoint(span, tags);
		tags.forEach((key, value) -> otlp.addAttributes(attribute(key, value)));
		for (Annotation annotation : span.annotations()) {
			otlp.addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
				.setTimeUnixNano(annotation.timestamp() * 1000)
				.setName(annotation.value()));
		}
		return otlp.build();
	}

	/** The trace flags and whether the parent is remote, as {@link OtlpSpans} reads them from one field. */
	private static void flags(Map<String, String> tags, io.opentelemetry.proto.trace.v1.Span.Builder otlp) {
		String traceFlags = tags.get("w3c.traceflags");
		if (traceFlags == null || !traceFlags.matches("[0-9a-f]{2}")) {
			// without the flags' byte, a remote bit alone would come back with a made-up "00"
			return;
		}
		int flags = HEX.fromHexDigits(traceFlags);
		tags.remove("w3c.traceflags");
		String remote = tags.get("otel.parent.remote");
		if ("true".equals(remote) || "false".equals(remote)) {
			tags.remove("otel.parent.remote");
			flags |= 0x100 | ("true".equals(remote) ? 0x200 : 0);
		}
		otlp.setFlags(flags);
	}

	private static void remoteEndpoint(Span span, Map<String, String> tags) {
		Endpoint remote = span.remoteEndpoint();
		if (remote == null) {
			return;
		}
		boolean outgoing = span.kind() == Span.Kind.CLIENT || span.kind() == Span.Kind.PRODUCER;
		String address = (remote.ipv4() != null) ? remote.ipv4() : remote.ipv6();
		if (outgoing) {
			if (remote.serviceName() != null) {
				tags.putIfAbsent("peer.service", remote.serviceName());
			}
			if (address != null && !tags.containsKey("net.peer.name")) {
				tags.putIfAbsent("server.address", address);
			}
			if (remote.portAsInt() != 0 && !tags.containsKey("net.peer.port")) {
				tags.putIfAbsent("server.port", Integer.toString(remote.portAsInt()));
			}
		}
		else {
			if (address != null) {
				tags.putIfAbsent("client.address", address);
			}
			if (remote.portAsInt() != 0) {
				tags.putIfAbsent("client.port", Integer.toString(remote.portAsInt()));
			}
		}
	}

	private static ByteString id(String hex, int length) {
		return ByteString.copyFrom(HEX.parseHex("0".repeat(length - hex.length()) + hex));
	}

	private static io.opentelemetry.proto.trace.v1.Span.SpanKind kind(Span.Kind kind) {
		if (kind == null) {
			return io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
		}
		return switch (kind) {
			case CLIENT -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
			case SERVER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
			case PRODUCER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_PRODUCER;
			case CONSUMER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER;
		};
	}

	private static KeyValue attribute(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

}
