package dev.tracer.testing;

import java.util.ArrayList;
import java.util.List;

import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.store.SpanStore;

/**
 * Traces with something to find, as the store holds them, for the API, MCP and viewer tests of the
 * findings (the rules' own tests are in core/findings).
 *
 * <pre>{@code
 * nPlusOne       orders GET /orders         60 ms
 *                +-- db select ... id = ?   12 calls of 4 ms, one after another
 * maskedTimeout  gateway GET /report        2 s, error "HTTP 504"
 *                +-- reports http get       1.99 s, no error
 *                    +-- reports GET /report
 *                        +-- db select      1.98 s, no error: where the time went
 * }</pre>
 */
public final class FindingTraces {

	/** 2026-10-01 in epoch microseconds. */
	public static final long START = 1_790_800_000_000_000L;

	private static final Endpoint ORDERS = Endpoint.newBuilder().serviceName("orders").build();

	private static final Endpoint DB = Endpoint.newBuilder().serviceName("db").build();

	private static final Endpoint GATEWAY = Endpoint.newBuilder().serviceName("gateway").build();

	private static final Endpoint REPORTS = Endpoint.newBuilder().serviceName("reports").build();

	private FindingTraces() {
	}

	/**
	 * One {@link #nPlusOne} and one {@link #maskedTimeout} trace under ids of a test class's own, so that
	 * classes sharing a store do not meet.
	 *
	 * @param nPlusOne the N+1 trace's id
	 * @param maskedTimeout the masked timeout's id
	 */
	public record Pair(String nPlusOne, String maskedTimeout) {

		/** The N+1 trace's spans, then the masked timeout's: what a test sends, one trace a request. */
		public List<List<Span>> traces() {
			return List.of(FindingTraces.nPlusOne(nPlusOne), FindingTraces.maskedTimeout(maskedTimeout));
		}

		/** Stores both, each in its own batch, as two intake requests would. */
		public void storeIn(SpanStore store) {
			traces().forEach(store::accept);
		}

	}

	/** A GET /orders that loads twelve items one query at a time; its root is {@code <traceId low>0001}. */
	public static List<Span> nPlusOne(String traceId) {
		List<Span> spans = new ArrayList<>();
		String root = "00000000000f0001";
		spans.add(Span.newBuilder().traceId(traceId).id(root).name("get /orders").kind(Span.Kind.SERVER)
			.localEndpoint(ORDERS).timestamp(START).duration(60_000).putTag("http.method", "GET")
			.putTag("http.path", "/orders").build());
		for (int i = 0; i < 12; i++) {
			spans.add(Span.newBuilder().traceId(traceId).id(String.format("00000000000f01%02x", i)).parentId(root)
				.name("select").kind(Span.Kind.CLIENT).localEndpoint(ORDERS).remoteEndpoint(DB)
				.timestamp(START + 1_000 + i * 4_200L).duration(4_000)
				.putTag("db.statement", "select * from item where id = " + (100 + i)).build());
		}
		return spans;
	}

	/** A gateway's 504 while the report's query ran without error nearly the whole time. */
	public static List<Span> maskedTimeout(String traceId) {
		return List.of(
				Span.newBuilder().traceId(traceId).id("00000000000f1001").name("get /report").kind(Span.Kind.SERVER)
					.localEndpoint(GATEWAY).timestamp(START).duration(2_000_000).putTag("http.status_code", "504")
					.putTag("error", "HTTP 504").build(),
				Span.newBuilder().traceId(traceId).id("00000000000f1002").parentId("00000000000f1001").name("http get")
					.kind(Span.Kind.CLIENT).localEndpoint(GATEWAY).remoteEndpoint(REPORTS).timestamp(START + 10_000)
					.duration(1_990_000).build(),
				Span.newBuilder().traceId(traceId).id("00000000000f1003").parentId("00000000000f1002").name("get /report")
					.kind(Span.Kind.SERVER).localEndpoint(REPORTS).timestamp(START + 15_000).duration(1_985_000).build(),
				Span.newBuilder().traceId(traceId).id("00000000000f1004").parentId("00000000000f1003").name("select")
					.kind(Span.Kind.CLIENT).localEndpoint(REPORTS).remoteEndpoint(DB).timestamp(START + 20_000)
					.duration(1_979_000).putTag("db.statement", "select sum(total) from sales group by region").build());
	}

}
