package dev.tracer.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import zipkin2.codec.SpanBytesEncoder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tracer.TracingApplication;
import dev.tracer.intake.otlp.OtlpBatch;
import dev.tracer.intake.otlp.OtlpFormat;
import dev.tracer.intake.otlp.OtlpSpans;
import dev.tracer.store.InMemorySpanStore;
import dev.tracer.store.ZipkinProto3;

/**
 * The two protocol-buffer span intakes side by side, with the same spans in the same batches: OTLP
 * ({@code POST /v1/traces}, {@code application/x-protobuf}) and Zipkin's proto3
 * ({@code POST /api/v2/spans}). One op is one batch: spans/s = ops/s x {@code batch}.
 *
 * <pre>{@code
 * inProcess*   the body's bytes -> decode -> (OTLP: map to Zipkin's model) -> InMemorySpanStore.accept
 * http*        the same bytes POSTed to a running tracer on loopback (JDK HttpClient, one connection,
 *              one request at a time), answered 200 / 202 once stored
 * }</pre>
 *
 * The spans: a batch of {@code batch} spans of one service, traces of 10 spans each (a server span and
 * client children), 8 attributes per span as HTTP instrumentation writes them, one error in ten. The
 * Zipkin body holds exactly what the OTLP body maps to ({@link OtlpSpans} on the OTLP request, then
 * Zipkin's PROTO3 encoder), so both intakes store equal spans. The store holds 100,000 spans and evicts,
 * as in a long run. Settings: throughput, one fork with {@code -Xmx1g}, 3 warm-up and 5 measured
 * iterations of 2 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpanIntakeBenchmark {

	private static final long START_NANOS = 1_700_000_000_000_000_000L;

	private static final int SPANS_PER_TRACE = 10;

	@Param({ "100", "1000" })
	int batch;

	private byte[] otlp;

	private byte[] zipkin;

	private InMemorySpanStore store;

	@Setup(Level.Trial)
	public void prepare() {
		ExportTraceServiceRequest request = request(batch, new Random(42));
		OtlpBatch mapped = OtlpSpans.map(request);
		if (mapped.spans().size() != batch || !mapped.complete()) {
			throw new IllegalStateException("expected " + batch + " storable spans, got " + mapped);
		}
		otlp = request.toByteArray();
		zipkin = SpanBytesEncoder.PROTO3.encodeList(mapped.spans());
		store = new InMemorySpanStore(100_000);
	}

	/** A tracer on a free loopback port, started only for the {@code http*} benchmarks. */
	@State(Scope.Benchmark)
	public static class Server {

		private ConfigurableApplicationContext tracer;

		private HttpClient http;

		private HttpRequest otlpRequest;

		private HttpRequest zipkinRequest;

		@Setup(Level.Trial)
		public void start(SpanIntakeBenchmark bodies) throws Exception {
			tracer = new SpringApplicationBuilder(TracingApplication.class).profiles("backend")
				.run("--server.port=0", "--management.tracing.export.enabled=false", "--logging.level.root=warn",
						"--spring.main.banner-mode=off");
			int port = ((WebServerApplicationContext) tracer).getWebServer().getPort();
			http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			otlpRequest = post(port, "/v1/traces", bodies.otlp);
			zipkinRequest = post(port, "/api/v2/spans", bodies.zipkin);
			expect(200, otlpRequest);
			expect(202, zipkinRequest);
		}

		@TearDown(Level.Trial)
		public void stop() {
			tracer.close();
		}

		private void expect(int status, HttpRequest request) throws Exception {
			int answered = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (answered != status) {
				throw new IllegalStateException(request.uri() + " answered " + answered + ", not " + status);
			}
		}

		private static HttpRequest post(int port, String path, byte[] body) {
			return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/x-protobuf")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
		}

	}

	@Benchmark
	public InMemorySpanStore inProcessOtlpProtobuf() {
		store.accept(OtlpSpans.map(OtlpFormat.PROTOBUF.decode(otlp)).spans());
		return store;
	}

	@Benchmark
	public InMemorySpanStore inProcessZipkinProto3() {
		store.accept(ZipkinProto3.decode(zipkin));
		return store;
	}

	@Benchmark
	public int httpOtlpProtobuf(Server server) throws Exception {
		return server.http.send(server.otlpRequest, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Benchmark
	public int httpZipkinProto3(Server server) throws Exception {
		return server.http.send(server.zipkinRequest, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	static ExportTraceServiceRequest request(int spans, Random random) {
		ScopeSpans.Builder scope = ScopeSpans.newBuilder()
			.setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.tomcat-10.0").setVersion("2.10.0-alpha"));
		byte[] traceId = new byte[16];
		byte[] serverId = new byte[8];
		for (int i = 0; i < spans; i++) {
			boolean server = i % SPANS_PER_TRACE == 0;
			if (server) {
				random.nextBytes(traceId);
				random.nextBytes(serverId);
			}
			byte[] spanId = serverId.clone();
			if (!server) {
				random.nextBytes(spanId);
			}
			long start = START_NANOS + i * 1_000_000L;
			Span.Builder span = Span.newBuilder()
				.setTraceId(ByteString.copyFrom(traceId))
				.setSpanId(ByteString.copyFrom(spanId))
				.setParentSpanId(server ? ByteString.EMPTY : ByteString.copyFrom(serverId))
				.setName(server ? "GET /items/{id}" : "SELECT inventory.items")
				.setKind(server ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_CLIENT)
				.setStartTimeUnixNano(start)
				.setEndTimeUnixNano(start + 250_000 + random.nextInt(1_000_000))
				.setFlags(0x301)
				.addAttributes(text("http.request.method", "GET"))
				.addAttributes(text("url.path", "/items/" + i))
				.addAttributes(text("url.scheme", "http"))
				.addAttributes(text("http.route", "/items/{id}"))
				.addAttributes(integer("http.response.status_code", 200))
				.addAttributes(text("server.address", "inventory"))
				.addAttributes(integer("server.port", 8081))
				.addAttributes(text("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)"));
			if (i % 10 == 7) {
				span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("timeout"));
			}
			scope.addSpans(span);
		}
		Resource resource = Resource.newBuilder()
			.addAttributes(text("service.name", "inventory"))
			.addAttributes(text("telemetry.sdk.language", "java"))
			.addAttributes(text("telemetry.sdk.name", "opentelemetry"))
			.addAttributes(text("telemetry.sdk.version", "1.62.0"))
			.build();
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
			.build();
	}

	private static KeyValue text(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	private static KeyValue integer(String key, long value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
	}

}
