package dev.tracer.bench;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.core.breaks.Break;
import dev.tracer.core.breaks.BreakAnalysis;
import dev.tracer.core.breaks.BreakReport;
import dev.tracer.core.breaks.BreakRules;
import dev.tracer.core.context.TraceTags;
import dev.tracer.store.StoredSpan;

/**
 * {@link BreakAnalysis#analyze} over a store's worth of spans: 100,000 Zipkin spans as the store holds
 * them ({@link StoredSpan}), 25,000 demo requests of four spans each, one request starting every
 * millisecond, so about 20 calls are in flight at any moment, all to the same {@code GET /api/data}.
 *
 * <pre>{@code
 * request i, from T0 + i ms                                   broken (brokenPercent of the requests)
 * frontend  GET /api/data  server  root   +0 .. +30 ms
 * +-- frontend  http get   client         +2 .. +22
 *     +-- backend  GET /api/data  server  +4 .. +19           a root of its own trace instead: half
 *         +-- backend  prepare-data       +5 .. +15           received nothing, half refused the
 *                                                             uppercase header the call sent
 * }</pre>
 *
 * Every lost call's window holds about 20 frontend roots of the same path (its own service's, left
 * out) and, at 100%, about 20 backend roots: the worst case the index has to scan (k in the class
 * Javadoc of {@link BreakAnalysis}). The spans are made once per fork and the report checked once:
 * one lost call per broken request. Settings: average time in ms/op, one fork with {@code -Xmx2g}, 3
 * warm-up and 5 measured iterations of 2 s.
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BreakAnalysisBenchmark extends BigInputBenchmark {

	private static final int REQUESTS = 25_000;

	private static final long T0 = 1_700_000_000_000_000L;

	private static final Endpoint FRONTEND = Endpoint.newBuilder().serviceName("frontend").build();

	private static final Endpoint BACKEND = Endpoint.newBuilder().serviceName("backend").build();

	private static final BreakAnalysis ANALYSIS = new BreakAnalysis(new BreakRules(5_000_000L, 50_000L));

	@Param({ "1", "10", "100" })
	int brokenPercent;

	private List<StoredSpan> spans;

	private long now;

	@Setup(Level.Trial)
	public void prepare() {
		spans = spans(brokenPercent);
		now = T0 + REQUESTS * 1_000L + 60_000_000L;
		BreakReport report = analyze();
		long lost = report.breaks().stream().filter(b -> b.kind() == Break.Kind.LOST_DOWNSTREAM).count();
		int broken = REQUESTS * brokenPercent / 100;
		if (spans.size() != 4 * REQUESTS || lost != broken) {
			throw new IllegalStateException(spans.size() + " spans, " + lost + " lost calls, expected " + broken);
		}
	}

	@Benchmark
	public BreakReport analyze() {
		return ANALYSIS.analyze(spans, now);
	}

	static List<StoredSpan> spans(int brokenPercent) {
		List<StoredSpan> spans = new ArrayList<>(4 * REQUESTS);
		int every = (brokenPercent == 0) ? Integer.MAX_VALUE : 100 / brokenPercent;
		for (int i = 0; i < REQUESTS; i++) {
			long start = T0 + i * 1_000L;
			String trace = hex(i + 1L, 32);
			String root = hex(4L * i + 1, 16);
			String call = hex(4L * i + 2, 16);
			String server = hex(4L * i + 3, 16);
			String sent = "00-" + trace + "-" + call + "-01";
			boolean broken = i % every == 0;
			boolean refused = broken && (i / every) % 2 == 1;
			if (refused) {
				sent = sent.toUpperCase();
			}
			spans.add(new StoredSpan(span(trace, root, null, Span.Kind.SERVER, FRONTEND, start, 30_000)
				.putTag("http.method", "GET").putTag("http.path", "/api/data")
				.putTag(TraceTags.TRACEPARENT_VALID, "false").build()));
			spans.add(new StoredSpan(span(trace, call, root, Span.Kind.CLIENT, FRONTEND, start + 2_000, 20_000)
				.putTag("method", "GET").putTag("http.url", "http://localhost:8081/api/data").putTag("uri", "/api/data")
				.putTag(TraceTags.TRACEPARENT_SENT, sent).build()));
			String serverTrace = broken ? hex(REQUESTS + i + 1L, 32) : trace;
			Span.Builder backend = span(serverTrace, server, broken ? null : call, Span.Kind.SERVER, BACKEND,
					start + 4_000, 15_000)
				.putTag("http.method", "GET").putTag("http.path", "/api/data")
				.putTag(TraceTags.TRACEPARENT_VALID, String.valueOf(!broken));
			if (refused) {
				backend.putTag(TraceTags.TRACEPARENT_RECEIVED, sent)
					.putTag(TraceTags.TRACEPARENT_INVALID, "trace-id: expected 32 lowercase hex characters, found"
							+ " uppercase 'A' at index 3");
			}
			spans.add(new StoredSpan(backend.build()));
			spans.add(new StoredSpan(span(serverTrace, hex(4L * i + 4, 16), server, null, BACKEND, start + 5_000, 10_000)
				.name("prepare-data").build()));
		}
		return spans;
	}

	private static Span.Builder span(String trace, String id, String parent, Span.Kind kind, Endpoint service,
			long start, long duration) {
		return Span.newBuilder().traceId(trace).id(id).parentId(parent).kind(kind).name("get /api/data")
			.localEndpoint(service).timestamp(start).duration(duration);
	}

	private static String hex(long value, int length) {
		StringBuilder text = new StringBuilder(Long.toHexString(value));
		while (text.length() < length) {
			text.insert(0, '0');
		}
		return text.toString();
	}

}
