package dev.tracer.store;

import java.util.List;

import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Zipkin v2 JSON, the format of {@code POST /api/v2/spans} and {@code GET /api/v2/trace/{id}}, through
 * Zipkin's own codec: what a Zipkin reporter sends is read exactly as a Zipkin server would read it.
 *
 * <pre>{@code
 * [{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","parentId":"00f067aa0ba902b7","id":"b7ad6b7169203331",
 *   "kind":"CLIENT","name":"get /api","timestamp":1700000000000000,"duration":2500,
 *   "localEndpoint":{"serviceName":"frontend"},"tags":{"http.method":"GET"}}]
 * }</pre>
 */
public final class ZipkinJson {

	private static final String EXPECTED = "expected a JSON array of Zipkin v2 spans";

	/** The codec names its own target on every message; ours says that once, up front. */
	private static final String CODEC_SUFFIX = " reading List<Span> from json";

	/** Gson's wording for broken syntax tells the reader how to change a parser it does not own. */
	private static final String GSON_LENIENT_ADVICE = "Use JsonReader.setStrictness(Strictness.LENIENT)"
			+ " to accept malformed JSON";

	private ZipkinJson() {
	}

	/**
	 * Reads a JSON array of spans. Ids are normalised by Zipkin (lowercase, left-padded to 16 or 32 hex).
	 *
	 * @param json UTF-8 JSON, never null
	 * @return the spans, in document order; empty for {@code []}
	 * @throws IllegalArgumentException if the input is empty, not an array of span objects, or a span is
	 * invalid (a missing or non-hex id, an unknown kind); the message says which
	 */
	public static List<Span> decode(byte[] json) {
		if (json == null) {
			throw new NullPointerException("json == null");
		}
		// The codec reads zero bytes as an empty list; an empty body is more likely a client mistake.
		if (json.length == 0) {
			throw new IllegalArgumentException("invalid Zipkin v2 JSON: no content (" + EXPECTED + ", such as [])");
		}
		try {
			return SpanBytesDecoder.JSON_V2.decodeList(json);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid Zipkin v2 JSON (" + EXPECTED + "): " + describe(ex), ex);
		}
	}

	/**
	 * Writes spans as a JSON array, the inverse of {@link #decode}.
	 *
	 * @param spans the spans, never null
	 * @return UTF-8 JSON; {@code []} for no spans
	 */
	public static byte[] encode(List<Span> spans) {
		if (spans == null) {
			throw new NullPointerException("spans == null");
		}
		for (int i = 0, size = spans.size(); i < size; i++) {
			if (spans.get(i) == null) {
				throw new NullPointerException("spans[" + i + "] == null");
			}
		}
		return SpanBytesEncoder.JSON_V2.encodeList(spans);
	}

	/**
	 * What is wrong, in one line. The codec often says only "Malformed" and keeps the position in its
	 * cause ("Expected BEGIN_ARRAY but was BEGIN_OBJECT at line 1 column 2 path $"), so the cause is
	 * preferred; gson's troubleshooting links, on later lines, are dropped.
	 */
	static String describe(IllegalArgumentException ex) {
		Throwable cause = ex.getCause();
		String message = (cause != null && cause.getMessage() != null) ? cause.getMessage() : ex.getMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		if (newline >= 0) {
			message = message.substring(0, newline);
		}
		if (message.endsWith(CODEC_SUFFIX)) {
			message = message.substring(0, message.length() - CODEC_SUFFIX.length());
		}
		if (message.startsWith(GSON_LENIENT_ADVICE)) {
			message = "malformed JSON" + message.substring(GSON_LENIENT_ADVICE.length());
		}
		return message.strip();
	}

}
