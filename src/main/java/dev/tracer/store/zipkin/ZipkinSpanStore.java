package dev.tracer.store.zipkin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.tracer.core.context.TraceId;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoreStats;
import dev.tracer.store.TraceQuery;
import dev.tracer.store.TraceSummary;
import dev.tracer.store.ZipkinJson;

/**
 * A span store that is a Zipkin server, read and written through its v2 HTTP API: past one machine,
 * the server keeps the spans (in memory, or in Cassandra or Elasticsearch behind it) and tracer reads
 * them back as it reads its own store.
 *
 * <pre>{@code
 * accept(spans)       POST /api/v2/spans                 proto3 (Zipkin's codec), 202
 * trace(id)           GET  /api/v2/trace/{id}            404 -> empty
 * recentTraces(n)     GET  /api/v2/traces?endTs=now&lookback=...&limit=n
 *                     each trace summarised by the same code as the in-memory store
 * stats()             what this instance sent and Zipkin acknowledged (Zipkin's API has no counts)
 * }</pre>
 *
 * <p>Where Zipkin differs from the in-memory store by design, {@code SpanStoreContractTest} says so in
 * named tests: it merges a span reported twice with identical content, lists traces newest first by
 * timestamp within a lookback rather than by arrival, and bounds itself ({@code MEM_MAX_SPANS}, or
 * the backend's retention) rather than by {@code tracer.store.max-spans}.
 *
 * <p>Every failure of a call is a {@link ZipkinStoreException} carrying the client's exception: the
 * caller answers 502 or 504 and nothing is retried here, so a request never waits longer than the
 * client's timeouts.
 */
public final class ZipkinSpanStore implements SpanStore {

	/** Zipkin's own greatest {@code limit} is not set; this keeps one answer a few MB at most. */
	static final int MAX_LISTED_TRACES = 10_000;

	private final RestClient zipkin;

	private final String baseUrl;

	private final Duration lookback;

	private final Clock clock;

	private final AtomicLong spansSent = new AtomicLong();

	/**
	 * @param zipkin a client whose base URL is the Zipkin server and whose timeouts bound every call
	 * @param baseUrl the same base URL, for messages
	 * @param lookback how far back from now {@link #recentTraces} looks, at least a millisecond
	 * @param clock the clock {@link #recentTraces} measures now by
	 */
	public ZipkinSpanStore(RestClient zipkin, String baseUrl, Duration lookback, Clock clock) {
		if (zipkin == null || baseUrl == null || lookback == null || clock == null) {
			throw new NullPointerException("zipkin, baseUrl, lookback and clock are required");
		}
		if (lookback.toMillis() < 1) {
			throw new IllegalArgumentException("lookback < 1ms: " + lookback);
		}
		this.zipkin = zipkin;
		this.baseUrl = baseUrl;
		this.lookback = lookback;
		this.clock = clock;
	}

