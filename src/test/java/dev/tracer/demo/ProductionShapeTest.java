package dev.tracer.demo;

import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An ordinary request through both demo services, shaped like production: the backend reads its
 * database (H2 through Spring's JDBC, traced by datasource-micrometer) and calls an untraced third
 * party (a plain HTTP server, through Boot's client). Both report to the frontend's store; settle time
 * 500 ms, so the break analysis answers quickly.
 *
 * <pre>
 * curl -> frontend: GET /api/data (server)
 *           +-- http get (client) --traceparent--> backend: GET /api/data (server)
 *                                                    +-- connection (client, remote "inventory")
 *                                                    +-- query (client, remote "inventory")
 *                                                    +-- result-set (client, remote "inventory")
 *                                                    +-- http get (client) --traceparent--> third party (no spans)
 *                                                    +-- prepare-data
 * </pre>
 */
class ProductionShapeTest {

	private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

	/** The four spans of the two hops, the three of the database, the one of the third party. */
	private static final int SPANS = 8;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@RegisterExtension
	static final DemoServicesExtension services = new DemoServicesExtension(
			DemoServices.reportingToFrontend("--tracer.breaks.settle=500ms"));

	@Test
	void data_readsTheDatabaseAndCallsTheThirdParty() throws Exception {
		ThirdPartyServer thirdParty = services.services().backendBean(ThirdPartyServer.class);
		long before = thirdParty.requests();
		String traceId = "1cf92f3577b34da6a3ce929d0e0e4736";

		JsonNode catalogue = data(traceId).at("/downstream/catalogue");

		assertThat(catalogue.get("currency").asString()).isEqualTo("USD");
		assertThat(catalogue.get("rate").decimalValue()).isEqualByComparingTo("1.0842");
		List<String> offers = new ArrayList<>();
		// in cents exactly: a price of more digits fails here
		catalogue.get("offers").forEach((offer) -> offers.add(offer.get("sku").asString() + " " + offer.get("stock").asInt()
				+ " " + offer.get("price").decimalValue().setScale(2, RoundingMode.UNNECESSARY).toPlainString()));
		assertThat(offers).as("the rows in stock, in euros times the third party's rate")
			.containsExactly("TR-001 12 27.00", "TR-002 40 10.30", "TR-004 3 18.43");
		assertThat(thirdParty.requests()).as("the third party was called once").isEqualTo(before + 1);
		assertThat(thirdParty.lastTraceparent()).as("and received the context, which it ignores")
			.startsWith("00-" + traceId + "-");
	}

	/**
	 * The stored trace has the database's spans and the third party's, all client spans of the
	 * backend; the database's name their remote service, the third party's its address and URL.
	 */
	@Test
	void trace_showsTheDatabaseAndTheThirdPartyAsClientSpansOfTheBackend() throws Exception {
		String traceId = "2cf92f3577b34da6a3ce929d0e0e4736";
		JsonNode backendHop = data(traceId).get("downstream");
		String backendSpanId = backendHop.at("/span/span_id").asString();
		ThirdPartyServer thirdParty = services.services().backendBean(ThirdPartyServer.class);

		JsonNode trace = awaitTrace(traceId);
		JsonNode spans = JSON.readTree(send("/api/v2/trace/" + traceId).body());
		assertThat(spans).hasSize(SPANS);
		assertThat(trace.get("depth").asInt()).as("frontend, call, backend, its calls: %s", spans).isEqualTo(4);

		List<JsonNode> database = new ArrayList<>();
		List<JsonNode> http = new ArrayList<>();
		for (JsonNode span : spans) {
			if (span.has("tags") && span.get("tags").has("jdbc.datasource.name")) {
				database.add(span);
			}
			else if (span.has("tags") && span.get("tags").has("server.address")) {
				http.add(span);
			}
		}
		assertThat(database).extracting((span) -> span.get("name").asString())
			.containsExactlyInAnyOrder("connection", "query", "result-set");
		for (JsonNode span : database) {
			assertThat(span.get("kind").asString()).isEqualTo("CLIENT");
			assertThat(span.get("parentId").asString()).as("within the backend's hop").isEqualTo(backendSpanId);
			assertThat(span.at("/localEndpoint/serviceName").asString()).isEqualTo("backend");
			assertThat(span.at("/remoteEndpoint/serviceName").asString()).as("the database, named by its pool")
				.isEqualTo(DemoConfiguration.DATABASE);
			assertThat(span.at("/tags/jdbc.datasource.name").asString()).isEqualTo(DemoConfiguration.DATABASE);
		}
		assertThat(named(database, "query").at("/tags/jdbc.query[0]").asString())
			.startsWith("select sku, name, price_eur, stock from product");
		assertThat(named(database, "result-set").at("/tags/jdbc.row-count").asString()).isEqualTo("3");

		assertThat(http).as("the one call that names its server: the third party's").hasSize(1);
		JsonNode call = http.get(0);
		String baseUrl = thirdParty.baseUrl().toString();
		assertThat(call.get("kind").asString()).isEqualTo("CLIENT");
		assertThat(call.at("/localEndpoint/serviceName").asString()).isEqualTo("backend");
		assertThat(call.get("parentId").asString()).isEqualTo(backendSpanId);
		assertThat(call.at("/tags/http.url").asString()).isEqualTo(baseUrl + ThirdPartyServer.RATES_PATH);
		assertThat(call.at("/tags/server.address").asString()).isEqualTo("127.0.0.1");
		assertThat(call.at("/tags/peer.service").asString()).isEqualTo("exchange-rates");
		assertThat(call.at("/tags/server.port").asString()).isEqualTo(String.valueOf(thirdParty.baseUrl().getPort()));
		String sent = "00-" + traceId + "-" + call.get("id").asString() + "-01";
		assertThat(call.at("/tags/w3c.traceparent.sent").asString()).isEqualTo(sent);
		assertThat(thirdParty.lastTraceparent()).as("what the third party received is what the span says was sent")
			.isEqualTo(sent);
		for (JsonNode span : spans) {
			assertThat(span.at("/localEndpoint/serviceName").asString()).as("the third party records no spans")
				.isIn("frontend", "backend");
		}
	}

	/** A probe of the backend's health checks its database outside any trace: no trace of one span for it. */
	@Test
	void actuatorHealth_checksTheDatabase_withoutATrace() throws Exception {
		HttpResponse<String> health = HTTP.send(
				HttpRequest.newBuilder(URI.create(services.services().backendUrl("/actuator/health"))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		// a request after it: once its trace is stored, whatever the probe reported before it is too
		String traceId = "3cf92f3577b34da6a3ce929d0e0e4736";
		data(traceId);
		awaitTrace(traceId);

		for (JsonNode listed : get("/api/traces?limit=1000").get("traces")) {
			assertThat(listed.get("root_service").asString()).as(listed.toString()).isEqualTo("frontend");
		}
	}

	/**
	 * An ordinary request has no break once its trace settled: the database and the third party are
	 * untraced callees, not lost calls.
	 */
	@Test
	void data_ordinaryRequest_noBreaks() throws Exception {
		String traceId = "4cf92f3577b34da6a3ce929d0e0e4736";
		data(traceId);
		awaitTrace(traceId);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/breaks?limit=1000").get("pending_calls").asInt() == 0);

		assertThat(get("/api/traces/" + traceId + "/breaks").get("breaks")).isEmpty();
		assertThat(get("/api/traces/" + traceId).get("breaks")).isEmpty();
		assertThat(get("/api/breaks?limit=1000").get("breaks").valueStream().map((b) -> b.get("trace_id").asString()))
			.doesNotContain(traceId);
	}

	private static JsonNode named(List<JsonNode> spans, String name) {
		return spans.stream().filter((span) -> span.get("name").asString().equals(name)).findFirst().orElseThrow();
	}

	private static JsonNode data(String traceId) throws Exception {
		HttpResponse<String> response = send("/api/data", "traceparent", "00-" + traceId + "-" + CALLER_SPAN_ID + "-01");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** The trace document once all its spans arrived. */
	private static JsonNode awaitTrace(String traceId) {
		return await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/traces/" + traceId), (doc) -> doc != null && doc.get("span_count").asInt() == SPANS);
	}

	private static HttpResponse<String> send(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.frontendUrl(path)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode get(String path) throws Exception {
		HttpResponse<String> response = send(path);
		if (response.statusCode() == 404) {
			return null;
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
