package dev.tracer.demo;

import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tracer.TracingApplication;

import static dev.tracer.demo.FrontendProbe.assertProblem;
import static dev.tracer.demo.FrontendProbe.frontendServerSpan;
import static dev.tracer.demo.FrontendProbe.getData;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frontend alone, calling a backend that fails: it answers with a problem naming the downstream and
 * records its server span as an error, with the status it answered. The frontend reports its spans to
 * its own store ({@link LateSpanEndpoint}), where the test reads them.
 *
 * <pre>
 * down    nothing listens on the port                   502 "... is unreachable"
 * slow    accepts, never answers (read timeout 500 ms)  504 "... did not answer in time", and the call reached it
 * </pre>
 */
class BackendFaultTest {

	/**
	 * A backend that fails one way, held for one test.
	 *
	 * @param port where it is
	 * @param accepted the connections it took so far: none for a port that refuses them
	 * @param release stops it and frees its port
	 */
	record FaultyBackend(int port, IntSupplier accepted, Closeable release) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			release.close();
		}

	}

	/**
	 * @param name as the test names it
	 * @param backend starts the failing backend
	 * @param readTimeout the frontend's {@code spring.http.clients.read-timeout}, null for the default
	 * @param status the frontend's answer
	 * @param failure how the detail ends, after {@code downstream <url>}
	 * @param reached whether the call reaches the backend
	 * @param traceId the caller's trace
	 */
	record Fault(String name, FaultFactory backend, String readTimeout, int status, String failure, boolean reached,
			String traceId) {

		@Override
		public String toString() {
			return name;
		}

	}

	interface FaultFactory {

		FaultyBackend start();

	}

	static Stream<Fault> faults() {
		return Stream.of(
				new Fault("down", BackendFaultTest::refusing, null, 502, "is unreachable", false,
						"5bf92f3577b34da6a3ce929d0e0e4736"),
				new Fault("slow", BackendFaultTest::silent, "500ms", 504, "did not answer in time", true,
						"6bf92f3577b34da6a3ce929d0e0e4736"));
	}

	@ParameterizedTest
	@MethodSource("faults")
	void data_backendFails_isAProblemNamingTheDownstream_andTheSpanIsAnError(Fault fault) throws Exception {
		try (FaultyBackend backend = fault.backend().start()) {
			try (ConfigurableApplicationContext frontend = frontend(backend.port(), fault.readTimeout())) {
				int port = ((WebServerApplicationContext) frontend).getWebServer().getPort();

				HttpResponse<String> response = getData(port, fault.traceId());

				assertProblem(response, fault.status(),
						"downstream http://localhost:" + backend.port() + "/api/data " + fault.failure());
				if (fault.reached()) {
					assertThat(backend.accepted().getAsInt()).as("the call reached the backend").isPositive();
				}
				JsonNode span = frontendServerSpan(port, fault.traceId());
				assertThat(span.get("error").asBoolean()).isTrue();
				assertThat(span.at("/tags/http.status_code").asString()).isEqualTo(String.valueOf(fault.status()));
			}
		}
	}

	/** The frontend on the port its server chose, calling the backend on {@code backendPort}, reporting to itself. */
	private static ConfigurableApplicationContext frontend(int backendPort, String readTimeout) {
		List<String> arguments = new ArrayList<>(FrontendProbe.frontendReportingToItself("http://localhost:" + backendPort));
		if (readTimeout != null) {
			arguments.add("--spring.http.clients.read-timeout=" + readTimeout);
		}
		return new SpringApplicationBuilder(TracingApplication.class, LateSpanEndpoint.class).profiles("frontend")
			.run(arguments.toArray(new String[0]));
	}

	private static FaultyBackend refusing() {
		RefusingPort port = RefusingPort.hold();
		return new FaultyBackend(port.port(), () -> 0, port::close);
	}

	private static FaultyBackend silent() {
		SilentServer server = SilentServer.start();
		return new FaultyBackend(server.port(), server::accepted, server::close);
	}

}