	@Override
	public void accept(List<Span> spans) {
		if (spans == null) {
			throw new NullPointerException("spans == null");
		}
		List<Span> batch = new ArrayList<>(spans);
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i) == null) {
				throw new NullPointerException("spans[" + i + "] == null");
			}
		}
		if (batch.isEmpty()) {
			return;
		}
		byte[] body = SpanBytesEncoder.PROTO3.encodeList(batch);
		try {
			zipkin.post()
				.uri("/api/v2/spans")
				.contentType(MediaType.parseMediaType("application/x-protobuf"))
				.body(body)
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			throw new ZipkinStoreException(baseUrl, "POST /api/v2/spans (" + batch.size() + " spans)", ex);
		}
		spansSent.addAndGet(batch.size());
	}

	@Override
	public List<Span> trace(TraceId traceId) {
		if (traceId == null) {
			throw new NullPointerException("traceId == null");
		}
		String id = traceId.value();
		byte[] json;
		try {
			json = zipkin.get().uri("/api/v2/trace/{traceId}", id).retrieve().body(byte[].class);
		}
		catch (HttpClientErrorException.NotFound ex) {
			return List.of();
		}
		catch (RestClientException ex) {
			throw new ZipkinStoreException(baseUrl, "GET /api/v2/trace/" + id, ex);
		}
		return List.copyOf(decode(json, "GET /api/v2/trace/" + id));
	}

	/**
	 * The newest traces Zipkin returns, summarised and filtered here by the same {@link TraceQuery} rule
	 * as every store. With a filter the newest {@code MAX_LISTED_TRACES} are read, so a match older than
	 * those is not found.
	 */
	@Override
	public List<TraceSummary> recentTraces(TraceQuery query) {
		int limit = query.limit();
		if (limit == 0) {
			return List.of();
		}
		// with a filter, the limit counts matches: ask for as many traces as Zipkin lists and keep the first
		boolean filtered = !query.equals(TraceQuery.newest(limit));
		List<List<Span>> traces = listTraces(filtered ? MAX_LISTED_TRACES : Math.min(limit, MAX_LISTED_TRACES));
		List<TraceSummary> summaries = new ArrayList<>(traces.size());
		for (List<Span> trace : traces) {
			if (!trace.isEmpty()) {
				TraceSummary summary = TraceSummary.of(trace.get(0).traceId(), trace);
				if (query.matches(summary) && summaries.size() < limit) {
					summaries.add(summary);
				}
			}
		}
		return summaries;
	}

	/**
	 * The spans of the newest {@code MAX_LISTED_TRACES} traces Zipkin lists, read in one call (the break
	 * analysis reads them all), oldest trace first.
	 */
	@Override
	public List<Span> spans() {
		List<List<Span>> newestFirst = listTraces(MAX_LISTED_TRACES);
		List<Span> spans = new ArrayList<>();
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			spans.addAll(newestFirst.get(i));
		}
		return spans;
	}

	/** {@code GET /api/v2/traces}: the newest traces within the lookback, at most {@code asked}, newest first. */
	private List<List<Span>> listTraces(int asked) {
		long endTs = clock.millis();
		String call = "GET /api/v2/traces?endTs=" + endTs + "&lookback=" + lookback.toMillis() + "&limit=" + asked;
		byte[] json;
		try {
			json = zipkin.get()
				.uri((uri) -> uri.path("/api/v2/traces")
					.queryParam("endTs", endTs)
					.queryParam("lookback", lookback.toMillis())
					.queryParam("limit", asked)
					.build())
				.retrieve()
				.body(byte[].class);
		}
		catch (RestClientException ex) {
			throw new ZipkinStoreException(baseUrl, call, ex);
		}
		try {
			return (json != null) ? ZipkinTraces.decode(json) : List.of();
		}
		catch (IllegalArgumentException ex) {
			throw new ZipkinStoreException(baseUrl, call + " sent an answer that is not Zipkin v2 JSON", ex);
		}
	}

	/**
	 * What crosses tracer: spans this instance sent and Zipkin acknowledged count as accepted and
	 * stored. Zipkin's API tells neither how many spans or traces it holds nor what it evicted, so
	 * traces held reads 0 and the bound reads {@link Integer#MAX_VALUE}: the server's own bound applies.
	 */
	@Override
	public StoreStats stats() {
		long sent = spansSent.get();
		return new StoreStats(sent, (int) Math.min(sent, Integer.MAX_VALUE), 0, 0, 0, Integer.MAX_VALUE);
	}

	private List<Span> decode(byte[] json, String call) {
		if (json == null) {
			return List.of();
		}
		try {
			return ZipkinJson.decode(json);
		}
		catch (IllegalArgumentException ex) {
			throw new ZipkinStoreException(baseUrl, call + " sent an answer that is not Zipkin v2 JSON", ex);
		}
	}

	@Override
	public String toString() {
		return "ZipkinSpanStore{" + baseUrl + "}";
	}

}
