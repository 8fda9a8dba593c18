package dev.tracer.intake.otlp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.core.context.SpanId;
import dev.tracer.core.context.TraceId;
import dev.tracer.core.tree.SpanTimes;

/**
 * OTLP spans into the store's model, {@link zipkin2.Span}, as the README's table "OTLP to the store"
 * sets out. Follows OpenTelemetry's own Zipkin mapping (specification, {@code exporters/zipkin.md}:
 * kinds, {@code otel.status_code} and {@code error}, attributes as tags with lists in JSON, events as
 * {@code "name": {attributes}} annotations) and keeps what that mapping leaves out but tracer needs:
 * the W3C {@code tracestate} and trace flags, and HTTP's semantic conventions under the tag names the
 * rest of tracer reads ({@code http.method}, {@code http.path}, {@code http.status_code}, as
 * {@code TraceContextFilter} writes them).
 *
 * <p>Ids are checked with the core's W3C rules and times with the core's time rule ({@link SpanTimes}),
 * span by span: a span whose ids or times cannot be stored is counted and named in the batch, and the
 * others are stored (OTLP's partial success). OTLP's times are unsigned nanoseconds ({@code fixed64}),
 * read as such: 2^64-1 is a time 584 years after 1970 and refused, not -1 and taken for "none". An end
 * of 0 is "not ended" (no duration), as before; any other end before the start is refused.
 */
public final class OtlpSpans {

	/** What OpenTelemetry's resource semantic conventions call a service that does not say its name. */
	static final String UNKNOWN_SERVICE = "unknown_service";

	/**
	 * Tags that the viewer and the break analysis read, each from the attribute names that mean it, in
	 * order: the name itself (older HTTP conventions, Brave), then the current convention. The first
	 * present wins; the attributes themselves are kept as they came.
	 */
	private static final Map<String, List<String>> HTTP_TAGS = Map.of(
			"http.method", List.of("http.method", "http.request.method"),
			"http.status_code", List.of("http.status_code", "http.response.status_code"),
			"http.url", List.of("http.url", "url.full"),
			"http.route", List.of("http.route"));

	/** Where a path can be read from when no path attribute says it: whole URLs, then a request target. */
	private static final List<String> PATH_SOURCES = List.of("url.full", "http.url", "http.target");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HexFormat HEX = HexFormat.of();

	private static final int TRACE_ID_BYTES = 16;

	private static final int SPAN_ID_BYTES = 8;

	/** {@code Span.flags} bits 8 and 9 (SpanFlags in trace.proto): whether, and that, the parent is remote. */
	private static final int HAS_IS_REMOTE = 0x100;

	private static final int IS_REMOTE = 0x200;

	private OtlpSpans() {
	}

