package dev.tracer.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.TracingApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses before any filter runs, sent over a raw socket (an HTTP client would not
 * send most of them), answered as problem+json with our words, never Tomcat's HTML page or the bytes
 * received.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.tracing.export.enabled=false")
@ActiveProfiles("backend")
class TomcatRefusalsTest {

	@LocalServerPort
	private int port;

	static Stream<Arguments> refusals() {
		StringBuilder manyHeaders = new StringBuilder();
		for (int i = 0; i < 101; i++) {
			manyHeaders.append("x-h").append(i).append(": v\r\n");
		}
		return Stream.of(
				Arguments.of("a header over 8 KB", "GET /api/data HTTP/1.1\r\nHost: x\r\nx-big: " + "a".repeat(9000) + "\r\n\r\n",
						"the request's headers are too large"),
				Arguments.of("101 headers", "GET /api/data HTTP/1.1\r\nHost: x\r\n" + manyHeaders + "\r\n", "too many headers"),
				Arguments.of("NUL in a header", "GET /api/data HTTP/1.1\r\nHost: x\r\nx-nul: a\u0000b\r\n\r\n",
						"a header holds a character HTTP does not allow"),
				Arguments.of("CR in a header", "GET /api/data HTTP/1.1\r\nHost: x\r\nx-cr: a\rb\r\n\r\n",
						"a header holds a character HTTP does not allow"),
				Arguments.of("%00 in the path", "GET /api/da%00ta HTTP/1.1\r\nHost: x\r\n\r\n",
						"the request's path holds a character or an escape that is not allowed"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void refusedByTomcat_isProblemJson(String name, String request, String detail) throws IOException {
		String response = send(request);

		assertThat(response).startsWith("HTTP/1.1 400 ");
		String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
		String body = response.substring(response.indexOf("\r\n\r\n") + 4);
		assertThat(head).contains("content-type: application/problem+json");
		assertThat(body).startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + detail)
			.endsWith("nothing was processed\"}")
			.doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("aaaa").doesNotContain("\u0000");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			in.transferTo(received);
			return received.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
