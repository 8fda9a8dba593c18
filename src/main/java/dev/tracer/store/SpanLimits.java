package dev.tracer.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * How big one stored span may be, as OpenTelemetry's SDK {@code SpanLimits} bounds a span while it is
 * recorded, applied here to Zipkin's model when a span arrives. A span within every limit is stored as
 * it came (the same instance); a span over one is stored cut down, never whole, and says so:
 *
 * <pre>{@code
 * limit                 applies to                                    over it
 * maxTags               tags (OTel: attributes)                       the first maxTags, in key order, are
 *                                                                     kept; tag otel.dropped_attributes_count
 * maxAnnotations        annotations (OTel: events)                    the first maxAnnotations, by time, are
 *                                                                     kept; tag otel.dropped_events_count
 * maxTagValueLength     tag values, annotation values                 cut, then the marker
 * maxNameLength         span name, tag keys, local and remote         cut, then the marker
 *                       service names
 * }</pre>
 *
 * <p>The marker is {@code ...[truncated N chars]}, N being what was cut; it is ASCII because one
 * character past Latin-1 would make Java store the whole value at two bytes a character. The two tags
 * are the names OpenTelemetry's mapping to non-OTLP formats gives dropped attributes and events, so a
 * span an SDK already cut down and one cut down here read alike (a count that came with the span is
 * added to; the two counts are kept outside {@code maxTags}). A surrogate pair is never split.
 * OpenTelemetry has no limit on value or name length by default; the defaults here have one because a
 * stored span lives on a shared heap (see {@link #DEFAULTS}).
 *
 * @param maxNameLength the most characters of a name: span name, tag key, service name; 1 or more
 * @param maxTagValueLength the most characters of a tag or annotation value; 1 or more
 * @param maxTags the most tags a span keeps, 0 or more
 * @param maxAnnotations the most annotations a span keeps, 0 or more
 */
public record SpanLimits(int maxNameLength, int maxTagValueLength, int maxTags, int maxAnnotations) {

	/**
	 * Counts as OpenTelemetry's defaults (128 attributes, 128 events); lengths where OpenTelemetry has
	 * none: 256 characters of a name and 4,096 of a value, which keep a SQL statement or the top of a
	 * stack trace and cut a megabyte-long value, the kind that once brought the services down, to 4 KB.
	 */
	public static final SpanLimits DEFAULTS = new SpanLimits(256, 4096, 128, 128);

	/** OpenTelemetry's name for the number of attributes (tags) a span lost to a limit. */
	public static final String DROPPED_TAGS = "otel.dropped_attributes_count";

	/** OpenTelemetry's name for the number of events (annotations) a span lost to a limit. */
	public static final String DROPPED_ANNOTATIONS = "otel.dropped_events_count";

	public SpanLimits {
		if (maxNameLength < 1) {
			throw new IllegalArgumentException("maxNameLength < 1: " + maxNameLength);
		}
		if (maxTagValueLength < 1) {
			throw new IllegalArgumentException("maxTagValueLength < 1: " + maxTagValueLength);
		}
		if (maxTags < 0) {
			throw new IllegalArgumentException("maxTags < 0: " + maxTags);
		}
		if (maxAnnotations < 0) {
			throw new IllegalArgumentException("maxAnnotations < 0: " + maxAnnotations);
		}
	}

	/**
	 * @param span the span as it arrived, never null
	 * @return the same span if it is within every limit, else a copy cut down to them and marked
	 */
	public Span apply(Span span) {
		if (isWithin(span)) {
			return span;
		}
		Span.Builder builder = span.toBuilder()
			.name(cut(span.name(), maxNameLength))
			.localEndpoint(withServiceNameCut(span.localEndpoint()))
			.remoteEndpoint(withServiceNameCut(span.remoteEndpoint()))
			.clearTags()
			.clearAnnotations();
		Map<String, String> tags = new LinkedHashMap<>();
		long droppedTags = 0;
		for (Map.Entry<String, String> tag : span.tags().entrySet()) {
			if (isCount(tag.getKey())) {
				continue; // added to below, outside the limit: it is what tells the limit was met
			}
			String key = cut(tag.getKey(), maxNameLength);
			// two long keys alike up to the cut would collide: the first keeps the key
			if (tags.size() == maxTags || tags.containsKey(key)) {
				droppedTags++;
			}
			else {
				tags.put(key, cut(tag.getValue(), maxTagValueLength));
			}
		}
		List<Annotation> annotations = span.annotations();
		int kept = Math.min(annotations.size(), maxAnnotations);
		for (int i = 0; i < kept; i++) {
			Annotation annotation = annotations.get(i);
			builder.addAnnotation(annotation.timestamp(), cut(annotation.value(), maxTagValueLength));
		}
		putCount(tags, span, DROPPED_TAGS, droppedTags);
		putCount(tags, span, DROPPED_ANNOTATIONS, annotations.size() - kept);
		tags.forEach(builder::putTag);
		return builder.build();
	}

	private boolean isWithin(Span span) {
		if (isLong(span.name(), maxNameLength) || isLong(span.localServiceName(), maxNameLength)
				|| isLong(span.remoteServiceName(), maxNameLength) || limitedTagCount(span) > maxTags
				|| span.annotations().size() > maxAnnotations) {
			return false;
		}
		for (Map.Entry<String, String> tag : span.tags().entrySet()) {
			if (isLong(tag.getKey(), maxNameLength) || isLong(tag.getValue(), maxTagValueLength)) {
				return false;
			}
		}
		for (Annotation annotation : span.annotations()) {
			if (isLong(annotation.value(), maxTagValueLength)) {
				return false;
			}
		}
		return true;
	}

	private static int limitedTagCount(Span span) {
		Map<String, String> tags = span.tags();
		return tags.size() - (tags.containsKey(DROPPED_TAGS) ? 1 : 0) - (tags.containsKey(DROPPED_ANNOTATIONS) ? 1 : 0);
	}

	private static boolean isLong(String text, int maxLength) {
		return text != null && text.length() > maxLength;
	}

	private Endpoint withServiceNameCut(Endpoint endpoint) {
		if (endpoint == null || !isLong(endpoint.serviceName(), maxNameLength)) {
			return endpoint;
		}
		return endpoint.toBuilder().serviceName(cut(endpoint.serviceName(), maxNameLength)).build();
	}

	private static boolean isCount(String key) {
		return DROPPED_TAGS.equals(key) || DROPPED_ANNOTATIONS.equals(key);
	}

	/** Adds to the count the span may already carry, from an SDK that dropped some before sending. */
	private void putCount(Map<String, String> tags, Span span, String key, long dropped) {
		String carried = span.tags().get(key);
		if (dropped == 0) {
			if (carried != null) {
				tags.put(key, cut(carried, maxTagValueLength));
			}
			return;
		}
		long before = 0;
		if (carried != null) {
			try {
				before = Math.max(0, Long.parseLong(carried));
			}
			catch (NumberFormatException ex) {
				// not a count: ours replaces it
			}
		}
		tags.put(key, Long.toString(before + dropped));
	}

	/**
	 * The text cut to {@code maxLength} characters and marked, or the text itself if it fits.
	 *
	 * @param text the text, may be null
	 * @param maxLength 1 or more
	 * @return null for null
	 */
	static String cut(String text, int maxLength) {
		if (text == null || text.length() <= maxLength) {
			return text;
		}
		int end = maxLength;
		if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
			end--;
		}
		return text.substring(0, end) + "...[truncated " + (text.length() - end) + " chars]";
	}

}
