package dev.tracer.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The client of {@code src/test/bench/zipkin-intake.sh}: posts spans to a {@code POST /api/v2/spans}
 * (tracer's or a Zipkin server's) and prints one line of figures. Every body is encoded before the clock
 * starts, by Zipkin's own encoder, so the client spends its time sending; every span is distinct
 * (trace and span ids from a counter), so neither server is handed duplicates to merge.
 *
 * <pre>
 * java -cp ... dev.tracer.bench.ZipkinIntake URL proto3|json BATCH TOTAL SENDERS ID_OFFSET
 * -> spans/s, p50 and p99 batch latency (ms), batches refused
 * </pre>
 *
 * Each trace is 10 spans: a server span, then children with a name, kind, two endpoints, a duration
 * and two tags, as an instrumented HTTP service reports them.
 */
public final class ZipkinIntake {

	private static final Endpoint FRONTEND = Endpoint.newBuilder().serviceName("frontend").ip("10.0.0.1").build();

	private static final Endpoint BACKEND = Endpoint.newBuilder().serviceName("backend").ip("10.0.0.2").port(8081).build();

	private ZipkinIntake() {
	}

	public static void main(String[] args) throws Exception {
		URI url = URI.create(args[0]);
		boolean proto3 = args[1].equals("proto3");
		int batch = Integer.parseInt(args[2]);
		int total = Integer.parseInt(args[3]);
		int senders = Integer.parseInt(args[4]);
		long idOffset = Long.parseLong(args[5]);

		int batches = total / batch;
		byte[][] bodies = new byte[batches][];
		long now = System.currentTimeMillis() * 1000;
		for (int b = 0; b < batches; b++) {
			List<Span> spans = new ArrayList<>(batch);
			for (int i = 0; i < batch; i++) {
				spans.add(span(idOffset + (long) b * batch + i, now));
			}
			bodies[b] = (proto3 ? SpanBytesEncoder.PROTO3 : SpanBytesEncoder.JSON_V2).encodeList(spans);
		}
		String contentType = proto3 ? "application/x-protobuf" : "application/json";

		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();
		long[] latencies = new long[batches];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		long start = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			running.add(pool.submit(() -> {
				for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
					HttpRequest request = HttpRequest.newBuilder(url)
						.header("Content-Type", contentType)
						.timeout(Duration.ofSeconds(60))
						.POST(HttpRequest.BodyPublishers.ofByteArray(bodies[b]))
						.build();
					long sent = System.nanoTime();
					HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
					latencies[b] = System.nanoTime() - sent;
					if (response.statusCode() != 202) {
						refused.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
		long elapsed = System.nanoTime() - start;
		pool.shutdown();

		Arrays.sort(latencies);
		System.out.printf(Locale.ROOT, "%,.0f spans/s  p50 %.1f ms  p99 %.1f ms  batches %d  refused %d%n",
				batches * (double) batch / (elapsed / 1e9), latencies[batches / 2] / 1e6,
				latencies[Math.min(batches - 1, (int) Math.ceil(batches * 0.99) - 1)] / 1e6, batches, refused.get());
	}

	/** The n-th span: trace n / 10, the first of each ten its root and the others its children. */
	private static Span span(long n, long nowMicros) {
		long trace = n / 10;
		boolean root = n % 10 == 0;
		Span.Builder span = Span.newBuilder()
			.traceId(0x4bf92f3577b34da6L, trace + 1)
			.id(n + 1)
			.name(root ? "get /api/data" : "select orders")
			.kind(root ? Span.Kind.SERVER : Span.Kind.CLIENT)
			.localEndpoint(root ? FRONTEND : BACKEND)
			.timestamp(nowMicros + (n % 10) * 100)
			.duration(root ? 5_000L : 400L)
			.putTag("http.method", "GET")
			.putTag("http.path", "/api/data");
		if (!root) {
			span.parentId(trace * 10 + 1).remoteEndpoint(FRONTEND);
		}
		return span.build();
	}

}
