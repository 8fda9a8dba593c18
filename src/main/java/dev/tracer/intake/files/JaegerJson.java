package dev.tracer.intake.files;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * Jaeger's JSON read into the store's model: what Jaeger's query API answers ({@code GET /api/traces/{id}})
 * and Jaeger UI downloads, Jaeger's own JSON model ({@code model/json} in jaegertracing/jaeger):
 *
 * <pre>{@code
 * {"data": [{"traceID": "...", "processes": {"p1": {"serviceName": "frontend", "tags": [...]}},
 *   "spans": [{"traceID", "spanID", "operationName", "processID": "p1", "startTime": µs, "duration": µs,
 *              "references": [{"refType": "CHILD_OF" | "FOLLOWS_FROM", "traceID", "spanID"}],
 *              "tags": [{"key", "type", "value"}], "logs": [{"timestamp": µs, "fields": [...]}],
 *              "warnings": [...]}]}]}
 * }</pre>
 *
 * How each part maps, the inverse of Jaeger's own Zipkin translation:
 * <ul>
 * <li>ids: hex, as Jaeger's {@code TraceIDFromString} takes them: a trace id of 1 to 32 characters and a
 * span id of 1 to 16, left-padded with zeros (older Jaeger wrote ids without their leading zeros); not
 * all zeros.
 * <li>the parent: the first {@code CHILD_OF} reference within the trace, else the first
 * {@code FOLLOWS_FROM} one, which is then named in the tag {@code jaeger.ref_type}, so that a reader
 * can tell an asynchronous child; Zipkin's model has one parent and no links, so other references are
 * counted in {@code jaeger.references_dropped}.
 * <li>the tag {@code span.kind} becomes the kind; {@code peer.service}, {@code peer.hostname},
 * {@code peer.ipv4}, {@code peer.ipv6} and {@code peer.port} the remote endpoint (the tags are kept);
 * {@code error=false} is dropped, as in OpenTelemetry's Zipkin mapping, since any error tag reads as
 * an error in Zipkin.
 * <li>the process: its {@code serviceName} is the local service; its {@code ip} tag the local address;
 * its other tags are added to the span's tags under their own keys, unless the span has that key.
 * <li>logs become annotations at their time: a log of only an {@code event} field is that text; with
 * other fields, {@code "event": {fields}}, OpenTelemetry's shape for an event with attributes; without
 * an event, the fields as a JSON object.
 * <li>{@code warnings} are kept in the tag {@code jaeger.warnings}, one per line.
 * </ul>
 */
