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

/** The backend is down: the frontend answers 502 and records its span as an error. */
@SpringBootTest(classes = { TracingApplication.class, LateSpanEndpoint.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("frontend")
class BackendDownTest {

	private static final RefusingPort backend = RefusingPort.hold();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		frontendReportingToItself(registry, "http://localhost:" + backend.port());
	}

	@AfterAll
	static void release() throws IOException {
		backend.close();
	}

	@Test
	void data_backendDown_is502NamingTheDownstream_andTheSpanIsAnError() throws Exception {
		String traceId = "5bf92f3577b34da6a3ce929d0e0e4736";

		HttpResponse<String> response = getData(port, traceId);

		assertProblem(response, 502, "downstream http://localhost:" + backend.port() + "/api/data is unreachable");
		JsonNode span = frontendServerSpan(port, traceId);
		assertThat(span.get("error").asBoolean()).isTrue();
		assertThat(span.at("/tags/http.status_code").asString()).isEqualTo("502");
	}

}
