package dev.tracer.demo;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tracer.TracingApplication;

import static dev.tracer.demo.FrontendProbe.assertProblem;
import static dev.tracer.demo.FrontendProbe.frontendReportingToItself;
import static dev.tracer.demo.FrontendProbe.frontendServerSpan;
import static dev.tracer.demo.FrontendProbe.getData;
import static org.assertj.core.api.Assertions.assertThat;

/** The backend accepts the call and never answers: 504 after the read timeout, span recorded as an error. */
@SpringBootTest(classes = { TracingApplication.class, LateSpanEndpoint.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.http.clients.read-timeout=500ms")
@ActiveProfiles("frontend")
class BackendSlowTest {

	private static final SilentServer backend = SilentServer.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		frontendReportingToItself(registry, "http://localhost:" + backend.port());
	}

	@AfterAll
	static void stop() throws IOException {
		backend.close();
	}

	@Test
	void data_backendNeverAnswers_is504AfterTheReadTimeout_andTheSpanIsAnError() throws Exception {
		String traceId = "6bf92f3577b34da6a3ce929d0e0e4736";

		HttpResponse<String> response = getData(port, traceId);

		assertProblem(response, 504, "downstream http://localhost:" + backend.port() + "/api/data did not answer in time");
		assertThat(backend.accepted()).as("the call reached the backend").isPositive();
		JsonNode span = frontendServerSpan(port, traceId);
		assertThat(span.get("error").asBoolean()).isTrue();
		assertThat(span.at("/tags/http.status_code").asString()).isEqualTo("504");
	}

}
