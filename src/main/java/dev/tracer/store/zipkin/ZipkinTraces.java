package dev.tracer.store.zipkin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import zipkin2.Span;

import dev.tracer.store.ZipkinJson;

/**
 * Reads the answer of Zipkin's {@code GET /api/v2/traces}: a JSON array of traces, each a JSON array of
 * v2 spans. Zipkin's codec reads one list of spans, not a list of lists; so Jackson's streaming parser
 * only finds where each inner array starts and ends, and each is read by Zipkin's codec.
 *
 * <pre>{@code
 * [ [span, span, ...],  [span, ...],  ... ]
 *   ^ start        end^
 *   bytes [start, end] of each inner array -> ZipkinJson.decode
 * }</pre>
 */
final class ZipkinTraces {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private ZipkinTraces() {
	}

	/**
	 * @param json the answer's bytes, UTF-8
	 * @return the traces in the answer's order, each its spans in the answer's order
	 * @throws IllegalArgumentException if the answer is not an array of arrays of v2 spans
	 */
	static List<List<Span>> decode(byte[] json) {
		List<List<Span>> traces = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IllegalArgumentException("expected a JSON array of traces");
			}
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
				if (token != JsonToken.START_ARRAY) {
					throw new IllegalArgumentException("expected a JSON array of spans for trace " + traces.size()
							+ ", found " + token);
				}
				int start = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
				traces.add(ZipkinJson.decode(Arrays.copyOfRange(json, start, end)));
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("malformed JSON: " + ex.getOriginalMessage(), ex);
		}
		return traces;
	}

}
