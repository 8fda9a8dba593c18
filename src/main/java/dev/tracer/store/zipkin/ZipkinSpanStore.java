package dev.tracer.store.zipkin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * recentTraces(q)     GET  /api/v2/traces?endTs=now&lookback=...&limit=n&serviceName=...&spanName=...&annotationQuery=...
 *                     what Zipkin answers by tracer's rule is asked of it (zipkinQuery); each trace is
 *                     summarised and checked by the same code as the in-memory store
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
		List<Span> batch = Arrays.asList(SpanStore.checkedBatch(spans));
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
	 * The newest traces Zipkin returns for what its query API answers by tracer's own rule (see
	 * {@link #zipkinQuery}), each summarised and checked here by the whole {@link TraceQuery}, as every
	 * store checks. When the query asks for more than Zipkin answers, the newest {@code MAX_LISTED_TRACES}
	 * Zipkin returns are read and filtered here, so a match older than those is not found.
	 */
	@Override
	public List<TraceSummary> recentTraces(TraceQuery query) {
		int limit = query.limit();
		if (limit == 0) {
			return List.of();
		}
		ZipkinQuery asked = zipkinQuery(query, clock.millis(), lookback.toMillis());
		// when tracer checks more than Zipkin did, the limit counts what passes here: ask for as many as Zipkin lists
		List<List<Span>> traces = listTraces(asked, asked.complete() ? Math.min(limit, MAX_LISTED_TRACES) : MAX_LISTED_TRACES);
		List<TraceSummary> summaries = new ArrayList<>(Math.min(traces.size(), limit));
		for (List<Span> trace : traces) {
			if (summaries.size() == limit) {
				break;
			}
			if (!trace.isEmpty() && query.matchesSpans(trace.get(0).traceId(), trace)) {
				TraceSummary summary = TraceSummary.of(trace.get(0).traceId(), trace);
				if (query.matchesSummary(summary)) {
					summaries.add(summary);
				}
			}
		}
		return summaries;
	}

	/**
	 * What of a query Zipkin's {@code GET /api/v2/traces} answers by the same rule as {@link TraceQuery},
	 * so that Zipkin never leaves out a trace tracer would list:
	 *
	 * <pre>{@code
	 * TraceQuery          Zipkin                   passed?
	 * service             serviceName              yes: Zipkin, too, makes it constrain the span criteria
	 * spanName            spanName                 yes
	 * tags key=value      annotationQuery k=v      yes, unless the value has " and " or outer spaces (Zipkin splits and trims)
	 * tags key            annotationQuery k        yes: Zipkin also takes an annotation of that value; tracer checks again
	 * startFrom, startTo  endTs, lookback          yes (ms, rounded outwards); Zipkin dates a trace by its root span
	 * remoteService       remoteServiceName        no: Callee also reads peer.service, db.system, server.address...
	 * min/maxDuration     minDuration/maxDuration  no: Zipkin's bound one span's duration, tracer's the trace's
	 * errors, incomplete, traceIds                 no such parameters
	 * }</pre>
	 *
	 * @param query the query
	 * @param nowMillis now, epoch milliseconds: the window's end when the query has no latest start
	 * @param lookbackMillis the window's length when the query has no earliest start
	 * @return the parameters, and whether they answer the whole query (then tracer's check rules out nothing)
	 */
	static ZipkinQuery zipkinQuery(TraceQuery query, long nowMillis, long lookbackMillis) {
		long endTs = (query.startToMicros() == TraceQuery.ANY_START_TO) ? nowMillis
				: Math.max(1, Math.floorDiv(query.startToMicros(), 1000) + ((query.startToMicros() % 1000 != 0) ? 1 : 0));
		long lookback = (query.startFromMicros() == TraceQuery.ANY_START_FROM) ? lookbackMillis
				: Math.max(1, endTs - Math.floorDiv(query.startFromMicros(), 1000));
		List<String> annotations = new ArrayList<>();
		boolean complete = query.remoteService() == null && query.minDurationMicros() == 0
				&& query.maxDurationMicros() == TraceQuery.ANY_DURATION && !query.errorsOnly() && !query.incompleteOnly()
				&& query.traceIds() == null && query.startFromMicros() == TraceQuery.ANY_START_FROM
				&& query.startToMicros() == TraceQuery.ANY_START_TO;
		for (TraceQuery.Tag tag : query.tags()) {
			String text = tag.toString();
			if (text.contains(" and ") || !text.equals(text.strip()) || !tag.key().equals(tag.key().strip())
					|| (tag.value() != null && !tag.value().equals(tag.value().strip()))) {
				complete = false;
			}
			else {
				annotations.add(text);
				complete = complete && tag.value() != null;
			}
		}
		return new ZipkinQuery(query.service(), query.spanName(), String.join(" and ", annotations), endTs, lookback,
				complete);
	}

	/**
	 * The parameters of one {@code GET /api/v2/traces}, besides the limit.
	 *
	 * @param serviceName null for any
	 * @param spanName null for any
	 * @param annotationQuery empty for any
	 * @param endTs epoch milliseconds
	 * @param lookback milliseconds before endTs
	 * @param complete whether Zipkin answers the whole query
	 */
	record ZipkinQuery(String serviceName, String spanName, String annotationQuery, long endTs, long lookback,
			boolean complete) {
	}

	/**
	 * The spans of the newest {@code MAX_LISTED_TRACES} traces Zipkin lists, read in one call (the break
	 * analysis reads them all), oldest trace first.
	 */
	@Override
	public List<Span> spans() {
		List<List<Span>> newestFirst = listTraces(zipkinQuery(TraceQuery.newest(1), clock.millis(), lookback.toMillis()),
				MAX_LISTED_TRACES);
		List<Span> spans = new ArrayList<>();
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			spans.addAll(newestFirst.get(i));
		}
		return spans;
	}

	/** {@code GET /api/v2/traces}: the newest traces Zipkin finds for the query, at most {@code asked}, newest first. */
	private List<List<Span>> listTraces(ZipkinQuery query, int asked) {
		StringBuilder call = new StringBuilder("GET /api/v2/traces?endTs=").append(query.endTs())
			.append("&lookback=").append(query.lookback()).append("&limit=").append(asked);
		byte[] json;
		try {
			json = zipkin.get().uri((uri) -> {
				uri.path("/api/v2/traces")
					.queryParam("endTs", query.endTs())
					.queryParam("lookback", query.lookback())
					.queryParam("limit", asked);
				// values as template variables, so that RestClient encodes every reserved character in them
				if (query.serviceName() != null) {
					uri.queryParam("serviceName", "{serviceName}");
					call.append("&serviceName=").append(query.serviceName());
				}
				if (query.spanName() != null) {
					uri.queryParam("spanName", "{spanName}");
					call.append("&spanName=").append(query.spanName());
				}
				if (!query.annotationQuery().isEmpty()) {
					uri.queryParam("annotationQuery", "{annotationQuery}");
					call.append("&annotationQuery=").append(query.annotationQuery());
				}
				return uri.build(variables(query));
			}).retrieve().body(byte[].class);
		}
		catch (RestClientException ex) {
			throw new ZipkinStoreException(baseUrl, call.toString(), ex);
		}
		try {
			return (json != null) ? ZipkinTraces.decode(json) : List.of();
		}
		catch (IllegalArgumentException ex) {
			throw new ZipkinStoreException(baseUrl, call + " sent an answer that is not Zipkin v2 JSON", ex);
		}
	}

	private static Map<String, String> variables(ZipkinQuery query) {
		Map<String, String> variables = new HashMap<>();
		variables.put("serviceName", query.serviceName());
		variables.put("spanName", query.spanName());
		variables.put("annotationQuery", query.annotationQuery());
		return variables;
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
