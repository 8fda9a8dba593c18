package dev.tracer.core.breaks;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tracer.core.context.TraceTags;

/**
 * A span for the break analysis's tests, built in milliseconds from {@link #T0}.
 *
 * <pre>{@code
 * Hop.client("a", "c1", "s1", "frontend", 10, 30).get("/api/data")
 *     client span c1 of trace a, child of s1, from T0 + 10 ms for 30 ms, calling GET /api/data
 * }</pre>
 */
record Hop(String traceId, String spanId, String parentId, Kind kind, String localService, String remoteService,
		long startMicros, long durationMicros, Map<String, String> tags) implements HopSpan {

	static final long T0 = 1_700_000_000_000_000L;

	static final String UPPERCASE_REASON = "trace-id: expected 32 lowercase hex characters, found uppercase 'B' at index 4";

	static Hop client(String traceId, String spanId, String parentId, String service, long startMillis, long millis) {
		return new Hop(traceId, spanId, parentId, Kind.CLIENT, service, null, T0 + startMillis * 1000,
				millis * 1000, Map.of());
	}

	static Hop server(String traceId, String spanId, String parentId, String service, long startMillis, long millis) {
		return new Hop(traceId, spanId, parentId, Kind.SERVER, service, null, T0 + startMillis * 1000, millis * 1000,
				Map.of(TraceTags.TRACEPARENT_VALID, String.valueOf(parentId != null)));
	}

	static Hop local(String traceId, String spanId, String parentId, String service, long startMillis, long millis) {
		return new Hop(traceId, spanId, parentId, Kind.OTHER, service, null, T0 + startMillis * 1000, millis * 1000,
				Map.of());
	}

	/** Microseconds since the epoch at {@code T0 + millis}. */
	static long at(long millis) {
		return T0 + millis * 1000;
	}

	/** A call as Boot's RestClient tags it, or a request as tracer's filter does. */
	Hop get(String path) {
		return request("GET", path);
	}

	Hop request(String method, String path) {
		if (kind == Kind.CLIENT) {
			return with("method", method).with("http.url", "http://localhost:8081" + path).with("uri", path);
		}
		return with("http.method", method).with("http.path", path);
	}

	/** A root that received this header and refused it for the uppercase reason. */
	Hop refused(String traceparent) {
		return with(TraceTags.TRACEPARENT_RECEIVED, traceparent).with(TraceTags.TRACEPARENT_VALID, "false")
			.with(TraceTags.TRACEPARENT_INVALID, UPPERCASE_REASON);
	}

	Hop sent(String traceparent) {
		return with(TraceTags.TRACEPARENT_SENT, traceparent);
	}

	Hop calling(String service) {
		return new Hop(traceId, spanId, parentId, kind, localService, service, startMicros, durationMicros, tags);
	}

	Hop with(String key, String value) {
		Map<String, String> more = new LinkedHashMap<>(tags);
		more.put(key, value);
		return new Hop(traceId, spanId, parentId, kind, localService, remoteService, startMicros, durationMicros, more);
	}

	Hop without(String key) {
		Map<String, String> fewer = new LinkedHashMap<>(tags);
		fewer.remove(key);
		return new Hop(traceId, spanId, parentId, kind, localService, remoteService, startMicros, durationMicros, fewer);
	}

	SpanRef ref() {
		return new SpanRef(traceId, spanId, localService, startMicros);
	}

	@Override
	public String tag(String key) {
		return tags.get(key);
	}

}
