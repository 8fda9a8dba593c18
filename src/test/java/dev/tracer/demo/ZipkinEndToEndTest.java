package dev.tracer.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tracer.store.zipkin.ZipkinServer;
import dev.tracer.testing.W3CSamples;

import static dev.tracer.demo.FrontendProbe.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Past one machine, end to end: both demo services report to a real Zipkin server, and the frontend,
 * with {@code tracer.store.type: zipkin}, reads its trace API from that server.
 *
 * <pre>
 * curl -> frontend --traceparent--> backend
 *            |                         |
 *            +--- spans (proto3) ------+--> Zipkin (STORAGE_TYPE=mem, 127.0.0.1)
 *            |                                 ^
 *            +-- GET /api/traces/{id} ---------+  GET /api/v2/trace/{id}
 * </pre>
 *
 * Runs with {@code ./mvnw -Pzipkin test}.
 */
@Tag("zipkin")
class ZipkinEndToEndTest {

	/**
	 * One request's spans: the frontend's server and client, the backend's server, its database's
	 * connection, query and result set, its call to the third party, its own work.
	 */
	private static final int SPANS = 8;


	private static final String CALLER_SPAN_ID = W3CSamples.PARENT_ID;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static ZipkinServer zipkin;

	private static DemoServices services;

	@BeforeAll
	static void start() {
		zipkin = ZipkinServer.start();
		services = DemoServices.reportingTo(zipkin.baseUrl() + "/api/v2/spans", "--tracer.store.type=zipkin",
				"--tracer.store.zipkin.base-url=" + zipkin.baseUrl(), "--tracer.store.zipkin.connect-timeout=1s",
				"--tracer.store.zipkin.read-timeout=5s")
			.start();
	}

	/** The services, then Zipkin, each whatever the other does; one that never started is skipped. */
	@AfterAll
	static void stop() {
		try (ZipkinServer closedLast = zipkin; DemoServices closedFirst = services) {
			// try-with-resources closes in reverse order and passes over null
		}
	}

	/** tracer's trace document has exactly the spans and parents Zipkin holds, four levels deep. */
	@Test
	void trace_fromZipkin_sameSpansParentsAndDepth() throws Exception {
		String traceId = "9bf92f3577b34da6a3ce929d0e0e4736";
		JsonNode data = data(traceId);
		assertThat(data.at("/downstream/span/trace_id").asString()).isEqualTo(traceId);

		JsonNode document = awaitTrace(traceId, SPANS);
		JsonNode inZipkin = JSON.readTree(
				HTTP.send(HttpRequest.newBuilder(URI.create(zipkin.baseUrl() + "/api/v2/trace/" + traceId)).build(),
						HttpResponse.BodyHandlers.ofString()).body());

		List<String> zipkinLinks = new ArrayList<>();
		for (JsonNode span : inZipkin) {
			zipkinLinks.add(span.get("id").asString() + "<-" + span.path("parentId").asString("none"));
		}
		List<String> tracerLinks = new ArrayList<>();
		collectLinks(document.get("tree"), tracerLinks);
		assertThat(tracerLinks).hasSize(SPANS).containsExactlyInAnyOrderElementsOf(zipkinLinks);
		assertThat(document.get("span_count").asInt()).isEqualTo(inZipkin.size());
		assertThat(document.get("depth").asInt()).isEqualTo(4);
		assertThat(document.get("roots")).hasSize(1);
		JsonNode root = document.get("tree").get(0);
		assertThat(root.get("service").asString()).isEqualTo("frontend");
		assertThat(root.get("parent_span_id").asString()).isEqualTo(CALLER_SPAN_ID);
		assertThat(root.at("/children/0/children/0/service").asString()).isEqualTo("backend");

		JsonNode listed = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			for (JsonNode trace : get("/api/traces").get("traces")) {
				if (trace.get("trace_id").asString().equals(traceId)) {
					return trace;
				}
			}
			return null;
		}, (trace) -> trace != null);
		assertThat(listed.get("root_service").asString()).isEqualTo("frontend");
		assertThat(listed.get("span_count").asInt()).isEqualTo(SPANS);
	}

	/**
	 * Zipkin stops: the trace API answers 502 naming it, while both services go on serving. Zipkin comes
	 * back on the same port (empty: its storage is memory): new traces are reported and read again.
	 */
	@Test
	void zipkinStopsAndReturns_502ThenRecovers() throws Exception {
		String before = "abf92f3577b34da6a3ce929d0e0e4736";
		data(before);
		awaitTrace(before, SPANS);
		int zipkinPort = zipkin.port();

		zipkin.close();
		try {
			HttpResponse<String> down = HTTP.send(HttpRequest.newBuilder(uri("/api/traces/" + before)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertProblem(down, 502, "Zipkin at " + zipkin.baseUrl() + " is unreachable");
			assertThat(data("bbf92f3577b34da6a3ce929d0e0e4736").at("/downstream/service").asString())
				.as("both services serve while Zipkin is down")
				.isEqualTo("backend");
		}
		finally {
			zipkin = ZipkinServer.start(zipkinPort);
		}

		String after = "cbf92f3577b34da6a3ce929d0e0e4736";
		data(after);
		assertThat(awaitTrace(after, SPANS).get("depth").asInt()).isEqualTo(4);
	}

	private static void collectLinks(JsonNode nodes, List<String> links) {
		for (JsonNode node : nodes) {
			links.add(node.get("span_id").asString() + "<-" + node.get("parent_span_id").asString("none"));
			collectLinks(node.get("children"), links);
		}
	}

	private JsonNode data(String traceId) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/data"))
			.header("traceparent", "00-" + traceId + "-" + CALLER_SPAN_ID + "-01")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** The trace document once tracer reads {@code spans} spans of it from Zipkin. */
	private JsonNode awaitTrace(String traceId, int spans) {
		return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/traces/" + traceId)).build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? JSON.readTree(response.body()) : null;
		}, (document) -> document != null && document.get("span_count").asInt() == spans);
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create(services.frontendUrl(path));
	}

}
