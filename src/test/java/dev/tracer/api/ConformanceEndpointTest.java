package dev.tracer.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.TracingApplication;
import dev.tracer.testing.W3CSamples;

import static dev.tracer.testing.TestObjects.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /test}, the W3C test harness's entry point, over real HTTP: the callbacks reach a local
 * receiver with this hop's context, and a callback to a host that is not allowed sends nothing.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tracer.conformance.enabled=true", "management.tracing.export.enabled=false" })
@ActiveProfiles("backend")
class ConformanceEndpointTest {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final String CALLER_SPAN_ID = W3CSamples.PARENT_ID;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Receiver receiver = Receiver.start();

	@LocalServerPort
	private int port;

	@BeforeEach
	void clear() {
		receiver.requests.clear();
	}

	@AfterAll
	static void stop() {
		receiver.server.stop(0);
	}

	@Test
	void test_callsEachUrlInOrder_withThisHopsContextAndANewParentIdPerCall() throws Exception {
		HttpResponse<String> response = post("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-03", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
				List.of(Map.of("url", receiver.url("/one"), "arguments", List.of(1, "a")),
						Map.of("url", receiver.url("/two"), "arguments", List.of())));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(receiver.requests).extracting(Received::path).containsExactly("/one", "/two");
		assertThat(receiver.requests.get(0).body()).isEqualTo("[1,\"a\"]");
		List<String> parents = new ArrayList<>();
		for (Received callback : receiver.requests) {
			assertThat(callback.traceparents()).hasSize(1);
			String[] fields = callback.traceparents().get(0).split("-");
			assertThat(fields[0]).isEqualTo("00");
			assertThat(fields[1]).isEqualTo(TRACE_ID);
			assertThat(fields[3]).as("sampled and random kept").isEqualTo("03");
			parents.add(fields[2]);
			assertThat(callback.tracestates()).containsExactly("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
		}
		assertThat(parents).doesNotHaveDuplicates().doesNotContain(CALLER_SPAN_ID);
		String traceresponse = response.headers().firstValue("traceresponse").orElseThrow();
		assertThat(traceresponse).startsWith("00-" + TRACE_ID + "-").endsWith("-03");
	}

	@Test
	void test_unknownFlagBitsAreCleared_andAFutureVersionIsSentAsVersion00() throws Exception {
		post("cc-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-fd-what-the-future-will-be-like", null,
				List.of(Map.of("url", receiver.url("/one"), "arguments", List.of())));

		String sent = receiver.requests.get(0).traceparents().get(0);
		assertThat(sent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
	}

	@Test
	void test_invalidTraceparent_startsANewTrace_withoutTracestate() throws Exception {
		post("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01-extra", "congo=t61rcWkgMzE",
				List.of(Map.of("url", receiver.url("/one"), "arguments", List.of())));

		Received callback = receiver.requests.get(0);
		assertThat(callback.traceparents().get(0)).doesNotContain(TRACE_ID).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-03");
		assertThat(callback.tracestates()).isEmpty();
	}

	@Test
	void test_invalidTracestate_isDropped_traceparentKept() throws Exception {
		post("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01", "congo=1,Rojo=2",
				List.of(Map.of("url", receiver.url("/one"), "arguments", List.of())));

		Received callback = receiver.requests.get(0);
		assertThat(callback.traceparents().get(0)).startsWith("00-" + TRACE_ID + "-");
		assertThat(callback.tracestates()).isEmpty();
	}

	@Test
	void test_repeatedTracestateKey_isPassedOnAsReceived() throws Exception {
		post("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01", "congo=1,congo=2",
				List.of(Map.of("url", receiver.url("/one"), "arguments", List.of())));

		assertThat(receiver.requests.get(0).tracestates()).containsExactly("congo=1,congo=2");
	}

	@Test
	void test_hostNotAllowed_is403_andNothingIsSent() throws Exception {
		HttpResponse<String> response = post("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01", null,
				List.of(Map.of("url", receiver.url("/one"), "arguments", List.of()),
						Map.of("url", "http://192.0.2.1:9/steal", "arguments", List.of())));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("detail").asString())
			.isEqualTo("[1].url: host '192.0.2.1' is not in tracer.conformance.allowed-hosts [127.0.0.1, localhost, ::1]; nothing was sent");
		assertThat(receiver.requests).isEmpty();
	}

	@Test
	void test_tooManyCallbacks_is400() throws Exception {
		List<Map<String, Object>> callbacks = new ArrayList<>();
		for (int i = 0; i < 17; i++) {
			callbacks.add(Map.of("url", receiver.url("/" + i), "arguments", List.of()));
		}
		HttpResponse<String> response = post(null, null, callbacks);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("detail").asString())
			.isEqualTo("at most 16 callbacks per request, found 17 (tracer.conformance.max-callbacks)");
		assertThat(receiver.requests).isEmpty();
	}

	@Test
	void test_notHttp_is400() throws Exception {
		HttpResponse<String> response = post(null, null, List.of(Map.of("url", "file:///etc/passwd", "arguments", List.of())));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("[0].url: expected an http or https URL");
	}

	private HttpResponse<String> post(String traceparent, String tracestate, List<? extends Map<String, ?>> body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/test"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		if (tracestate != null) {
			request.header("tracestate", tracestate);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	record Received(String path, List<String> traceparents, List<String> tracestates, String body) {
	}

	/** A callback server on loopback that records what it is sent. */
	static final class Receiver {

		final HttpServer server;

		final List<Received> requests = java.util.Collections.synchronizedList(new ArrayList<>());

		private Receiver(HttpServer server) {
			this.server = server;
		}

		static Receiver start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				Receiver receiver = new Receiver(server);
				server.createContext("/", (exchange) -> {
					String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
					List<String> traceparents = exchange.getRequestHeaders().getOrDefault("traceparent", List.of());
					List<String> tracestates = exchange.getRequestHeaders().getOrDefault("tracestate", List.of());
					receiver.requests.add(new Received(exchange.getRequestURI().getPath(), traceparents, tracestates, body));
					exchange.sendResponseHeaders(200, -1);
					exchange.close();
				});
				server.start();
				return receiver;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String url(String path) {
			return "http://127.0.0.1:" + server.getAddress().getPort() + path;
		}

	}

}
