package dev.tracer.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tracer.core.context.EdgeTraceIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The frontend's {@code ?propagation=} modes over real HTTP, both services reporting to the frontend's
 * store, and what the break analysis then says. Settle time 500 ms, so a verdict comes quickly.
 *
 * <pre>
 * curl -> frontend: GET /api/data?propagation=MODE (trace T)
 *           +-- http get (client) --(header broken by MODE)-->  backend: GET /api/data (trace U, a root)
 * dropped    T: lost_downstream, link probable -> U      U: restarted_here, probable, "received no traceparent"
 * uppercase  T: lost_downstream, link definite -> U      U: restarted_here, definite, "refused the traceparent: ..."
 * b3         as dropped: the backend reads traceparent only
 * normal     one trace, no break of the frontend's call
 * </pre>
 *
 * The backend's own calls, to its database and the third party, are not traced on the other side:
 * until the break analysis tells such calls apart, it reports each as a lost call of trace U (or of the
 * one trace). These tests look at the breaks of the frontend's call; {@link ProductionShapeTest} holds
 * that an ordinary request has none at all.
 */
class PropagationModesTest {

	@RegisterExtension
	static final DemoServicesExtension services = new DemoServicesExtension(
			DemoServices.reportingToFrontend("--tracer.breaks.settle=500ms"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String DROPPED = "backend received no traceparent from frontend's call GET /api/data: the"
			+ " context was dropped on the way";

	@Test
	void dropped_lostAndRestarted_linkedProbably() throws Exception {
		Pieces pieces = call("dropped");

		assertThat(lostCall(pieces, "probable").get("reason").asString()).isEqualTo(DROPPED);
		assertThat(restart(pieces, "probable").get("other_trace_id").asString()).isEqualTo(pieces.caller());
	}

	@Test
	void uppercase_refused_linkedDefinitely_reasonNamesTheRule() throws Exception {
		Pieces pieces = call("uppercase");

		String reason = lostCall(pieces, "definite").get("reason").asString();
		assertThat(reason)
			.startsWith("backend refused the traceparent: trace-id: expected 32 lowercase hex characters, found uppercase '");
		assertThat(restart(pieces, "definite").get("reason").asString()).isEqualTo(reason);
	}

	@Test
	void b3_notRead_lostAndRestarted() throws Exception {
		Pieces pieces = call("b3");

		assertThat(lostCall(pieces, "probable").get("reason").asString()).isEqualTo(DROPPED);
	}

	/**
	 * Once the trace has all its spans and has settled, nothing broke: no restart, no lost call. The
	 * backend's calls to its database, which no span on the other side answers, are untraced calls, and
	 * its call to the third party, known only by an address, a call to an unknown callee: facts, not breaks.
	 */
	@Test
	void normal_oneTrace_noBreaks_untracedCallsCounted() throws Exception {
		Pieces pieces = call("normal");
		assertThat(pieces.callee()).isEqualTo(pieces.caller());

		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/traces/" + pieces.caller()), doc -> doc != null && doc.get("span_count").asInt() == 8);
		// settled: judged by the clock of the frontend, which the pending count shows
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/breaks?limit=1000").get("pending_calls").asInt() == 0);
		assertThat(get("/api/traces/" + pieces.caller()).get("breaks")).isEmpty();
		assertThat(get("/api/breaks?limit=1000").get("breaks").valueStream()
			.map(b -> b.get("trace_id").asString())).doesNotContain(pieces.caller());
		// the database and the third party (named by peer.service, as its address alone would not) write no spans
		JsonNode byCallee = get("/api/traces/" + pieces.caller() + "/breaks").at("/untraced_calls/by_callee");
		assertThat(byCallee.valueStream().map((callee) -> callee.get("callee").asString() + " " + callee.get("count").asInt()))
			.as("the database's three spans, the third party's one").containsExactlyInAnyOrder("inventory 3", "exchange-rates 1");
	}

	static List<String> edgeTraceIds() {
		return EdgeTraceIds.generate(0xb4ea_c5L, 2);
	}

	/**
	 * Every valid trace id, each half zero among them, sent by the caller and broken on the way: its
	 * break is found under the id as sent (and, for a zero high half, under its 16-hex form too), and the
	 * break, the view, the list and the other piece's link all name it as sent, however it was asked for.
	 */
	@ParameterizedTest
	@MethodSource("edgeTraceIds")
	void uppercase_everyValidTraceId_breaksFoundAndNamedAsSent(String traceId) throws Exception {
		JsonNode body = get("/api/data?propagation=uppercase", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
		String callee = body.at("/downstream/span/trace_id").asString();
		assertThat(body.at("/span/trace_id").asString()).isEqualTo(traceId);

		JsonNode lost = breakOf(traceId, "lost_downstream");
		assertThat(lost.get("kind").asString()).isEqualTo("lost_downstream");
		assertThat(lost.get("trace_id").asString()).isEqualTo(traceId);
		assertThat(lost.get("other_trace_id").asString()).isEqualTo(callee);
		assertThat(get("/api/traces/" + traceId + "/breaks").get("breaks")).singleElement()
			.satisfies((b) -> assertThat(b.get("trace_id").asString()).isEqualTo(traceId));
		assertThat(get("/api/traces/" + traceId + "/view").get("trace_id").asString()).isEqualTo(traceId);
		assertThat(breakOf(callee, "restarted_here").get("other_trace_id").asString()).isEqualTo(traceId);
		assertThat(get("/api/traces?limit=1000").get("traces").valueStream()
			.filter((t) -> t.get("trace_id").asString().equals(traceId))).singleElement()
			.satisfies((t) -> assertThat(t.get("breaks").asInt()).isEqualTo(1));
		assertThat(get("/api/breaks?limit=1000").get("breaks").valueStream()
			.filter((b) -> b.get("trace_id").asString().equals(traceId))).hasSize(1);
		if (traceId.startsWith("0000000000000000")) {
			String shortForm = traceId.substring(16);
			assertThat(get("/api/traces/" + shortForm + "/breaks").get("breaks")).hasSize(1);
			// asked by either form, a document names the trace in tracer's one form, the id as sent
			assertThat(get("/api/traces/" + shortForm + "/view").get("trace_id").asString()).isEqualTo(traceId);
			assertThat(get("/api/traces/" + shortForm).get("trace_id").asString()).isEqualTo(traceId);
		}
	}

	@Test
	void unknownMode_400() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/data?propagation=gzip")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("detail").asString())
			.isEqualTo("propagation: expected normal, dropped, uppercase or b3");
	}

	/** The two traces one request made: the frontend's and the backend's. */
	private record Pieces(String caller, String callee) {
	}

	private static Pieces call(String mode) throws Exception {
		JsonNode body = get("/api/data?propagation=" + mode);
		return new Pieces(body.at("/span/trace_id").asString(), body.at("/downstream/span/trace_id").asString());
	}

	/** The caller's lost call, once found, linked to the callee's trace with {@code link}. */
	private static JsonNode lostCall(Pieces pieces, String link) {
		JsonNode lost = breakOf(pieces.caller(), "lost_downstream");
		assertThat(lost.get("link").asString()).isEqualTo(link);
		assertThat(lost.get("other_trace_id").asString()).isEqualTo(pieces.callee());
		return lost;
	}

	/** The callee's new trace, once found, judged a restart with {@code confidence}. */
	private static JsonNode restart(Pieces pieces, String confidence) {
		JsonNode restart = breakOf(pieces.callee(), "restarted_here");
		assertThat(restart.get("confidence").asString()).isEqualTo(confidence);
		return restart;
	}

	/** The one break of that kind in a trace, once both services' spans arrived and the call's trace settled. */
	private static JsonNode breakOf(String traceId, String kind) {
		return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode trace = get("/api/traces/" + traceId);
			if (trace == null) {
				return null;
			}
			List<JsonNode> ofKind = trace.get("breaks").valueStream()
				.filter((found) -> found.get("kind").asString().equals(kind))
				.toList();
			if (ofKind.size() != 1 || ofKind.get(0).get("link").asString().equals("none")) {
				return null;
			}
			return ofKind.get(0);
		}, found -> found != null);
	}

	private static URI uri(String path) {
		return URI.create(services.frontendUrl(path));
	}

	private static JsonNode get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return null;
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
