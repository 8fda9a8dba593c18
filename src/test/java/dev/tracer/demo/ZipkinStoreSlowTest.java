package dev.tracer.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tracer.TracingApplication;

import static dev.tracer.demo.FrontendProbe.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Zipkin server behind the store accepts the connection and never answers: the trace API answers
 * 504 naming Zipkin once {@code tracer.store.zipkin.read-timeout} has passed, not later.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tracer.store.type=zipkin", "tracer.store.zipkin.read-timeout=500ms" })
@ActiveProfiles("backend")
class ZipkinStoreSlowTest {

	private static final SilentServer zipkin = SilentServer.start();

	/** The reporter's: it must not wait on the silent server as well. */
	private static final RefusingPort reporterTarget = RefusingPort.hold();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> 0);
		registry.add("tracer.store.zipkin.base-url", () -> "http://127.0.0.1:" + zipkin.port());
		registry.add("management.tracing.export.zipkin.endpoint",
				() -> "http://localhost:" + reporterTarget.port() + "/api/v2/spans");
	}

	@AfterAll
	static void stop() throws IOException {
		try {
			zipkin.close();
		}
		finally {
			reporterTarget.close();
		}
	}

	@Test
	void trace_zipkinNeverAnswers_is504NamingZipkin_withinTheReadTimeout() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/traces/8bf92f3577b34da6a3ce929d0e0e4736"))
					.build(), HttpResponse.BodyHandlers.ofString());
		Duration waited = Duration.ofNanos(System.nanoTime() - start);

		assertProblem(response, 504, "Zipkin at http://127.0.0.1:" + zipkin.port() + " did not answer in time");
		assertThat(zipkin.accepted()).as("the call reached the server").isPositive();
		// a bound, not a speed target: without the read timeout the call would hang for ever
		assertThat(waited).isLessThan(Duration.ofSeconds(10));
	}

}
