package dev.tracer.store;

import java.util.List;
import java.util.Map;

import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * An estimate of the heap a stored span takes, cheap enough to make for every span that arrives. It
 * counts what the span holds alone, object by object, as a 64-bit JVM lays them out <em>without</em>
 * compressed references (8-byte references, 16-byte object headers), and rounds each object up to 8
 * bytes:
 *
 * <pre>{@code
 * Span                  96   the object: 7 references, 2 longs, an int
 *   slot in its trace   16   a reference in the trace's list, with the list's spare capacity
 *   each String         40 + its characters: 1 byte each if all are Latin-1 (Java 9+ compact
 *                            strings), else 2; rounded up to 8
 *   each Endpoint       64 + its strings + 24 for IPv4 bytes, 32 for IPv6 bytes
 *   annotations         64 once (the list and its wrapper) + 40 each (the object and its slot)
 *   tags               112 once (Zipkin's LinkedHashMap and its table's header)
 *                     + 88 each (the entry, and up to 3 table slots at the load factor of 0.75)
 * a new trace          192   the map entry, the list, its first array and the arrival-order slot
 * }</pre>
 *
 * <p>Why an upper-ish bound: the JVM compresses references on every heap below 32 GB, which makes the
 * span and map-entry objects smaller than counted here; strings shared between spans are counted once
 * per span; a table slot is counted at the fullest table. How close it comes to the heap is measured in
 * docs/performance.md, "The store's size estimate". What it leaves out: the decoding buffers of a
 * request (gone after the request) and the store's own constant overhead.
 */
public final class SpanSizes {

	/** What a trace costs the store beyond its spans; see the class Javadoc. */
	public static final long TRACE_OVERHEAD = 192;

	static final long SPAN = 96 + 16;

	static final long STRING = 40;

	static final long ENDPOINT = 64;

	static final long IPV4 = 24;

	static final long IPV6 = 32;

	static final long ANNOTATIONS = 64;

	static final long ANNOTATION = 40;

	static final long TAGS = 112;

	static final long TAG = 88;

	private SpanSizes() {
	}

	/**
	 * @param span the span, never null
	 * @return the estimated bytes of heap the span holds, trace overhead not included
	 */
	public static long of(Span span) {
		long size = SPAN + of(span.traceId()) + of(span.parentId()) + of(span.id()) + of(span.name())
				+ of(span.localEndpoint()) + of(span.remoteEndpoint());
		List<Annotation> annotations = span.annotations();
		if (!annotations.isEmpty()) {
			size += ANNOTATIONS;
			for (Annotation annotation : annotations) {
				size += ANNOTATION + of(annotation.value());
			}
		}
		Map<String, String> tags = span.tags();
		if (!tags.isEmpty()) {
			size += TAGS;
			for (Map.Entry<String, String> tag : tags.entrySet()) {
				size += TAG + of(tag.getKey()) + of(tag.getValue());
			}
		}
		return size;
	}

	private static long of(Endpoint endpoint) {
		if (endpoint == null) {
			return 0;
		}
		return ENDPOINT + of(endpoint.serviceName()) + of(endpoint.ipv4()) + of(endpoint.ipv6())
				+ ((endpoint.ipv4() != null) ? IPV4 : 0) + ((endpoint.ipv6() != null) ? IPV6 : 0);
	}

	/** A String and its array, as Java 9+ lays it out: Latin-1 text takes a byte a character. */
	static long of(String text) {
		if (text == null) {
			return 0;
		}
		int length = text.length();
		long characters = isLatin1(text) ? length : 2L * length;
		return STRING + roundUpTo8(characters);
	}

	private static boolean isLatin1(String text) {
		for (int i = 0, length = text.length(); i < length; i++) {
			if (text.charAt(i) > 0xff) {
				return false;
			}
		}
		return true;
	}

	private static long roundUpTo8(long bytes) {
		return (bytes + 7) & ~7L;
	}

}
