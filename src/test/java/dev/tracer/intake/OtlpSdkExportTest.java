package dev.tracer.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpJsonSpanExporters;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesEncoder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.TracingApplication;
import dev.tracer.testing.MapCarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The real OpenTelemetry Java SDK ({@code SdkTracerProvider}, {@code OtlpHttpSpanExporter}) exports a
 * two-service trace to a running tracer over real HTTP, and the trace API gives it back as one tree:
 *
 * <pre>
 * checkout:  GET /checkout (server)
 *              +-- GET (client)  --traceparent-->  inventory: GET /items/{id} (server, error)
 * </pre>
 *
 * Each service is its own SDK with its own resource, as two processes would be; the context crosses
 * between them through OpenTelemetry's W3C propagator, as it would over HTTP.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.tracing.export.enabled=false")
@ActiveProfiles("backend")
class OtlpSdkExportTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** How the SDK sends: OTLP's two encodings, and protobuf compressed. */
	enum Protocol {

		PROTOBUF, PROTOBUF_GZIP, JSON

	}

	@LocalServerPort
	private int port;

	/** What the exporters said of each batch, until the next {@link #assertFlushed}. */
	private final List<CompletableResultCode> verdicts = new CopyOnWriteArrayList<>();

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void sdkExport_twoServices_isOneTreeWithParentsServicesKindsTagsAndErrors(Protocol protocol) throws Exception {
		Map<String, String> headers = new HashMap<>();
		String traceId;
		String serverId;
		String clientId;
		String traceFlags;
		try (SdkTracerProvider checkout = provider("checkout", protocol)) {
			Tracer tracer = checkout.get("dev.tracer.test");
			Span server = tracer.spanBuilder("GET /checkout")
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("http.request.method", "GET")
				.setAttribute("url.path", "/checkout")
				.setAttribute("http.route", "/checkout")
				.setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
				.startSpan();
			try (Scope serverScope = server.makeCurrent()) {
				Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT)
					.setAttribute("http.request.method", "GET")
					.setAttribute("url.full", "http://inventory:8081/items/42")
					.setAttribute("server.address", "inventory")
					.setAttribute(AttributeKey.longKey("server.port"), 8081L)
					.startSpan();
				try (Scope clientScope = client.makeCurrent()) {
					W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
				}
				finally {
					client.end();
				}
				clientId = client.getSpanContext().getSpanId();
			}
			finally {
				server.end();
			}
			traceId = server.getSpanContext().getTraceId();
			serverId = server.getSpanContext().getSpanId();
			traceFlags = server.getSpanContext().getTraceFlags().asHex();
			assertFlushed(checkout);
		}
		String backendId;
		try (SdkTracerProvider inventory = provider("inventory", protocol)) {
			Context remote = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MapCarrier.GETTER);
			Span backend = inventory.get("dev.tracer.test")
				.spanBuilder("GET /items/{id}")
				.setParent(remote)
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("http.route", "/items/{id}")
				.setAttribute("cache.hit", false)
				.setAttribute("stock.ratio", 0.25)
				.setAttribute(AttributeKey.stringArrayKey("warehouses"), List.of("north", "south"))
				.startSpan();
			backend.addEvent("exception", Attributes.of(AttributeKey.stringKey("exception.type"), "OutOfStock"));
			backend.setStatus(StatusCode.ERROR, "out of stock");
			backend.end();
			backendId = backend.getSpanContext().getSpanId();
			assertFlushed(inventory);
		}

		JsonNode trace = get("/api/traces/" + traceId);

		assertThat(trace.get("span_count").asInt()).isEqualTo(3);
		assertThat(trace.get("depth").asInt()).isEqualTo(3);
		assertThat(trace.get("orphans")).isEmpty();
		assertThat(trace.get("tree")).hasSize(1);
		JsonNode root = trace.get("tree").get(0);
		JsonNode client = root.get("children").get(0);
		JsonNode backend = client.get("children").get(0);
		assertThat(List.of(root, client, backend))
			.extracting((span) -> span.get("span_id").asString(), (span) -> span.path("parent_span_id").asString("none"),
					(span) -> span.get("service").asString(), (span) -> span.get("kind").asString(),
					(span) -> span.get("error").asBoolean())
			.containsExactly(tuple(serverId, "none", "checkout", "server", false),
					tuple(clientId, serverId, "checkout", "client", false),
					tuple(backendId, clientId, "inventory", "server", true));
		assertThat(tags(root)).containsEntry("http.method", "GET")
			.containsEntry("http.path", "/checkout")
			.containsEntry("http.status_code", "200")
			.containsEntry("w3c.traceflags", traceFlags);
		assertThat(tags(client)).containsEntry("http.path", "/items/42");
		assertThat(tags(backend)).containsEntry("error", "out of stock")
			.containsEntry("cache.hit", "false")
			.containsEntry("stock.ratio", "0.25")
			.containsEntry("warehouses", "[\"north\",\"south\"]")
			.containsEntry("otel.parent.remote", "true");

		JsonNode zipkin = get("/api/v2/trace/" + traceId);
		JsonNode backendSpan = null;
		for (JsonNode span : zipkin) {
			if (span.get("id").asString().equals(backendId)) {
				backendSpan = span;
			}
		}
		assertThat(backendSpan).isNotNull();
		assertThat(backendSpan.get("annotations").get(0).get("value").asString())
			.isEqualTo("\"exception\": {\"exception.type\":\"OutOfStock\"}");
	}

	/** The frontend in OTLP (from the SDK), the backend in Zipkin's format (as Brave reports it). */
	@Test
	void halfOtlpHalfZipkin_sameTraceId_isOneTree() throws Exception {
		String traceId;
		String clientId;
		try (SdkTracerProvider checkout = provider("checkout", Protocol.PROTOBUF)) {
			Tracer tracer = checkout.get("dev.tracer.test");
			Span server = tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER).startSpan();
			try (Scope scope = server.makeCurrent()) {
				Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan();
				client.end();
				clientId = client.getSpanContext().getSpanId();
			}
			finally {
				server.end();
			}
			traceId = server.getSpanContext().getTraceId();
			assertFlushed(checkout);
		}
		zipkin2.Span backend = zipkin2.Span.newBuilder()
			.traceId(traceId)
			.parentId(clientId)
			.id("53995c3f42cd8ad8")
			.name("get /items/{id}")
			.kind(zipkin2.Span.Kind.SERVER)
			.localEndpoint(Endpoint.newBuilder().serviceName("inventory").build())
			.timestamp(System.currentTimeMillis() * 1000)
			.duration(1_000L)
			.build();
		HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(uri("/api/v2/spans"))
			.header("Content-Type", "application/x-protobuf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(SpanBytesEncoder.PROTO3.encodeList(List.of(backend))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).isEqualTo(202);

		JsonNode trace = get("/api/traces/" + traceId);

		assertThat(trace.get("span_count").asInt()).isEqualTo(3);
		assertThat(trace.get("depth").asInt()).isEqualTo(3);
		assertThat(trace.get("tree")).hasSize(1);
		assertThat(trace.get("orphans")).isEmpty();
		JsonNode leaf = trace.get("tree").get(0).get("children").get(0).get("children").get(0);
		assertThat(leaf.get("service").asString()).isEqualTo("inventory");
		assertThat(leaf.get("parent_span_id").asString()).isEqualTo(clientId);
	}

	private SdkTracerProvider provider(String service, Protocol protocol) {
		String endpoint = "http://localhost:" + port + "/v1/traces";
		SpanExporter exporter = switch (protocol) {
			case PROTOBUF -> OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
			case PROTOBUF_GZIP -> OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setCompression("gzip").build();
			case JSON -> OtlpJsonSpanExporters.jsonBuilder(endpoint).build();
		};
		return SdkTracerProvider.builder()
			.setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
			.addSpanProcessor(BatchSpanProcessor.builder(new VerdictRecorder(exporter)).build())
			.build();
	}

	/**
	 * The exporter's own verdict on every batch: a batch processor's flush succeeds whether or not its
	 * exports did, so the test asks the exporter, which fails an export on any answer but 2xx.
	 */
	private void assertFlushed(SdkTracerProvider provider) {
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		assertThat(verdicts).as("exports").isNotEmpty();
		for (CompletableResultCode verdict : verdicts) {
			assertThat(verdict.join(10, TimeUnit.SECONDS).isSuccess()).as("the SDK's export succeeded").isTrue();
		}
		verdicts.clear();
	}

	private final class VerdictRecorder implements SpanExporter {

		private final SpanExporter delegate;

		VerdictRecorder(SpanExporter delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			CompletableResultCode verdict = delegate.export(spans);
			verdicts.add(verdict);
			return verdict;
		}

		@Override
		public CompletableResultCode flush() {
			return delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return delegate.shutdown();
		}

	}

	/** A span's tags in a trace document, a JSON object of strings. */
	private static Map<String, String> tags(JsonNode span) {
		Map<String, String> tags = new HashMap<>();
		span.get("tags").properties().forEach((tag) -> tags.put(tag.getKey(), tag.getValue().asString()));
		return tags;
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
