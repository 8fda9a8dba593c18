package dev.tracer.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tracer.core.context.EdgeTraceIds;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both demo services over real HTTP, each on the port its server chose ({@link DemoServices}). Both
 * report their spans to the frontend's span store through the standard Zipkin reporter, as they do by
 * default.
 *
 * <pre>
 * curl -> frontend: GET /api/data (server)
 *           +-- http get (client)  --traceparent-->  backend: GET /api/data (server)
 *                                                         +-- connection, query, result-set (client, its database)
 *                                                         +-- http get (client, the third party)
 *                                                         +-- prepare-data
 * </pre>
 *
 * {@link ProductionShapeTest} looks at the database's and the third party's spans.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoServicesTest {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final String CALLER_SPAN_ID = W3CSamples.PARENT_ID;

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** Two hops, their call, the backend's three database spans, its third-party call, its local work. */
	private static final int SPANS = 8;

	@RegisterExtension
	static final DemoServicesExtension services = new DemoServicesExtension(DemoServices.reportingToFrontend());

	@Test
	void data_oneTraceAcrossBothServices(CapturedOutput output) throws Exception {
		JsonNode body = get("/api/data", "traceparent", TRACEPARENT, "tracestate", "congo=t61rcWkgMzE");

		JsonNode frontendSpan = body.get("span");
		assertThat(body.get("service").asString()).isEqualTo("frontend");
		assertThat(frontendSpan.get("trace_id").asString()).isEqualTo(TRACE_ID);
		assertThat(frontendSpan.get("parent_span_id").asString()).isEqualTo(CALLER_SPAN_ID);
		assertThat(body.at("/incoming/valid").asBoolean()).isTrue();

		JsonNode downstream = body.get("downstream");
		JsonNode backendSpan = downstream.get("span");
		String clientSpanId = backendSpan.get("parent_span_id").asString();
		assertThat(downstream.get("service").asString()).isEqualTo("backend");
		assertThat(backendSpan.get("trace_id").asString()).isEqualTo(TRACE_ID);
		assertThat(clientSpanId).as("a fresh parent id per call: the client span's")
			.isNotEqualTo(frontendSpan.get("span_id").asString())
			.isNotEqualTo(CALLER_SPAN_ID);
		// two traceparent headers would have been joined with ',' and refused by the backend's filter
		assertThat(downstream.at("/incoming/traceparent").asString()).isEqualTo("00-" + TRACE_ID + "-" + clientSpanId + "-01");
		assertThat(downstream.at("/incoming/valid").asBoolean()).isTrue();
		assertThat(downstream.at("/incoming/tracestate").asString()).isEqualTo("congo=t61rcWkgMzE");

		assertThat(output).contains("[frontend] ")
			.contains("[" + TRACE_ID + "-" + frontendSpan.get("span_id").asString() + "] dev.tracer.demo.FrontendController");
		assertThat(output).contains("[backend] ").contains("[" + TRACE_ID + "-");

		JsonNode trace = await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/traces/" + TRACE_ID), (doc) -> doc != null && doc.get("span_count").asInt() == SPANS);
		assertThat(trace.get("depth").asInt()).isEqualTo(4);
		assertThat(trace.get("orphans")).as("the caller's span is not in the store").hasSize(1);
		List<String> chain = new ArrayList<>();
		JsonNode node = trace.get("tree").get(0);
		for (int level = 0; level < 3; level++) {
			String kind = node.get("kind").isNull() ? "local" : node.get("kind").asString();
			chain.add(node.get("service").asString() + " " + kind + " " + node.get("name").asString()
					+ " " + node.get("span_id").asString() + "<-" + node.get("parent_span_id").asString());
			node = (level < 2) ? node.get("children").get(0) : node;
		}
		assertThat(chain).containsExactly(
				"frontend server get /api/data " + frontendSpan.get("span_id").asString() + "<-" + CALLER_SPAN_ID,
				"frontend client http get " + clientSpanId + "<-" + frontendSpan.get("span_id").asString(),
				"backend server get /api/data " + backendSpan.get("span_id").asString() + "<-" + clientSpanId);
		List<String> backendChildren = new ArrayList<>();
		for (JsonNode child : node.get("children")) {
			String kind = child.get("kind").isNull() ? "local" : child.get("kind").asString();
			backendChildren.add(kind + " " + child.get("name").asString() + " <-" + child.get("parent_span_id").asString());
			assertThat(child.get("children")).as("the backend's calls are leaves").isEmpty();
		}
		String backendId = backendSpan.get("span_id").asString();
		assertThat(backendChildren).containsExactlyInAnyOrder("client connection <-" + backendId,
				"client query <-" + backendId, "client result-set <-" + backendId, "client http get <-" + backendId,
				"local prepare-data <-" + backendId);
	}

	@Test
	void data_invalidTraceparent_startsNewTraceAndDropsTracestate() throws Exception {
		JsonNode body = get("/api/data", "traceparent", TRACEPARENT.toUpperCase(), "tracestate", "congo=t61rcWkgMzE");

		assertThat(body.at("/incoming/valid").asBoolean()).isFalse();
		assertThat(body.at("/incoming/reason").asString()).startsWith("trace-id: expected 32 lowercase hex characters, found uppercase");
		assertThat(body.at("/span/trace_id").asString()).isNotEqualTo(TRACE_ID).matches("[0-9a-f]{32}");
		assertThat(body.at("/span/parent_span_id").isNull()).isTrue();
		assertThat(body.at("/downstream/span/trace_id").asString()).isEqualTo(body.at("/span/trace_id").asString());
		assertThat(body.at("/downstream/incoming/tracestate").isNull()).isTrue();
	}

	@Test
	void traces_listsTheTraceWithBothServices() throws Exception {
		JsonNode data = get("/api/data");
		String traceId = data.at("/span/trace_id").asString();
		JsonNode listed = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			for (JsonNode trace : get("/api/traces").get("traces")) {
				if (trace.get("trace_id").asString().equals(traceId) && trace.get("span_count").asInt() == SPANS) {
					return trace;
				}
			}
			return null;
		}, (trace) -> trace != null);
		assertThat(listed.get("root_service").asString()).isEqualTo("frontend");
		assertThat(listed.get("error_count").asInt()).isZero();
		assertThat(get("/api/traces").at("/store/spans_evicted").asLong()).isZero();
	}

	static List<String> edgeTraceIds() {
		return EdgeTraceIds.generate(0x1d5_0f_7e57L, 3);
	}

	/**
	 * A valid id with a zero half once came back 16 hex or replaced. Each id goes frontend -> backend
	 * -> store and must come back exactly: the hops, the traceresponse, the traceparent the backend
	 * received, {@code GET /api/traces/{id}} with the id as sent, and Zipkin's {@code /api/v2/trace/{id}}
	 * (whose model writes a zero high half as the low 16 hex, by design).
	 */
	@ParameterizedTest
	@MethodSource("edgeTraceIds")
	void data_everyValidTraceId_roundTripsExactly(String traceId) throws Exception {
		HttpResponse<String> response = send("/api/data", "traceparent", "00-" + traceId + "-" + CALLER_SPAN_ID + "-01");
		JsonNode body = JSON.readTree(response.body());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("traceresponse")).hasValueSatisfying(
				(header) -> assertThat(header).startsWith("00-" + traceId + "-" + body.at("/span/span_id").asString()));
		assertThat(body.at("/span/trace_id").asString()).isEqualTo(traceId);
		assertThat(body.at("/span/parent_span_id").asString()).isEqualTo(CALLER_SPAN_ID);
		assertThat(body.at("/downstream/incoming/valid").asBoolean()).isTrue();
		assertThat(body.at("/downstream/incoming/traceparent").asString()).startsWith("00-" + traceId + "-");
		assertThat(body.at("/downstream/span/trace_id").asString()).isEqualTo(traceId);

		JsonNode trace = await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get("/api/traces/" + traceId), (doc) -> doc != null && doc.get("span_count").asInt() == SPANS);
		assertThat(trace.get("trace_id").asString()).isEqualTo(traceId);
		assertThat(trace.get("orphans")).hasSize(1);
		JsonNode zipkin = JSON.readTree(send("/api/v2/trace/" + traceId).body());
		assertThat(zipkin).hasSize(SPANS);
		zipkin.forEach((span) -> assertThat(span.get("traceId").asString()).isEqualTo(zipkin2.Span.normalizeTraceId(traceId)));
	}

	private static HttpResponse<String> send(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.frontendUrl(path)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode get(String path, String... headers) throws Exception {
		HttpResponse<String> response = send(path, headers);
		if (response.statusCode() == 404) {
			return null;
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
