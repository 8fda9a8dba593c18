package dev.tracer.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tracer.core.breaks.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What became of the frontend's call to the backend, one {@link CallOutcome} per call judged, for each
 * of the demo's {@code ?propagation=} modes over real HTTP: each mode its own reason, as the propagation
 * map counts them apart. The outcomes are caught by a {@code Consumer<CallOutcome>} bean, as the map's.
 *
 * <pre>
 * mode       outcome of frontend's call to backend   reason
 * normal     CONTINUED                                -
 * dropped    BROKEN                                   dropped
 * uppercase  BROKEN                                   refused: trace-id: expected 32 lowercase hex characters
 * b3         BROKEN                                   not W3C: b3
 * </pre>
 */
class PropagationOutcomesTest {

	@RegisterExtension
	static final DemoServicesExtension services = new DemoServicesExtension(
			DemoServices.reportingToFrontend("--tracer.breaks.settle=500ms").withSource(Outcomes.class));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", value = {
		"normal    | CONTINUED | -",
		"dropped   | BROKEN    | dropped",
		"uppercase | BROKEN    | refused: trace-id: expected 32 lowercase hex characters",
		"b3        | BROKEN    | not W3C: b3" })
	void mode_frontendsCall_itsOwnOutcomeAndReason(String mode, CallOutcome.Outcome outcome, String reason) throws Exception {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(services.frontendUrl("/api/data?propagation=" + mode))).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode body = JSON.readTree(response.body());
		String traceId = body.at("/span/trace_id").asString();
		List<CallOutcome> caught = services.services().frontendBean(Outcomes.class).caught;

		CallOutcome call = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
			.until(() -> caught.stream()
				.filter(o -> o.call().traceId().equals(traceId) && "frontend".equals(o.caller()))
				.filter(o -> o.outcome() != CallOutcome.Outcome.UNTRACED && o.outcome() != CallOutcome.Outcome.UNKNOWN_CALLEE)
				.findFirst()
				.orElse(null), found -> found != null);

		assertThat(call.outcome()).isEqualTo(outcome);
		assertThat(call.reason()).isEqualTo(reason);
		assertThat(call.callee()).isEqualTo("backend");
		assertThat(caught.stream().filter(o -> o.call().equals(call.call()))).as("judged once").hasSize(1);
	}

	/** Catches every outcome the frontend's analysis judges. */
	@Configuration(proxyBeanMethods = false)
	static class Outcomes {

		final List<CallOutcome> caught = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<CallOutcome> catchOutcomes() {
			return caught::add;
		}

	}

}
