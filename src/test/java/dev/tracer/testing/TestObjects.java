package dev.tracer.testing;

import java.util.List;

import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Fixed spans for the store's tests and the controllers' that read or write spans: no clock and no
 * randomness, so a failure repeats exactly.
 */
public final class TestObjects {

	/** 2023-11-14T22:13:20Z in epoch microseconds. */
	public static final long TODAY = 1_700_000_000_000_000L;

	public static final Endpoint FRONTEND = Endpoint.newBuilder().serviceName("frontend").ip("127.0.0.1").build();

	public static final Endpoint BACKEND = Endpoint.newBuilder()
		.serviceName("backend")
		.ip("192.168.99.101")
		.port(9000)
		.build();

	public static final Endpoint DB = Endpoint.newBuilder().serviceName("db").ip("2001:db8::c001").port(3036).build();

	public static final String TRACE_ID = W3CSamples.TRACE_ID;

	public static final Span SERVER_SPAN = Span.newBuilder()
		.traceId(TRACE_ID)
		.id(W3CSamples.PARENT_ID)
		.name("get /hello")
		.kind(Span.Kind.SERVER)
		.localEndpoint(FRONTEND)
		.timestamp(TODAY)
		.duration(350_000L)
		.putTag("http.method", "GET")
		.build();

	public static final Span CLIENT_SPAN = Span.newBuilder()
		.traceId(TRACE_ID)
		.parentId(SERVER_SPAN.id())
		.id("b7ad6b7169203331")
		.name("get /api")
		.kind(Span.Kind.CLIENT)
		.localEndpoint(FRONTEND)
		.remoteEndpoint(BACKEND)
		.timestamp(TODAY + 50_000L)
		.duration(200_000L)
		.putTag("http.method", "GET")
		.putTag("http.path", "/api")
		.build();

	public static final Span BACKEND_SPAN = Span.newBuilder()
		.traceId(TRACE_ID)
		.parentId(CLIENT_SPAN.id())
		.id("53995c3f42cd8ad8")
		.name("get /api")
		.kind(Span.Kind.SERVER)
		.localEndpoint(BACKEND)
		.timestamp(TODAY + 100_000L)
		.duration(150_000L)
		.build();

	public static final Span DB_SPAN = Span.newBuilder()
		.traceId(TRACE_ID)
		.parentId(BACKEND_SPAN.id())
		.id("e457b5a2e4d86bd1")
		.name("query")
		.kind(Span.Kind.CLIENT)
		.localEndpoint(BACKEND)
		.remoteEndpoint(DB)
		.timestamp(TODAY + 150_000L)
		.duration(50_000L)
		.putTag("error", "timeout")
		.build();

	/**
	 * A call from the frontend to the backend, which queries the database and fails:
	 *
	 * <pre>{@code
	 * frontend  get /hello  server  0 ms .. 350 ms
	 * +-- frontend  get /api  client  50 .. 250
	 *     +-- backend  get /api  server  100 .. 250
	 *         +-- backend  query  client  150 .. 200  error
	 * }</pre>
	 */
	public static final List<Span> TRACE = List.of(SERVER_SPAN, CLIENT_SPAN, BACKEND_SPAN, DB_SPAN);

	private TestObjects() {
	}

	/**
	 * One call from the frontend to the backend that fails there, under a trace id of the test's own
	 * (a controller test shares its context's store with the other tests of its class). The first three
	 * spans of {@link #TRACE}, with other tags:
	 *
	 * <pre>{@code
	 * frontend  get /hello  server  0 ms .. 350 ms   http.method=GET
	 * +-- frontend  get /api  client  50 .. 250        no tags
	 *     +-- backend  get /api  server  100 .. 250    http.path=/api error=timeout, shared
	 * }</pre>
	 */
	public static List<Span> call(String traceId) {
		return List.of(SERVER_SPAN.toBuilder().traceId(traceId).build(),
				CLIENT_SPAN.toBuilder().traceId(traceId).clearTags().build(),
				BACKEND_SPAN.toBuilder()
					.traceId(traceId)
					.shared(true)
					.putTag("http.path", "/api")
					.putTag("error", "timeout")
					.build());
	}

	/** The n-th of a family of fixed 32-hex trace ids: a constant high half and n as the low half. */
	public static String traceId(long n) {
		return String.format("4bf92f3577b34da6%016x", n);
	}

	/** A fixed 16-hex span id. */
	public static String spanId(long n) {
		return String.format("%016x", n + 1);
	}

	/** A bare span: ids and a start, nothing else. Start 0 leaves the timestamp out. */
	public static Span span(String traceId, long id, Long parent, long timestamp) {
		Span.Builder builder = Span.newBuilder().traceId(traceId).id(spanId(id));
		if (parent != null) {
			builder.parentId(spanId(parent));
		}
		if (timestamp != 0) {
			builder.timestamp(timestamp);
		}
		return builder.build();
	}

}
