package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import brave.Span;
import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.http.HttpClientHandler;
import brave.http.HttpClientRequest;
import brave.http.HttpClientResponse;
import brave.http.HttpServerHandler;
import brave.http.HttpServerRequest;
import brave.http.HttpServerResponse;
import brave.http.HttpTracing;
import brave.propagation.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import dev.tracer.testing.MapCarrier;

/**
 * Traces recorded in this build by real tracing libraries, for the corpus: each run makes new ids and
 * times, so their expectations name services and counts, never ids.
 *
 * <pre>{@code
 * brave-checkout        Brave 6 with its HTTP handlers and B3 headers: shop -> inventory shares one span
 *                       id (B3 join); inventory queries mysql (as brave-instrumentation-mysql tags it) and
 *                       redis; shop posts to a payment API (Brave's HTTP client names no callee) and
 *                       publishes to kafka (a producer span)
 * brave-checkout-dropped  the same, the B3 headers lost on the way to inventory
 * otel-orders           the OpenTelemetry SDK with its W3C propagator: orders -> stock (child span), a
 *                       postgresql query, a call to api.stripe.com, a DynamoDB call (aws-api), a kafka
 *                       producer; attributes as the semantic conventions name them
 * otel-orders-dropped   the same, the traceparent lost on the way to stock
 * }</pre>
 */
final class RecordedTraces {

	private RecordedTraces() {
	}

	/** The recordings by corpus name. */
	static Map<String, Supplier<List<HopSpan>>> all() {
		return Map.of("recorded/brave-checkout", () -> braveCheckout(false), "recorded/brave-checkout-dropped",
				() -> braveCheckout(true), "recorded/otel-orders", () -> otelOrders(false), "recorded/otel-orders-dropped",
				() -> otelOrders(true));
	}

	static List<HopSpan> braveCheckout(boolean headersDropped) {
		List<HopSpan> spans = new ArrayList<>();
		SpanHandler collect = new SpanHandler() {
			@Override
			public boolean end(TraceContext context, MutableSpan span, Cause cause) {
				spans.add(fromBrave(span));
				return true;
			}
		};
		try (Tracing shop = Tracing.newBuilder().localServiceName("shop").addSpanHandler(collect).build();
				Tracing inventory = Tracing.newBuilder().localServiceName("inventory").addSpanHandler(collect).build()) {
			HttpServerHandler<HttpServerRequest, HttpServerResponse> shopServer = HttpServerHandler.create(HttpTracing.create(shop));
			HttpClientHandler<HttpClientRequest, HttpClientResponse> shopClient = HttpClientHandler.create(HttpTracing.create(shop));
			HttpServerHandler<HttpServerRequest, HttpServerResponse> inventoryServer = HttpServerHandler
				.create(HttpTracing.create(inventory));

			Span checkout = shopServer.handleReceive(serverRequest("POST", "/checkout", Map.of()));
			try (var inShop = shop.currentTraceContext().newScope(checkout.context())) {
				Map<String, String> sent = new HashMap<>();
				HttpClientRequest reserve = clientRequest("PUT", "http://inventory:8080/stock/42", sent);
				Span call = shopClient.handleSend(reserve);
				Map<String, String> received = headersDropped ? Map.of() : sent;
				// another process: shop's context, current on this thread, must not reach inventory but by headers
				try (var otherProcess = inventory.currentTraceContext().newScope(null)) {
					Span served = inventoryServer.handleReceive(serverRequest("PUT", "/stock/42", received));
					try (var inInventory = inventory.currentTraceContext().newScope(served.context())) {
						inventory.tracer().nextSpan().kind(Span.Kind.CLIENT).name("query").remoteServiceName("mysql")
							.tag("sql.query", "UPDATE stock SET reserved = reserved + 1 WHERE item = ?").start().finish();
						inventory.tracer().nextSpan().kind(Span.Kind.CLIENT).name("get").remoteServiceName("redis")
							.tag("redis.command", "GET").start().finish();
					}
					inventoryServer.handleSend(serverResponse(200), served);
				}
				shopClient.handleReceive(clientResponse(reserve, 200), call);

				HttpClientRequest charge = clientRequest("POST", "https://api.payments.example/v1/charges", new HashMap<>());
				Span pay = shopClient.handleSend(charge);
				shopClient.handleReceive(clientResponse(charge, 201), pay);

				shop.tracer().nextSpan().kind(Span.Kind.PRODUCER).name("send").remoteServiceName("kafka")
					.tag("kafka.topic", "orders").start().finish();
			}
			shopServer.handleSend(serverResponse(201), checkout);
		}
		return spans;
	}

