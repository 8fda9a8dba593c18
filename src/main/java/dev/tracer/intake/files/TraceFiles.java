package dev.tracer.intake.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Span;

import dev.tracer.core.tree.SpanTimes;
import dev.tracer.intake.otlp.OtlpBatch;
import dev.tracer.intake.otlp.OtlpFormat;
import dev.tracer.intake.otlp.OtlpSpans;
import dev.tracer.store.ZipkinJson;

/**
 * Reads a trace file whole, finding its format from the content, never from a name or a media type:
 *
 * <pre>
 * [ {span}, ... ]                         Zipkin v2 JSON, a list of spans (POST /api/v2/spans)
 * [ [ {span}, ... ], ... ]                Zipkin v2 JSON, a list of traces (GET /api/v2/traces)
 * { "data": [ {trace}, ... ] }            Jaeger JSON (its query API; what Jaeger UI downloads)
 * { "traceID", "spans", "processes" }     Jaeger JSON, one trace
 * { "resourceSpans": [...] }              OTLP/JSON, one document
 * { "resourceSpans": [...] } \n {...}     OTLP/JSON, one document per line (a Collector's file exporter)
 * </pre>
 *
 * <p>A file is opened whole or not at all: the first span that cannot be read, or whose times break the
 * core's rule ({@link SpanTimes}), refuses the file with a {@link TraceFileException} naming the format,
 * the place and the rule. An intake keeps the good spans of a batch (OTLP's partial success); a file is
 * different, as a trace shown without some of its spans would be read as the whole trace.
 */
