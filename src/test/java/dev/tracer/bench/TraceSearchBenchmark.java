package dev.tracer.bench;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.store.InMemorySpanStore;
import dev.tracer.store.TraceQuery;
import dev.tracer.store.TraceSummary;

/**
 * The trace list's search over a full in-memory store: 1,000,000 spans in 100,000 traces of ten (a
 * server span and nine calls, to "db" or "cache"), nothing indexed for the search ({@link TraceQuery}
 * reads each trace's spans when asked). One trace in 1,000 has the tag {@code rare=yes} and calls
 * "payments", so a search for either reads every trace to fill its 100: the worst case.
 *
 * <pre>{@code
 * newest       100 newest traces, no filter: 100 summaries
 * tagRare      tag rare=yes: every trace's spans read, 100 summaries
 * remoteRare   remote_service payments: every trace's calls through Callee, 100 summaries
 * nameNone     a span name no trace has: every trace's spans read, nothing summarised
 * }</pre>
 *
 * Average time in ms/op, one fork with {@code -Xmx4g}, 2 warm-up and 5 measured iterations of 2 s.
 */
@Warmup(iterations = 2, time = 2)
public class TraceSearchBenchmark extends BigInputBenchmark {

	private static final long START_MICROS = 1_700_000_000_000_000L;

	private static final int TRACES = 100_000;

	private static final Endpoint APP = Endpoint.newBuilder().serviceName("app").build();

	private InMemorySpanStore store;

	@Setup(Level.Trial)
	public void fill() {
		store = new InMemorySpanStore(1_000_000, Long.MAX_VALUE);
		List<Span> batch = new ArrayList<>();
		for (int t = 0; t < TRACES; t++) {
			boolean rare = t % 1000 == 0;
			String traceId = String.format("%032x", t + 1L);
			String root = String.format("%016x", t * 16L + 1);
			batch.add(Span.newBuilder().traceId(traceId).id(root).name("get /orders").kind(Span.Kind.SERVER)
				.localEndpoint(APP).timestamp(START_MICROS + t * 1000L).duration(900).putTag("http.method", "GET").build());
			for (int c = 0; c < 9; c++) {
				String callee = (rare && c == 0) ? "payments" : (c % 2 == 0) ? "db" : "cache";
				Span.Builder call = Span.newBuilder().traceId(traceId).id(String.format("%016x", t * 16L + 2 + c))
					.parentId(root).name("call " + c).kind(Span.Kind.CLIENT).localEndpoint(APP)
					.remoteEndpoint(Endpoint.newBuilder().serviceName(callee).build())
					.timestamp(START_MICROS + t * 1000L + c * 90).duration(80).putTag("peer.port", "5432");
				if (rare && c == 0) {
					call.putTag("rare", "yes");
				}
				batch.add(call.build());
			}
			if (batch.size() >= 10_000) {
				store.accept(batch);
				batch.clear();
			}
		}
		store.accept(batch);
		check(search(null, null, "rare=yes").size() == 100, "tag search lists 100");
		check(search("payments", null, null).size() == 100, "remote search lists 100");
	}

	private static void check(boolean ok, String what) {
		if (!ok) {
			throw new IllegalStateException("benchmark set-up: " + what);
		}
	}

	private List<TraceSummary> search(String remote, String name, String tag) {
		return store.recentTraces(new TraceQuery(100, null, name, remote,
				(tag == null) ? List.of() : List.of(TraceQuery.Tag.parse(tag)), 0, TraceQuery.ANY_DURATION,
				TraceQuery.ANY_START_FROM, TraceQuery.ANY_START_TO, false, false, null));
	}

	@Benchmark
	public List<TraceSummary> newest() {
		return store.recentTraces(TraceQuery.newest(100));
	}

	@Benchmark
	public List<TraceSummary> tagRare() {
		return search(null, null, "rare=yes");
	}

	@Benchmark
	public List<TraceSummary> remoteRare() {
		return search("payments", null, null);
	}

	@Benchmark
	public List<TraceSummary> nameNone() {
		return search(null, "no such name", null);
	}

}
