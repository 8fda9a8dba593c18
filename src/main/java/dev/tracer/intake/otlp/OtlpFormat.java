package dev.tracer.intake.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two encodings of OTLP/HTTP, read and written with protobuf's own classes: binary protobuf
 * ({@code application/x-protobuf}) and OTLP's JSON mapping ({@code application/json}).
 *
 * <p>OTLP/JSON is the proto3 JSON mapping with two differences that protobuf's {@link JsonFormat}
 * does not know (OTLP specification, "JSON Protobuf Encoding"):
 * <ul>
 * <li>{@code traceId}, {@code spanId} and {@code parentSpanId} (of spans and of links) are hex strings,
 * where proto3 JSON writes bytes in base64. They are rewritten to base64 before {@code JsonFormat} reads
 * the document; hex of either case is taken, as the specification says the encoding is
 * case-insensitive. A value that is not hex fails the whole request (400): the document cannot be read
 * as OTLP, unlike an id of the wrong length, which is one span's problem (see {@link OtlpSpans}).
 * <li>Enum values "MUST be encoded as integer values"; {@code JsonFormat} reads integers and, as
 * proto3 JSON allows, the value names ({@code "SPAN_KIND_SERVER"}) too. Both are taken. An unknown
 * number becomes {@code UNRECOGNIZED}, and an unknown name is skipped like an unknown field; both are
 * then mapped as unset (no kind, no status), so a newer sender's span is kept rather than refused.
 * </ul>
 * Unknown fields are ignored, as OTLP/JSON receivers must.
 */
public enum OtlpFormat {

	PROTOBUF("application/x-protobuf") {
		@Override
		public ExportTraceServiceRequest decode(byte[] body) {
			try {
				return ExportTraceServiceRequest.parseFrom(body);
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IllegalArgumentException(
						"invalid OTLP protobuf (expected an ExportTraceServiceRequest): " + ex.getMessage(), ex);
			}
		}

		@Override
		public byte[] encode(Message message) {
			return message.toByteArray();
		}
	},

	JSON("application/json") {
		@Override
		public ExportTraceServiceRequest decode(byte[] body) {
			JsonNode document;
			try {
				document = MAPPER.readTree(body);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("invalid OTLP JSON: " + ex.getOriginalMessage(), ex);
			}
			if (document == null || !document.isObject()) {
				throw new IllegalArgumentException(
						"invalid OTLP JSON: expected an object (an ExportTraceServiceRequest)");
			}
			hexIdsToBase64((ObjectNode) document);
			ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
			try {
				PARSER.merge(MAPPER.writeValueAsString(document), request);
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IllegalArgumentException("invalid OTLP JSON: " + ex.getMessage(), ex);
			}
			return request.build();
		}

		@Override
		public byte[] encode(Message message) {
			try {
				return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
			}
			catch (InvalidProtocolBufferException ex) {
				// only Any fields with unknown types fail to print, and our answers have none
				throw new IllegalStateException(ex);
			}
		}
	};

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

	private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

	/** OTLP/JSON: "Values of enum fields MUST be encoded as integer values". */
	private static final JsonFormat.Printer DOCUMENT_PRINTER = PRINTER.printingEnumsAsInts();

	/**
	 * The id fields of a span and of a link, under both names proto3 JSON accepts for each, in the order
	 * they are checked (so that an error names the same field every time).
	 */
	private static final List<String> ID_FIELDS = List.of("traceId", "trace_id", "spanId", "span_id", "parentSpanId",
			"parent_span_id");

	private final String mediaType;

	OtlpFormat(String mediaType) {
		this.mediaType = mediaType;
	}

	/** The {@code Content-Type} of this encoding, for requests and their answers. */
	public String mediaType() {
		return this.mediaType;
	}

	/**
	 * Reads an export request.
	 *
	 * @param body the request body, never null; zero bytes are an empty request in protobuf, and not
	 * JSON
	 * @return the request
	 * @throws IllegalArgumentException if the body is not an {@code ExportTraceServiceRequest} in this
	 * encoding; the message says why
	 */
	public abstract ExportTraceServiceRequest decode(byte[] body);