public final class TraceFiles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TraceFiles() {
	}

	/**
	 * @param content the file's bytes, UTF-8, never null
	 * @return the file's spans, at least one
	 * @throws TraceFileException if the file is not one of the three formats, or a span of it cannot be
	 * read or kept
	 */
	public static TraceFile read(byte[] content) {
		if (content == null) {
			throw new NullPointerException("content == null");
		}
		Shape shape = shape(content);
		TraceFile file = switch (shape) {
			case ZIPKIN_SPANS -> new TraceFile(TraceFileFormat.ZIPKIN, zipkin(content, null));
			case ZIPKIN_TRACES -> new TraceFile(TraceFileFormat.ZIPKIN, zipkinTraces(content));
			case JAEGER -> new TraceFile(TraceFileFormat.JAEGER, JaegerJson.read(tree(content, TraceFileFormat.JAEGER)));
			case OTLP -> new TraceFile(TraceFileFormat.OTLP, otlp(content, null));
			case OTLP_LINES -> new TraceFile(TraceFileFormat.OTLP, otlpLines(content));
		};
		if (file.spans().isEmpty()) {
			throw new TraceFileException(file.format(), null, "the file holds no spans");
		}
		refuseTimesOutOfRange(file);
		return file;
	}

	private enum Shape {

		ZIPKIN_SPANS, ZIPKIN_TRACES, JAEGER, OTLP, OTLP_LINES

	}

	/**
	 * The shape from the first tokens and the top-level names alone, read as a stream: the content is
	 * read whole only once, by the format's own reader.
	 */
	private static Shape shape(byte[] content) {
		try (JsonParser parser = JSON.createParser(content)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new TraceFileException(null, null, "the file is empty; expected " + TraceFileFormat.SHAPES);
			}
			if (first == JsonToken.START_ARRAY) {
				JsonToken element = parser.nextToken();
				if (element == JsonToken.START_ARRAY) {
					return Shape.ZIPKIN_TRACES;
				}
				if (element == JsonToken.START_OBJECT || element == JsonToken.END_ARRAY) {
					return Shape.ZIPKIN_SPANS;
				}
				throw unknownShape("a list of " + described(element));
			}
			if (first != JsonToken.START_OBJECT) {
				throw unknownShape(described(first));
			}
			Set<String> names = new TreeSet<>();
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				names.add(parser.currentName());
				parser.nextToken();
				parser.skipChildren();
			}
			if (names.contains("resourceSpans") || names.contains("resource_spans")) {
				return (parser.nextToken() != null) ? Shape.OTLP_LINES : Shape.OTLP;
			}
			if (names.contains("data") || (names.contains("spans") && names.contains("traceID"))) {
				return Shape.JAEGER;
			}
			throw unknownShape(names.isEmpty() ? "an empty object" : "an object with " + names);
		}
		catch (JacksonException ex) {
			throw notJson(null, ex);
		}
	}

	private static TraceFileException unknownShape(String found) {
		return new TraceFileException(null, null,
				"JSON of an unknown shape: expected " + TraceFileFormat.SHAPES + "; found " + found);
	}

	private static String described(JsonToken token) {
		return switch (token) {
			case START_OBJECT -> "objects";
			case START_ARRAY -> "lists";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> token.name();
		};
	}

	/** The line and column of broken syntax, as the parser found them. */
	static TraceFileException notJson(TraceFileFormat format, JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		String place = (location != null && location.getLineNr() > 0)
				? "line " + location.getLineNr() + ", column " + location.getColumnNr() : null;
		return new TraceFileException(format, place, "not JSON: " + ex.getOriginalMessage());
	}

	static JsonNode tree(byte[] content, TraceFileFormat format) {
		try {
			return JSON.readTree(content);
		}
		catch (JacksonException ex) {
			throw notJson(format, ex);
		}
	}

	/** The Zipkin intake's reading ({@link ZipkinJson}): a Zipkin server's rules, ids padded as it pads them. */
	private static List<Span> zipkin(byte[] content, String place) {
		try {
			return ZipkinJson.decode(content);
		}
		catch (IllegalArgumentException ex) {
			throw new TraceFileException(TraceFileFormat.ZIPKIN, place, ex.getMessage());
		}
	}

	/** Each trace of the list in turn, by the same codec as a list of spans. */
	private static List<Span> zipkinTraces(byte[] content) {
		JsonNode traces = tree(content, TraceFileFormat.ZIPKIN);
		List<Span> spans = new ArrayList<>();
		for (int i = 0; i < traces.size(); i++) {
			JsonNode trace = traces.get(i);
			if (!trace.isArray()) {
				throw new TraceFileException(TraceFileFormat.ZIPKIN, "[" + i + "]",
						"a list of traces holds lists of spans, found " + trace.getNodeType());
			}
			spans.addAll(zipkin(JSON.writeValueAsBytes(trace), "trace [" + i + "]"));
		}
		return spans;
	}

	/** The OTLP intake's reading ({@link OtlpFormat#JSON}, {@link OtlpSpans}), every span or none. */
	private static List<Span> otlp(byte[] document, String place) {
		OtlpBatch batch;
		try {
			batch = OtlpSpans.map(OtlpFormat.JSON.decode(document));
		}
		catch (IllegalArgumentException ex) {
			throw new TraceFileException(TraceFileFormat.OTLP, place, withoutPrefix(ex.getMessage()));
		}
		if (!batch.complete()) {
			throw new TraceFileException(TraceFileFormat.OTLP, place, batch.rejectedSpans()
					+ " span(s) cannot be kept, the first: " + batch.firstRejection());
		}
		return batch.spans();
	}

	private static String withoutPrefix(String message) {
		String prefix = "invalid OTLP JSON: ";
		return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
	}

	/** One document a line, as the Collector's file exporter writes; blank lines are skipped. */
	private static List<Span> otlpLines(byte[] content) {
		String text = new String(content, StandardCharsets.UTF_8);
		List<Span> spans = new ArrayList<>();
		int line = 0;
		for (String document : text.split("\n", -1)) {
			line++;
			if (!document.isBlank()) {
				spans.addAll(otlp(document.getBytes(StandardCharsets.UTF_8), "line " + line));
			}
		}
		return spans;
	}

	private static void refuseTimesOutOfRange(TraceFile file) {
		List<Span> spans = file.spans();
		for (int i = 0; i < spans.size(); i++) {
			Span span = spans.get(i);
			String problem = SpanTimes.problem(span.timestampAsLong(), span.durationAsLong());
			if (problem != null) {
				throw new TraceFileException(file.format(), "span " + i + " (trace " + span.traceId() + ", span "
						+ span.id() + ")", problem);
			}
		}
	}

}
