package dev.tracer.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The frontend alone, with a backend that is down or that never answers ({@link BackendFaultTest}). The
 * frontend reports its spans to its own store, so a test can check that the hop's server span is
 * recorded as an error.
 */
final class FrontendProbe {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private FrontendProbe() {
	}

	/**
	 * Arguments for the frontend on the port its server chose, calling {@code downstream}, and reporting
	 * its spans to its own store: {@code ${local.server.port}} is resolved at each send
	 * ({@link LateSpanEndpoint}, which the context must include).
	 */
	static List<String> frontendReportingToItself(String downstream) {
		return List.of("--server.port=0", "--tracer.demo.downstream=" + downstream,
				"--management.tracing.export.zipkin.endpoint=http://localhost:${local.server.port}/api/v2/spans");
	}

	static HttpResponse<String> getData(int port, String traceId) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/data"))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The frontend's server span of that trace, once the reporter has delivered it. */
	static JsonNode frontendServerSpan(int port, String traceId) {
		return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/traces/" + traceId)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return null;
			}
			for (JsonNode root : JSON.readTree(response.body()).get("tree")) {
				if ("server".equals(root.get("kind").asString())) {
					return root;
				}
			}
			return null;
		}, (span) -> span != null);
	}

	static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isEqualTo(detail);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.tracer");
	}

}
