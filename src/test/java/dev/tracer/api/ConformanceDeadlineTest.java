package dev.tracer.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.TracingApplication;
import dev.tracer.demo.SilentServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /test}'s deadline over real HTTP: callbacks to a server that accepts and never answers
 * are cut off when the request's deadline passes, not after each callback's own timeout, and the
 * answer says so with 504.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tracer.conformance.enabled=true", "tracer.conformance.timeout=20s",
				"tracer.conformance.deadline=1s", "management.tracing.export.enabled=false" })
@ActiveProfiles("backend")
class ConformanceDeadlineTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void test_silentCallbacks_are504WhenTheDeadlinePasses_andTheRestAreNotSent() throws Exception {
		try (SilentServer silent = SilentServer.start()) {
			Map<String, Object> callback = Map.of("url", "http://127.0.0.1:" + silent.port() + "/callback",
					"arguments", List.of());

			long start = System.nanoTime();
			HttpResponse<String> response = post(Collections.nCopies(4, callback));
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(response.statusCode()).isEqualTo(504);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo(
					"deadline of 1000 ms (tracer.conformance.deadline) passed during callback [0]; 0 of 4 callbacks were answered");
			// each callback alone may take 20 s: only the deadline can have ended the request this soon
			assertThat(took).isLessThan(Duration.ofSeconds(10));
			assertThat(silent.accepted()).as("callbacks after the deadline are not sent").isEqualTo(1);
		}
	}

	private HttpResponse<String> post(List<? extends Map<String, ?>> body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/test"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