	static List<HopSpan> otelOrders(boolean headerDropped) {
		List<HopSpan> spans = new ArrayList<>();
		SpanExporter collect = new SpanExporter() {
			@Override
			public CompletableResultCode export(java.util.Collection<SpanData> batch) {
				batch.forEach(span -> spans.add(fromOpenTelemetry(span)));
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode flush() {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode shutdown() {
				return CompletableResultCode.ofSuccess();
			}
		};
		try (SdkTracerProvider orders = provider("orders", collect); SdkTracerProvider stock = provider("stock", collect)) {
			Tracer ordersTracer = orders.get("recorded-traces");
			Tracer stockTracer = stock.get("recorded-traces");
			io.opentelemetry.api.trace.Span request = ordersTracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
				.setAllAttributes(Attributes.builder().put("http.request.method", "GET").put("url.path", "/orders/7")
					.put("http.route", "/orders/{id}").put("server.address", "orders").build())
				.startSpan();
			try (Scope inOrders = request.makeCurrent()) {
				client(ordersTracer, "SELECT orders", Attributes.builder().put("db.system", "postgresql")
					.put("db.query.text", "SELECT * FROM orders WHERE id = ?").put("server.address", "orders-db").build());

				io.opentelemetry.api.trace.Span call = ordersTracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT)
					.setAllAttributes(Attributes.builder().put("http.request.method", "GET")
						.put("url.full", "http://stock:8080/stock/7").put("server.address", "stock").build())
					.startSpan();
				Map<String, String> headers = new HashMap<>();
				try (Scope inCall = call.makeCurrent()) {
					W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
				}
				Map<String, String> received = headerDropped ? Map.of() : headers;
				Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), received, MapCarrier.GETTER);
				io.opentelemetry.api.trace.Span served = stockTracer.spanBuilder("GET /stock/{id}").setParent(extracted)
					.setSpanKind(SpanKind.SERVER)
					.setAllAttributes(Attributes.builder().put("http.request.method", "GET").put("url.path", "/stock/7")
						.put("http.route", "/stock/{id}").put("server.address", "stock").build())
					.startSpan();
				served.end();
				call.end();

				client(ordersTracer, "POST", Attributes.builder().put("http.request.method", "POST")
					.put("url.full", "https://api.stripe.com/v1/charges").put("server.address", "api.stripe.com").build());
				client(ordersTracer, "DynamoDB.GetItem", Attributes.builder().put("rpc.system", "aws-api")
					.put("rpc.service", "DynamoDB").put("rpc.method", "GetItem").build());
				ordersTracer.spanBuilder("orders publish").setSpanKind(SpanKind.PRODUCER)
					.setAttribute(AttributeKey.stringKey("messaging.system"), "kafka").startSpan().end();
			}
			request.end();
		}
		return spans;
	}

	private static SdkTracerProvider provider(String service, SpanExporter exporter) {
		return SdkTracerProvider.builder()
			.setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build();
	}

	private static void client(Tracer tracer, String name, Attributes attributes) {
		tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).setAllAttributes(attributes).startSpan().end();
	}

	private static CorpusSpan fromBrave(MutableSpan span) {
		HopSpan.Kind kind = (span.kind() == Span.Kind.CLIENT) ? HopSpan.Kind.CLIENT
				: (span.kind() == Span.Kind.SERVER) ? HopSpan.Kind.SERVER : HopSpan.Kind.OTHER;
		return new CorpusSpan(span.traceId(), span.id(), span.parentId(), kind, span.localServiceName(),
				span.remoteServiceName(), span.startTimestamp(), span.finishTimestamp() - span.startTimestamp(), span.tags());
	}

	private static CorpusSpan fromOpenTelemetry(SpanData span) {
		HopSpan.Kind kind = (span.getKind() == SpanKind.CLIENT) ? HopSpan.Kind.CLIENT
				: (span.getKind() == SpanKind.SERVER) ? HopSpan.Kind.SERVER : HopSpan.Kind.OTHER;
		Map<String, String> tags = new HashMap<>();
		span.getAttributes().forEach((key, value) -> tags.put(key.getKey(), String.valueOf(value)));
		String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : null;
		long start = span.getStartEpochNanos() / 1000;
		return new CorpusSpan(span.getTraceId(), span.getSpanId(), parent, kind,
				span.getResource().getAttribute(AttributeKey.stringKey("service.name")), null, start,
				span.getEndEpochNanos() / 1000 - start, tags);
	}

	/** A request Brave's client handler writes its B3 headers into, in {@code headers}. */
	private static HttpClientRequest clientRequest(String method, String url, Map<String, String> headers) {
		return new HttpClientRequest() {

			@Override
			public Object unwrap() {
				return this;
			}

			@Override
			public String method() {
				return method;
			}

			@Override
			public String path() {
				int slash = url.indexOf('/', url.indexOf("://") + 3);
				return url.substring(slash);
			}

			@Override
			public String url() {
				return url;
			}

			@Override
			public String header(String name) {
				return headers.get(name);
			}

			@Override
			public void header(String name, String value) {
				headers.put(name, value);
			}

		};
	}

	private static HttpClientResponse clientResponse(HttpClientRequest request, int status) {
		return new HttpClientResponse() {

			@Override
			public HttpClientRequest request() {
				return request;
			}

			@Override
			public Object unwrap() {
				return this;
			}

			@Override
			public int statusCode() {
				return status;
			}

		};
	}

	/** A request to inventory as its server handler reads it, with the headers that arrived. */
	private static HttpServerRequest serverRequest(String method, String path, Map<String, String> headers) {
		return new HttpServerRequest() {

			@Override
			public Object unwrap() {
				return this;
			}

			@Override
			public String method() {
				return method;
			}

			@Override
			public String path() {
				return path;
			}

			@Override
			public String url() {
				return "http://inventory:8080" + path;
			}

			@Override
			public String header(String name) {
				return headers.get(name);
			}

		};
	}

	private static HttpServerResponse serverResponse(int status) {
		return new HttpServerResponse() {

			@Override
			public Object unwrap() {
				return this;
			}

			@Override
			public int statusCode() {
				return status;
			}

		};
	}

}
