package dev.tracer.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tracer.TracingApplication;

import static dev.tracer.demo.FrontendProbe.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service whose span store is a Zipkin server that is down ({@code tracer.store.type: zipkin}), and
 * whose reporter sends to that server too: the trace API and the intake answer 502 naming Zipkin, the
 * service goes on serving, and the spans its reporter cannot deliver are dropped and counted.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tracer.store.type=zipkin", "tracer.store.zipkin.connect-timeout=500ms",
				"tracer.store.zipkin.read-timeout=500ms", "tracer.reporting.message-timeout=50ms" })
@ActiveProfiles("backend")
class ZipkinStoreDownTest {

	private static final RefusingPort zipkin = RefusingPort.hold();

	private static final String ZIPKIN = "http://127.0.0.1:" + zipkin.port();

	private static final String TRACE_ID = "7bf92f3577b34da6a3ce929d0e0e4736";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> 0);
		registry.add("tracer.store.zipkin.base-url", () -> ZIPKIN);
		registry.add("management.tracing.export.zipkin.endpoint", () -> ZIPKIN + "/api/v2/spans");
	}

	@AfterAll
	static void release() throws IOException {
		zipkin.close();
	}

	@Test
	void trace_zipkinDown_is502NamingZipkin() throws Exception {
		assertProblem(get("/api/traces/" + TRACE_ID), 502, "Zipkin at " + ZIPKIN + " is unreachable");
	}

	@Test
	void traces_zipkinDown_is502NamingZipkin() throws Exception {
		assertProblem(get("/api/traces"), 502, "Zipkin at " + ZIPKIN + " is unreachable");
	}

	@Test
	void intake_zipkinDown_is502NamingZipkin() throws Exception {
		String span = "[{\"traceId\":\"" + TRACE_ID + "\",\"id\":\"00f067aa0ba902b7\",\"name\":\"get\"}]";
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v2/spans"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(span))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertProblem(response, 502, "Zipkin at " + ZIPKIN + " is unreachable");
	}

	/** The hop is served; its span cannot be delivered, and the reporter counts it as dropped. */
	@Test
	void data_zipkinDown_stillServed_andDroppedSpansCounted() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/data"))
			.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).at("/span/trace_id").asString()).isEqualTo(TRACE_ID);
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
			.until(() -> droppedSpans() >= 1);
	}

	private double droppedSpans() throws Exception {
		HttpResponse<String> response = get("/actuator/metrics/zipkin.reporter.spans.dropped");
		if (response.statusCode() != 200) {
			return 0;
		}
		return JSON.readTree(response.body()).at("/measurements/0/value").asDouble();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
