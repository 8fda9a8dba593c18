package dev.tracer.viewer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The propagation map end to end on the real demo: requests sent to the frontend with each
 * {@code ?propagation=} mode, judged by the break analysis on arrival, counted by the map, read from
 * {@code GET /api/propagation}. The frontend → backend edge is broken in the share of requests sent
 * with a faulty mode, each mode's reason counted apart; the backend's database and third-party calls
 * are untraced, never broken.
 *
 * <pre>
 * 4 × normal     continued
 * 2 × dropped    broken, dropped
 * 2 × uppercase  broken, refused: ...
 * 2 × b3         broken, not W3C: b3
 * frontend → backend: 10 calls, 4 continued, 6 broken, share 0.6
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropagationDemoIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Integer> REQUESTS = Map.of("normal", 4, "dropped", 2, "uppercase", 2, "b3", 2);

	private DemoPair services;

	@BeforeAll
	void start() throws Exception {
		// settled once the backend's reporter has sent its spans (it flushes each second), judged once
		services = new DemoPair("--tracer.breaks.settle=2s");
		for (Map.Entry<String, Integer> mode : REQUESTS.entrySet()) {
			for (int i = 0; i < mode.getValue(); i++) {
				int status = services.get("/api/data?propagation=" + mode.getKey()).statusCode();
				assertThat(status).as("GET /api/data?propagation=%s", mode.getKey()).isEqualTo(200);
				// apart by more than the skew tolerated (50 ms): a root that began within another lost call's
				// window would fit it too, and that break would rightly be ambiguous, its reason unknown
				Thread.sleep(150);
			}
		}
	}

	@AfterAll
	void stop() {
		if (services != null) {
			services.close();
		}
	}

	private JsonNode map() throws Exception {
		return JSON.readTree(services.get("/api/propagation?since=15m").body());
	}

	private static JsonNode edge(JsonNode map, String from, String to) {
		for (JsonNode edge : map.path("edges")) {
			if (edge.path("from").asString().equals(from) && to.equals(edge.path("to").asString(null))) {
				return edge;
			}
		}
		return null;
	}

	@Test
	void frontendToBackend_brokenInTheShareOfFaultyRequests_eachModesReasonApart() throws Exception {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode edge = edge(map(), "frontend", "backend");
			return edge != null && edge.path("calls").asInt() == 10;
		});
		JsonNode edge = edge(map(), "frontend", "backend");

		assertThat(edge.path("continued").asInt()).isEqualTo(4);
		assertThat(edge.path("broken").asInt()).isEqualTo(6);
		assertThat(edge.path("broken_share").asDouble()).isEqualTo(0.6);
		assertThat(edge.path("verdict").asString()).isEqualTo("broken");
		List<String> reasons = edge.path("reasons").valueStream().map((r) -> r.path("reason").asString()).toList();
		assertThat(reasons).hasSize(3).contains("dropped", "not W3C: b3").anyMatch((r) -> r.startsWith("refused: "));
		assertThat(edge.path("reasons").valueStream().map((r) -> r.path("count").asInt())).containsOnly(2);
	}

	@Test
	void backendsDatabaseAndThirdParty_untraced_neverBroken() throws Exception {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode map = map();
			return map.path("edges").valueStream().filter((e) -> e.path("from").asString().equals("backend")).count() == 2;
		});
		JsonNode map = map();
		List<JsonNode> fromBackend = map.path("edges").valueStream()
			.filter((e) -> e.path("from").asString().equals("backend"))
			.toList();

		assertThat(fromBackend).extracting((e) -> e.path("to").asString()).containsExactlyInAnyOrder("inventory", "exchange-rates");
		assertThat(fromBackend).allSatisfy((e) -> {
			assertThat(e.path("verdict").asString()).isEqualTo("untraced");
			assertThat(e.path("broken").asInt()).isZero();
		});
		assertThat(map.path("services").valueStream().filter((s) -> !s.path("traced").asBoolean()).count())
			.isGreaterThanOrEqualTo(2);
	}

}