	/**
	 * @param request an export request, never null
	 * @return its spans in the store's model, and those that cannot be stored, counted
	 */
	public static OtlpBatch map(ExportTraceServiceRequest request) {
		List<Span> spans = new ArrayList<>();
		long rejected = 0;
		String firstRejection = null;
		for (int r = 0; r < request.getResourceSpansCount(); r++) {
			ResourceSpans resourceSpans = request.getResourceSpans(r);
			Endpoint local = Endpoint.newBuilder().serviceName(serviceName(resourceSpans)).build();
			for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
				ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
				for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
					io.opentelemetry.proto.trace.v1.Span span = scopeSpans.getSpans(i);
					String problem = idProblem(span);
					if (problem == null) {
						problem = timeProblem(span);
					}
					if (problem == null) {
						spans.add(toZipkin(span, local, scopeSpans.getScope()));
					}
					else if (rejected++ == 0) {
						firstRejection = "resource_spans[" + r + "].scope_spans[" + s + "].spans[" + i + "]: " + problem;
					}
				}
			}
		}
		return new OtlpBatch(spans, rejected, firstRejection);
	}

	/** Why the span's ids cannot be stored, or null if they can. */
	static String idProblem(io.opentelemetry.proto.trace.v1.Span span) {
		String problem = idProblem("trace_id", span.getTraceId(), TRACE_ID_BYTES);
		if (problem == null) {
			problem = idProblem("span_id", span.getSpanId(), SPAN_ID_BYTES);
		}
		if (problem == null && !span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != SPAN_ID_BYTES) {
			problem = "parent_span_id: expected " + SPAN_ID_BYTES + " bytes or none, found " + span.getParentSpanId().size();
		}
		return problem;
	}

	/**
	 * Why the span's times break the core's rule ({@link SpanTimes}), naming the span by its ids (which
	 * are checked first), or null if they keep it.
	 */
	static String timeProblem(io.opentelemetry.proto.trace.v1.Span span) {
		long startNanos = span.getStartTimeUnixNano();
		long endNanos = span.getEndTimeUnixNano();
		if (startNanos == 0) {
			// no start: nothing of the span's time is stored
			return null;
		}
		if (endNanos != 0 && Long.compareUnsigned(endNanos, startNanos) < 0) {
			return named(span) + ": end_time_unix_nano " + Long.toUnsignedString(endNanos) + ": before start_time_unix_nano "
					+ Long.toUnsignedString(startNanos);
		}
		String problem = SpanTimes.problem(startMicros(span), durationMicros(span));
		return (problem == null) ? null : named(span) + ": start_time_unix_nano " + Long.toUnsignedString(startNanos)
				+ ", end_time_unix_nano " + Long.toUnsignedString(endNanos) + ": " + problem;
	}

	private static String named(io.opentelemetry.proto.trace.v1.Span span) {
		return "trace " + HEX.formatHex(span.getTraceId().toByteArray()) + ", span "
				+ HEX.formatHex(span.getSpanId().toByteArray());
	}

	/** The start in epoch microseconds, from unsigned nanoseconds; 0 for none. */
	private static long startMicros(io.opentelemetry.proto.trace.v1.Span span) {
		return micros(span.getStartTimeUnixNano());
	}

	/** The duration in microseconds; 0 for none (not ended, or ended at its start). */
	private static long durationMicros(io.opentelemetry.proto.trace.v1.Span span) {
		long startNanos = span.getStartTimeUnixNano();
		long endNanos = span.getEndTimeUnixNano();
		if (Long.compareUnsigned(endNanos, startNanos) <= 0) {
			return 0L;
		}
		// Zipkin's model drops a zero duration; a span that took under a microsecond took one
		return Math.max(1, micros(endNanos - startNanos));
	}

	private static String idProblem(String field, ByteString id, int length) {
		if (id.size() != length) {
			return field + ": expected " + length + " bytes, found " + id.size();
		}
		String hex = HEX.formatHex(id.toByteArray());
		boolean valid = (length == TRACE_ID_BYTES) ? new TraceId(hex).isW3C() : new SpanId(hex).isW3C();
		return valid ? null : field + ": must not be all zeros";
	}

	private static Span toZipkin(io.opentelemetry.proto.trace.v1.Span span, Endpoint local,
			InstrumentationScope scope) {
		Span.Builder zipkin = Span.newBuilder()
			.traceId(HEX.formatHex(span.getTraceId().toByteArray()))
			.id(HEX.formatHex(span.getSpanId().toByteArray()))
			.name(span.getName())
			.kind(kind(span.getKind()))
			.localEndpoint(local);
		if (!span.getParentSpanId().isEmpty()) {
			// eight zero bytes are no parent: Zipkin's builder drops an all-zero parent id
			zipkin.parentId(HEX.formatHex(span.getParentSpanId().toByteArray()));
		}
		long start = startMicros(span);
		if (start > 0) {
			zipkin.timestamp(start);
			long duration = durationMicros(span);
			if (duration > 0) {
				zipkin.duration(duration);
			}
		}
		Map<String, String> tags = tags(span, scope);
		tags.forEach(zipkin::putTag);
		Endpoint remote = remoteEndpoint(span.getKind(), tags);
		if (remote != null) {
			zipkin.remoteEndpoint(remote);
		}
		for (io.opentelemetry.proto.trace.v1.Span.Event event : span.getEventsList()) {
			long time = micros(event.getTimeUnixNano());
			// an event's time outside the span time rule is not the span's to refuse: it takes the span's start
			zipkin.addAnnotation((time > 0 && time <= SpanTimes.MAX_MICROS) ? time : start, annotation(event));
		}
		return zipkin.build();
	}

	private static Map<String, String> tags(io.opentelemetry.proto.trace.v1.Span span, InstrumentationScope scope) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (KeyValue attribute : span.getAttributesList()) {
			if ("error".equals(attribute.getKey()) && attribute.getValue().hasBoolValue()
					&& !attribute.getValue().getBoolValue()) {
				// the Zipkin mapping: error=false is no error, and any error tag would read as one
				continue;
			}
			tags.put(attribute.getKey(), text(attribute.getValue()));
		}
		HTTP_TAGS.forEach((tag, sources) -> firstPresent(tags, sources, tag));
		if (!tags.containsKey("http.path")) {
			String path = (tags.get("url.path") != null) ? tags.get("url.path") : pathOfUrl(tags);
			if (path != null) {
				tags.put("http.path", path);
			}
		}
		putIfNotEmpty(tags, "otel.scope.name", scope.getName());
		putIfNotEmpty(tags, "otel.scope.version", scope.getVersion());
		Status status = span.getStatus();
		if (status.getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
			tags.put("otel.status_code", "ERROR");
			tags.put("error", status.getMessage());
		}
		else if (status.getCode() == Status.StatusCode.STATUS_CODE_OK) {
			tags.put("otel.status_code", "OK");
		}
		putIfNotEmpty(tags, "w3c.tracestate", span.getTraceState());
		if (span.getFlags() != 0) {
			tags.put("w3c.traceflags", HEX.toHexDigits((byte) span.getFlags()));
		}
		if ((span.getFlags() & HAS_IS_REMOTE) != 0) {
			tags.put("otel.parent.remote", String.valueOf((span.getFlags() & IS_REMOTE) != 0));
		}
		putIfPositive(tags, "otel.dropped_attributes_count", span.getDroppedAttributesCount());
		putIfPositive(tags, "otel.dropped_events_count", span.getDroppedEventsCount());
		// Zipkin's model has no links: they are counted, not kept
		putIfPositive(tags, "otel.links_count", span.getLinksCount());
		putIfPositive(tags, "otel.dropped_links_count", span.getDroppedLinksCount());
		return tags;
	}

	private static void firstPresent(Map<String, String> tags, List<String> sources, String tag) {
		for (String source : sources) {
			String value = tags.get(source);
			if (value != null) {
				tags.putIfAbsent(tag, value);
				return;
			}
		}
	}

	private static String pathOfUrl(Map<String, String> tags) {
		for (String source : PATH_SOURCES) {
			String value = tags.get(source);
			if (value == null) {
				continue;
			}
			try {
				String path = new URI(value).getRawPath();
				if (path != null && !path.isEmpty()) {
					return path;
				}
			}
			catch (URISyntaxException ex) {
				// not a URI: the attribute is kept as it is, and no path is made up from it
			}
		}
		return null;
	}

	/**
	 * Where a client or producer span went, as the Zipkin mapping derives it: {@code peer.service} names
	 * the service; the host is {@code server.address} (older: {@code net.peer.name}), an IP address or
	 * else the service's name; the port {@code server.port} (older: {@code net.peer.port}).
	 */
	private static Endpoint remoteEndpoint(io.opentelemetry.proto.trace.v1.Span.SpanKind kind, Map<String, String> tags) {
		if (kind != io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT
				&& kind != io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_PRODUCER) {
			return null;
		}
		String host = (tags.get("server.address") != null) ? tags.get("server.address") : tags.get("net.peer.name");
		String port = (tags.get("server.port") != null) ? tags.get("server.port") : tags.get("net.peer.port");
		Endpoint.Builder remote = Endpoint.newBuilder().serviceName(tags.get("peer.service"));
		if (host != null && !remote.parseIp(host) && tags.get("peer.service") == null) {
			remote.serviceName(host);
		}
		if (port != null) {
			try {
				remote.port(Integer.parseInt(port));
			}
			catch (IllegalArgumentException ex) {
				// not a port number: kept as the tag it came in, not as the endpoint's port
			}
		}
		Endpoint endpoint = remote.build();
		return (endpoint.serviceName() == null && endpoint.ipv4() == null && endpoint.ipv6() == null) ? null : endpoint;
	}

	private static String serviceName(ResourceSpans resourceSpans) {
		for (KeyValue attribute : resourceSpans.getResource().getAttributesList()) {
			if ("service.name".equals(attribute.getKey()) && !attribute.getValue().getStringValue().isEmpty()) {
				return attribute.getValue().getStringValue();
			}
		}
		return UNKNOWN_SERVICE;
	}

	private static Span.Kind kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
		return switch (kind) {
			case SPAN_KIND_SERVER -> Span.Kind.SERVER;
			case SPAN_KIND_CLIENT -> Span.Kind.CLIENT;
			case SPAN_KIND_PRODUCER -> Span.Kind.PRODUCER;
			case SPAN_KIND_CONSUMER -> Span.Kind.CONSUMER;
			// INTERNAL "must be omitted" in Zipkin; unspecified and unknown values say nothing either
			default -> null;
		};
	}

	/** The Zipkin mapping's annotation: the event's name, then its attributes as a JSON object. */
	private static String annotation(io.opentelemetry.proto.trace.v1.Span.Event event) {
		if (event.getAttributesCount() == 0) {
			return event.getName();
		}
		return JSON.writeValueAsString(event.getName()) + ": " + JSON.writeValueAsString(attributes(event.getAttributesList()));
	}

	/**
	 * An attribute value as tag text: strings as they are, booleans and numbers as Java writes them
	 * ({@code true}, {@code 42}, {@code 0.5}), bytes in base64, lists and maps as JSON.
	 */
	static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case ARRAY_VALUE, KVLIST_VALUE -> JSON.writeValueAsString(plain(value));
			case VALUE_NOT_SET -> "";
			default -> String.valueOf(plain(value));
		};
	}

	private static Map<String, Object> attributes(List<KeyValue> attributes) {
		Map<String, Object> plain = new LinkedHashMap<>();
		for (KeyValue attribute : attributes) {
			plain.put(attribute.getKey(), plain(attribute.getValue()));
		}
		return plain;
	}

	/** The value as the Java object Jackson writes as its JSON. */
	private static Object plain(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> value.getBoolValue();
			case INT_VALUE -> value.getIntValue();
			case DOUBLE_VALUE -> value.getDoubleValue();
			case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpSpans::plain).toList();
			case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
			default -> null;
		};
	}

	private static void putIfNotEmpty(Map<String, String> tags, String key, String value) {
		if (!value.isEmpty()) {
			tags.put(key, value);
		}
	}

	private static void putIfPositive(Map<String, String> tags, String key, long value) {
		if (value > 0) {
			tags.put(key, Long.toString(value));
		}
	}

	/** Unsigned nanoseconds ({@code fixed64}) to microseconds. */
	private static long micros(long nanos) {
		return Long.divideUnsigned(nanos, 1000);
	}

}
