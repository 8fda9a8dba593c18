package dev.tracer.viewer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.tracer.demo.DemoServices;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Both demo services ({@link DemoServices}, each on the port its server chose) and what the viewer's
 * tests do with them: read the frontend's API, and post spans to its Zipkin intake.
 */
final class DemoPair implements AutoCloseable {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	/** Spans per POST: well under the intake's 1 MB body limit. */
	private static final int BATCH = 2000;

	private final DemoServices services;

	DemoPair(String... extraFrontendArguments) {
		this.services = DemoServices.reportingToFrontend(extraFrontendArguments).start();
	}

	String url(String path) {
		return services.frontendUrl(path);
	}

	/** The frontend's bean of {@code type}. */
	<T> T frontendBean(Class<T> type) {
		return services.frontendBean(type);
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
		services.close();
	}

}
