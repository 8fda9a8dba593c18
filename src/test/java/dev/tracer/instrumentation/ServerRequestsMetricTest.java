package dev.tracer.instrumentation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import brave.handler.MutableSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tracer.TracingApplication;
import dev.tracer.testing.FinishedSpans;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot's {@code http.server.requests} with Boot's own tags, beside the one server span per hop that
 * {@link TraceContextFilter} makes: the backend over real HTTP, its spans caught by {@link FinishedSpans}.
 * Zipkin export is off ({@code management.tracing.export.zipkin.enabled=false}, what {@code http-load.sh}
 * runs as "tracer, reports discarded"): Brave still makes and finishes every span, it sends none.
 */
class ServerRequestsMetricTest {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext backend;

	private static FinishedSpans finished;

	private static String base;

	@BeforeAll
	static void startBackend() {
		backend = new SpringApplicationBuilder(TracingApplication.class, FinishedSpans.class).profiles("backend")
			.run("--server.port=0", "--management.tracing.export.zipkin.enabled=false");
		base = "http://localhost:" + ((WebServerApplicationContext) backend).getWebServer().getPort();
		finished = backend.getBean(FinishedSpans.class);
	}

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@BeforeEach
	void clearSpans() {
		finished.clear();
	}

	@Test
	void data_timedWithBootsTags_andTracedByOneServerSpan() throws Exception {
		HttpResponse<String> response = get("/api/data", "traceparent", TRACEPARENT);

		assertThat(response.statusCode()).isEqualTo(200);
		List<MutableSpan> spans = spansOfTrace(TRACE_ID, 6);
		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.name()).isEqualTo("GET /api/data");
		assertThat(server.tags()).containsEntry("w3c.traceparent.valid", "true");
		assertThat(spans).extracting(MutableSpan::name).containsExactlyInAnyOrder("GET /api/data", "prepare-data", "connection", "query",
				"result-set", "http get");

		JsonNode metric = metric("uri:/api/data", "method:GET", "status:200", "outcome:SUCCESS", "exception:none");
		assertThat(count(metric)).isGreaterThanOrEqualTo(1);
		assertThat(tagKeys(metric("uri:/api/data"))).contains("method", "status", "outcome", "exception");
	}

	@Test
	void unmatchedPath_spanNamedByMethodAlone_notFoundAsBefore() throws Exception {
		HttpResponse<String> response = get("/no/such/thing/123");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("instance").asString()).isEqualTo("/no/such/thing/123");
		await().atMost(Duration.ofSeconds(5)).until(() -> !finished.spans().isEmpty());
		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.name()).isEqualTo("GET");
		assertThat(server.tags()).containsEntry("http.path", "/no/such/thing/123").containsEntry("http.status_code", "404");

		// Boot's own tag: the static resources' catch-all pattern, one value for every path that found nothing
		JsonNode metric = metric("uri:/**", "method:GET", "status:404", "outcome:CLIENT_ERROR");
		assertThat(count(metric)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void untracedPath_timedAsBootWould_withoutASpan() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

		JsonNode metric = metric("uri:/actuator/health", "method:GET", "status:200", "outcome:SUCCESS");
		assertThat(count(metric)).isGreaterThanOrEqualTo(1);
		assertThat(finished.spans()).as("the actuator is not traced").isEmpty();
	}

	/** Waits for the spans of a trace: the filter ends its span after the response has gone out. */
	private static List<MutableSpan> spansOfTrace(String traceId, int expected) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> finished.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList(),
					(spans) -> spans.size() >= expected);
	}

	private static JsonNode metric(String... tags) throws Exception {
		StringBuilder path = new StringBuilder("/actuator/metrics/http.server.requests");
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? '?' : '&').append("tag=").append(tags[i]);
		}
		HttpResponse<String> response = get(path.toString());
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static double count(JsonNode metric) {
		for (JsonNode measurement : metric.get("measurements")) {
			if (measurement.get("statistic").asString().equals("COUNT")) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("no COUNT in " + metric);
	}

	private static List<String> tagKeys(JsonNode metric) {
		return metric.get("availableTags").valueStream().map((tag) -> tag.get("tag").asString()).toList();
	}

	private static HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
