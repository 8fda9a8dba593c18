package dev.tracer.viewer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import dev.tracer.TracingApplication;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Both demo services on free ports, as {@code DemoServicesTest} starts them: the backend on port 0, the
 * frontend on a port chosen first because both services report their spans to it (the address is part
 * of their configuration).
 */
final class DemoPair implements AutoCloseable {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	/** Spans per POST: well under the intake's 1 MB body limit. */
	private static final int BATCH = 2000;

	private final ConfigurableApplicationContext backend;

	private final ConfigurableApplicationContext frontend;

	final int frontendPort;

	DemoPair(String... extraFrontendArguments) {
		this.frontendPort = TestSocketUtils.findAvailableTcpPort();
		String spans = "--management.tracing.export.zipkin.endpoint=http://localhost:" + frontendPort + "/api/v2/spans";
		this.backend = new SpringApplicationBuilder(TracingApplication.class).profiles("backend")
			.run("--server.port=0", spans);
		int backendPort = ((WebServerApplicationContext) backend).getWebServer().getPort();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + frontendPort, spans,
				"--tracer.demo.downstream=http://localhost:" + backendPort));
		arguments.addAll(List.of(extraFrontendArguments));
		this.frontend = new SpringApplicationBuilder(TracingApplication.class).profiles("frontend")
			.run(arguments.toArray(new String[0]));
	}

	String url(String path) {
		return "http://localhost:" + frontendPort + path;
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts spans to the frontend's Zipkin intake in batches, as a reporter would. */
	void post(List<Span> spans) throws Exception {
		for (int from = 0; from < spans.size(); from += BATCH) {
			byte[] body = SpanBytesEncoder.JSON_V2.encodeList(spans.subList(from, Math.min(spans.size(), from + BATCH)));
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v2/spans")))
				.header("content-type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 202) {
				throw new IllegalStateException("POST /api/v2/spans: " + response.statusCode() + " " + response.body());
			}
		}
	}

	/** Posts a generated trace, a batch at a time. */
	void post(TraceShapes shape) throws Exception {
		for (int from = 0; from < shape.size; from += BATCH) {
			post(shape.spans(from, Math.min(shape.size, from + BATCH)));
		}
	}

	@Override
	public void close() {
		frontend.close();
		backend.close();
	}

}