final class JaegerJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TraceFileFormat FORMAT = TraceFileFormat.JAEGER;

	private JaegerJson() {
	}

	static List<Span> read(JsonNode root) {
		List<Span> spans = new ArrayList<>();
		JsonNode data = root.get("data");
		if (data == null) {
			// one trace object, as some downloads hold it
			readTrace(root, "", spans);
			return spans;
		}
		if (!data.isArray()) {
			throw new TraceFileException(FORMAT, "data", "expected a list of traces, found " + data.getNodeType());
		}
		for (int i = 0; i < data.size(); i++) {
			readTrace(data.get(i), "data[" + i + "]", spans);
		}
		return spans;
	}

	private static void readTrace(JsonNode trace, String path, List<Span> spans) {
		if (!trace.isObject()) {
			throw new TraceFileException(FORMAT, path, "expected a trace object, found " + trace.getNodeType());
		}
		JsonNode processes = trace.get("processes");
		JsonNode list = trace.get("spans");
		if (list == null || !list.isArray()) {
			throw new TraceFileException(FORMAT, at(path, "spans"), "expected a list of spans, found "
					+ ((list == null) ? "none" : list.getNodeType()));
		}
		for (int j = 0; j < list.size(); j++) {
			spans.add(span(list.get(j), processes, at(path, "spans[" + j + "]"), path));
		}
	}

	private static Span span(JsonNode span, JsonNode processes, String path, String tracePath) {
		if (!span.isObject()) {
			throw new TraceFileException(FORMAT, path, "expected a span object, found " + span.getNodeType());
		}
		String traceId = id(span, "traceID", 32, path);
		Span.Builder zipkin = Span.newBuilder().traceId(traceId).id(id(span, "spanID", 16, path));
		zipkin.name(text(span, "operationName", path));
		parent(span, traceId, path, zipkin);
		long start = micros(span, "startTime", path);
		long duration = micros(span, "duration", path);
		if (start > 0) {
			zipkin.timestamp(start);
			zipkin.duration(duration);
		}
		Map<String, String> tags = new LinkedHashMap<>();
		readTags(span.get("tags"), at(path, "tags"), tags);
		JsonNode process = process(span, processes, path, tracePath);
		Map<String, String> processTags = new LinkedHashMap<>();
		readTags(process.get("tags"), at(path, "process.tags"), processTags);
		Endpoint.Builder local = Endpoint.newBuilder().serviceName(text(process, "serviceName", at(path, "process")));
		if (processTags.get("ip") != null) {
			local.parseIp(processTags.get("ip"));
		}
		zipkin.localEndpoint(local.build());
		processTags.forEach(tags::putIfAbsent);
		String kind = tags.remove("span.kind");
		zipkin.kind(kind(kind));
		if (kind != null && kind(kind) == null && !"internal".equalsIgnoreCase(kind)) {
			// a kind Zipkin has no word for is kept as it came
			tags.put("span.kind", kind);
		}
		if ("false".equals(tags.get("error"))) {
			tags.remove("error");
		}
		Endpoint remote = remote(tags);
		if (remote != null) {
			zipkin.remoteEndpoint(remote);
		}
		JsonNode warnings = span.get("warnings");
		if (warnings != null && warnings.isArray() && !warnings.isEmpty()) {
			List<String> lines = new ArrayList<>();
			warnings.forEach((warning) -> lines.add(plainText(warning)));
			tags.put("jaeger.warnings", String.join("\n", lines));
		}
		tags.forEach(zipkin::putTag);
		logs(span.get("logs"), at(path, "logs"), start, zipkin);
		return zipkin.build();
	}

	/**
	 * A list a span may leave out (references, tags, logs): null when absent or JSON null, the list when
	 * it is one, and an error naming what was expected for anything else.
	 */
	private static JsonNode optionalList(JsonNode value, String path, String expected) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isArray()) {
			throw new TraceFileException(FORMAT, path, "expected " + expected + ", found " + value.getNodeType());
		}
		return value;
	}

	private static String at(String path, String field) {
		return path.isEmpty() ? field : path + "." + field;
	}

	/** A Jaeger id, checked and padded as Jaeger's own parser does. */
	private static String id(JsonNode owner, String field, int maxLength, String path) {
		JsonNode value = owner.get(field);
		if (value == null || value.isNull()) {
			throw new TraceFileException(FORMAT, at(path, field), "missing: every span needs a trace id and a span id");
		}
		if (!value.isString()) {
			throw new TraceFileException(FORMAT, at(path, field), "expected hex in a string, found " + value.getNodeType());
		}
		String hex = value.stringValue();
		if (hex.isEmpty() || hex.length() > maxLength) {
			throw new TraceFileException(FORMAT, at(path, field), "expected 1 to " + maxLength
					+ " hex characters, found " + hex.length());
		}
		for (int i = 0; i < hex.length(); i++) {
			if (Character.digit(hex.charAt(i), 16) < 0) {
				throw new TraceFileException(FORMAT, at(path, field), "expected hex, found '" + hex.charAt(i)
						+ "' at index " + i);
			}
		}
		if (hex.chars().allMatch((c) -> c == '0')) {
			throw new TraceFileException(FORMAT, at(path, field), "must not be all zeros");
		}
		int length = (hex.length() <= 16) ? 16 : 32;
		return "0".repeat(length - hex.length()) + hex.toLowerCase(Locale.ROOT);
	}

	private static void parent(JsonNode span, String traceId, String path, Span.Builder zipkin) {
		JsonNode references = optionalList(span.get("references"), at(path, "references"), "a list");
		if (references == null) {
			return;
		}
		String childOf = null;
		String followsFrom = null;
		int kept = 0;
		for (int k = 0; k < references.size(); k++) {
			JsonNode reference = references.get(k);
			String refPath = at(path, "references[" + k + "]");
			String type = text(reference, "refType", refPath);
			String refTrace = id(reference, "traceID", 32, refPath);
			String refSpan = id(reference, "spanID", 16, refPath);
			if (!refTrace.equals(traceId)) {
				continue;
			}
			if ("CHILD_OF".equals(type) && childOf == null) {
				childOf = refSpan;
			}
			else if ("FOLLOWS_FROM".equals(type) && followsFrom == null) {
				followsFrom = refSpan;
			}
			else if (!"CHILD_OF".equals(type) && !"FOLLOWS_FROM".equals(type)) {
				throw new TraceFileException(FORMAT, at(refPath, "refType"),
						"expected CHILD_OF or FOLLOWS_FROM, found " + type);
			}
		}
		if (childOf != null) {
			zipkin.parentId(childOf);
			kept = 1;
		}
		else if (followsFrom != null) {
			zipkin.parentId(followsFrom);
			zipkin.putTag("jaeger.ref_type", "FOLLOWS_FROM");
			kept = 1;
		}
		if (references.size() > kept) {
			zipkin.putTag("jaeger.references_dropped", Integer.toString(references.size() - kept));
		}
	}

	private static long micros(JsonNode span, String field, String path) {
		JsonNode value = span.get(field);
		if (value == null || value.isNull()) {
			return 0;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
			throw new TraceFileException(FORMAT, at(path, field), "expected microseconds, a whole number 0 or more, found "
					+ value);
		}
		return value.longValue();
	}

	private static String text(JsonNode owner, String field, String path) {
		JsonNode value = owner.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new TraceFileException(FORMAT, at(path, field), "expected a string, found " + value.getNodeType());
		}
		return value.stringValue();
	}

	/** The span's process: from the trace's {@code processes} by {@code processID}, or the span's own. */
	private static JsonNode process(JsonNode span, JsonNode processes, String path, String tracePath) {
		JsonNode own = span.get("process");
		if (own != null && own.isObject()) {
			return own;
		}
		String id = text(span, "processID", path);
		if (id == null) {
			throw new TraceFileException(FORMAT, at(path, "processID"), "missing: a span names its process");
		}
		JsonNode process = (processes != null) ? processes.get(id) : null;
		if (process == null || !process.isObject()) {
			throw new TraceFileException(FORMAT, at(path, "processID"), "\"" + id + "\" is not in "
					+ at(tracePath, "processes"));
		}
		return process;
	}

	private static void readTags(JsonNode member, String path, Map<String, String> tags) {
		JsonNode list = optionalList(member, path, "a list of {key, type, value}");
		if (list == null) {
			return;
		}
		for (int t = 0; t < list.size(); t++) {
			JsonNode tag = list.get(t);
			String key = text(tag, "key", path + "[" + t + "]");
			if (key == null) {
				throw new TraceFileException(FORMAT, path + "[" + t + "].key", "missing");
			}
			JsonNode value = tag.get("value");
			tags.put(key, (value == null) ? "" : plainText(value));
		}
	}

	/** A value as tag text: a string as it is, numbers and booleans as JSON writes them. */
	private static String plainText(JsonNode value) {
		return value.isString() ? value.stringValue() : value.isNull() ? "" : value.toString();
	}

	private static Span.Kind kind(String kind) {
		if (kind == null) {
			return null;
		}
		return switch (kind.toLowerCase(Locale.ROOT)) {
			case "client" -> Span.Kind.CLIENT;
			case "server" -> Span.Kind.SERVER;
			case "producer" -> Span.Kind.PRODUCER;
			case "consumer" -> Span.Kind.CONSUMER;
			default -> null;
		};
	}

	/** Where the call went, from OpenTracing's peer tags. */
	private static Endpoint remote(Map<String, String> tags) {
		Endpoint.Builder remote = Endpoint.newBuilder().serviceName(tags.get("peer.service"));
		String hostname = tags.get("peer.hostname");
		if (hostname != null && !remote.parseIp(hostname) && tags.get("peer.service") == null) {
			remote.serviceName(hostname);
		}
		String ipv4 = tags.get("peer.ipv4");
		if (ipv4 != null && !remote.parseIp(ipv4)) {
			// OpenTracing allows the address as a 32-bit number
			try {
				long bits = Long.parseLong(ipv4) & 0xffffffffL;
				remote.parseIp((bits >> 24) + "." + ((bits >> 16) & 0xff) + "." + ((bits >> 8) & 0xff) + "." + (bits & 0xff));
			}
			catch (NumberFormatException ex) {
				// neither form: kept as the tag it came in
			}
		}
		if (tags.get("peer.ipv6") != null) {
			remote.parseIp(tags.get("peer.ipv6"));
		}
		if (tags.get("peer.port") != null) {
			try {
				remote.port(Integer.parseInt(tags.get("peer.port")));
			}
			catch (IllegalArgumentException ex) {
				// not a port number: kept as the tag it came in
			}
		}
		Endpoint endpoint = remote.build();
		return (endpoint.serviceName() == null && endpoint.ipv4() == null && endpoint.ipv6() == null) ? null : endpoint;
	}

	private static void logs(JsonNode member, String path, long spanStart, Span.Builder zipkin) {
		JsonNode logs = optionalList(member, path, "a list of logs");
		if (logs == null) {
			return;
		}
		for (int l = 0; l < logs.size(); l++) {
			JsonNode log = logs.get(l);
			String logPath = path + "[" + l + "]";
			long logged = micros(log, "timestamp", logPath);
			// a log without its time is placed at the span's start, where Jaeger UI draws it
			long time = (logged != 0) ? logged : spanStart;
			Map<String, Object> fields = new LinkedHashMap<>();
			JsonNode list = log.get("fields");
			if (list != null && list.isArray()) {
				for (int f = 0; f < list.size(); f++) {
					JsonNode field = list.get(f);
					String key = text(field, "key", logPath + ".fields[" + f + "]");
					JsonNode value = field.get("value");
					fields.put((key == null) ? "" : key, (value == null) ? null : JSON.treeToValue(value, Object.class));
				}
			}
			zipkin.addAnnotation(time, annotation(fields));
		}
	}

	private static String annotation(Map<String, Object> fields) {
		Object event = fields.remove("event");
		if (event == null) {
			return JSON.writeValueAsString(fields);
		}
		if (fields.isEmpty()) {
			return String.valueOf(event);
		}
		return JSON.writeValueAsString(String.valueOf(event)) + ": " + JSON.writeValueAsString(fields);
	}

}
