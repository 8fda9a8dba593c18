package dev.tracer.core.breaks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * A span of the corpus as the break analysis sees it, read from Zipkin v2 JSON by Zipkin's own decoder
 * (which normalises ids as the store's intake does), or made by a recording in this build.
 *
 * <pre>{@code
 * Zipkin v2                          CorpusSpan
 * kind CLIENT / SERVER               CLIENT / SERVER; PRODUCER, CONSUMER and none are OTHER
 * localEndpoint.serviceName          localService
 * remoteEndpoint.serviceName         remoteService
 * timestamp, duration                startMicros, durationMicros (0 when absent)
 * }</pre>
 */
record CorpusSpan(String traceId, String spanId, String parentId, Kind kind, String localService, String remoteService,
		long startMicros, long durationMicros, Map<String, String> tags) implements HopSpan {

	CorpusSpan {
		tags = Map.copyOf(tags);
	}

	/**
	 * @param resource a classpath resource under {@code /corpus/}, e.g. {@code zipkin/yelp.json}
	 * @return its spans, in file order
	 */
	static List<HopSpan> read(String resource) {
		try (InputStream in = CorpusSpan.class.getResourceAsStream("/corpus/" + resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no corpus file " + resource);
			}
			byte[] json = in.readAllBytes();
			// a file of one span holds the object itself, not a list of one
			List<Span> spans = (new String(json, 0, Math.min(json.length, 16)).trim().startsWith("{"))
					? List.of(SpanBytesDecoder.JSON_V2.decodeOne(json)) : SpanBytesDecoder.JSON_V2.decodeList(json);
			return spans.stream().<HopSpan>map(CorpusSpan::of).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static CorpusSpan of(Span span) {
		return new CorpusSpan(span.traceId(), span.id(), span.parentId(), kindOf(span.kind()), span.localServiceName(),
				span.remoteServiceName(), span.timestampAsLong(), span.durationAsLong(), span.tags());
	}

	static Kind kindOf(Span.Kind kind) {
		if (kind == Span.Kind.CLIENT) {
			return Kind.CLIENT;
		}
		return (kind == Span.Kind.SERVER) ? Kind.SERVER : Kind.OTHER;
	}

	@Override
	public String tag(String key) {
		return tags.get(key);
	}

}
