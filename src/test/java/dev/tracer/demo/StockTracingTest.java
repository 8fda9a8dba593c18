package dev.tracer.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import brave.handler.MutableSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tracer.testing.FinishedSpans;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tracer.propagation.engine: boot}, the stock way {@code http-load.sh} measures tracer against:
 * Boot's server observation makes the server span and Brave reads and writes W3C's headers; tracer's
 * filter, propagator and evidence are off. Both demo services over real HTTP, each with its spans caught.
 */
class StockTracingTest {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final String CALLER_SPAN_ID = W3CSamples.PARENT_ID;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@RegisterExtension
	static final DemoServicesExtension services = new DemoServicesExtension(
			DemoServices.notReporting("--tracer.propagation.engine=boot").withSource(FinishedSpans.class));

	@Test
	void data_continuesTheTraceWithBootsOwnSpans_oneServerSpanPerHop() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(services.frontendUrl("/api/data")))
			.header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode body = JSON.readTree(response.body());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("traceresponse")).as("tracer's filter is off").isEmpty();
		assertThat(body.at("/span/trace_id").asString()).isEqualTo(TRACE_ID);
		assertThat(body.at("/span/parent_span_id").asString()).isEqualTo(CALLER_SPAN_ID);
		assertThat(body.get("incoming").isNull()).as("no evidence: only tracer's filter gathers it").isTrue();
		String clientSpanId = body.at("/downstream/span/parent_span_id").asString();
		assertThat(body.at("/downstream/span/trace_id").asString()).isEqualTo(TRACE_ID);
		assertThat(clientSpanId).isNotEqualTo(body.at("/span/span_id").asString()).isNotEqualTo(CALLER_SPAN_ID);
		assertThat(body.at("/downstream/incoming").isNull()).isTrue();

		MutableSpan frontendServer = serverSpan(services.services().frontendBean(FinishedSpans.class));
		MutableSpan backendServer = serverSpan(services.services().backendBean(FinishedSpans.class));
		assertThat(frontendServer.id()).isEqualTo(body.at("/span/span_id").asString());
		assertThat(frontendServer.name()).as("Boot's own name").isEqualTo("http get /api/data");
		assertThat(frontendServer.tags()).doesNotContainKeys("w3c.traceparent.valid", "w3c.traceparent.received");
		assertThat(backendServer.id()).isEqualTo(body.at("/downstream/span/span_id").asString());
		assertThat(backendServer.parentId()).isEqualTo(clientSpanId);
	}

	@Test
	void data_timedByBootsObservation() throws Exception {
		HTTP.send(HttpRequest.newBuilder(URI.create(services.services().backendUrl("/api/data"))).build(),
				HttpResponse.BodyHandlers.ofString());

		HttpResponse<String> metric = HTTP.send(HttpRequest
			.newBuilder(URI.create(services.services()
				.backendUrl("/actuator/metrics/http.server.requests?tag=uri:/api/data&tag=status:200")))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(metric.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(metric.body()).at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
	}

	/** The one server span a service made for the trace, waited for: a span ends after its response went out. */
	private static MutableSpan serverSpan(FinishedSpans finished) {
		List<MutableSpan> servers = await().atMost(Duration.ofSeconds(5))
			.until(() -> finished.spans()
				.stream()
				.filter((span) -> span.kind() == brave.Span.Kind.SERVER && span.traceId().equals(TRACE_ID))
				.toList(), (spans) -> !spans.isEmpty());
		assertThat(servers).as("server spans of the trace").hasSize(1);
		return servers.get(0);
	}

}