	/** Writes an answer ({@code ExportTraceServiceResponse} or {@code google.rpc.Status}). */
	public abstract byte[] encode(Message message);

	/** The format whose media type is given (type and subtype, parameters ignored), or null. */
	public static OtlpFormat ofMediaType(String type, String subtype) {
		for (OtlpFormat format : values()) {
			if (format.mediaType.equalsIgnoreCase(type + "/" + subtype)) {
				return format;
			}
		}
		return null;
	}

	/**
	 * An export request as an OTLP/JSON document, as a Collector's file exporter writes one: ids in hex,
	 * enums as numbers, 64-bit numbers as strings (as proto3 JSON writes them, and OTLP/JSON reads them).
	 *
	 * @param request the request, never null
	 * @return UTF-8 JSON on one line, which {@link #JSON} reads back to the same request
	 */
	public static byte[] jsonDocument(ExportTraceServiceRequest request) {
		ObjectNode document;
		try {
			document = (ObjectNode) MAPPER.readTree(DOCUMENT_PRINTER.print(request));
		}
		catch (InvalidProtocolBufferException ex) {
			// only Any fields with unknown types fail to print, and trace requests have none
			throw new IllegalStateException(ex);
		}
		forEachId(document, (object, field, path) -> object.put(field,
				HexFormat.of().formatHex(Base64.getDecoder().decode(object.get(field).stringValue()))));
		return MAPPER.writeValueAsBytes(document);
	}

	private interface IdVisitor {

		void visit(ObjectNode object, String field, String path);

	}

	/** resourceSpans[].scopeSpans[].spans[] and their links[]: each id present, the order of ID_FIELDS. */
	private static void forEachId(ObjectNode request, IdVisitor visitor) {
		forEachObject(request, "resourceSpans", "resource_spans", (resourceSpans, rsPath) -> forEachObject(
				resourceSpans, "scopeSpans", "scope_spans", (scopeSpans, ssPath) -> forEachObject(scopeSpans,
						"spans", "spans", (span, spanPath) -> {
							String path = rsPath + "." + ssPath + "." + spanPath;
							visitIds(span, path, visitor);
							forEachObject(span, "links", "links", (link, linkPath) -> visitIds(link,
									path + "." + linkPath, visitor));
						})));
	}

	private static void visitIds(ObjectNode object, String path, IdVisitor visitor) {
		for (String field : ID_FIELDS) {
			JsonNode value = object.get(field);
			if (value != null && !value.isNull()) {
				visitor.visit(object, field, path);
			}
		}
	}

	/** resourceSpans[].scopeSpans[].spans[] and their links[]: each id from hex to base64, in place. */
	private static void hexIdsToBase64(ObjectNode request) {
		forEachId(request, OtlpFormat::rewriteId);
	}

	private static void rewriteId(ObjectNode object, String field, String path) {
		JsonNode value = object.get(field);
		if (!value.isString()) {
			throw new IllegalArgumentException(
					"invalid OTLP JSON: " + path + "." + field + ": expected a hex string, found " + value.getNodeType());
		}
		byte[] bytes;
		try {
			bytes = HexFormat.of().parseHex(value.stringValue());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid OTLP JSON: " + path + "." + field
					+ ": expected hex (OTLP/JSON writes ids in hex, not base64): " + ex.getMessage(), ex);
		}
		object.put(field, Base64.getEncoder().encodeToString(bytes));
	}

	private interface Visitor {

		void visit(ObjectNode element, String path);

	}

	private static void forEachObject(ObjectNode parent, String camel, String snake, Visitor visitor) {
		for (String name : (camel.equals(snake) ? new String[] { camel } : new String[] { camel, snake })) {
			JsonNode list = parent.get(name);
			if (list == null || !list.isArray()) {
				// absent, or not a list: JsonFormat names the problem when it reads the document
				continue;
			}
			for (int i = 0; i < list.size(); i++) {
				if (list.get(i) instanceof ObjectNode element) {
					visitor.visit(element, name + "[" + i + "]");
				}
			}
		}
	}

}
