package dev.tracer.instrumentation;

import brave.handler.MutableSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.core.context.TraceTags;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The evidence each server span carries ({@link TraceTags}), through the backend's {@code GET /api/data},
 * and the paths the viewer uses that make no span.
 */
@ActiveProfiles("backend")
class TraceEvidenceTagsTests extends TracedSliceTest {

	private static final String TRACEPARENT = W3CSamples.TRACEPARENT;

	@Test
	void validTraceparentAndTracestate_receivedValidKept() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT).header("tracestate", "congo=t61rcWkgMzE"))
			.andExpect(status().isOk());

		assertThat(finished.onlyServerSpan().tags()).containsEntry(TraceTags.TRACEPARENT_RECEIVED, TRACEPARENT)
			.containsEntry(TraceTags.TRACEPARENT_VALID, "true")
			.containsEntry(TraceTags.TRACESTATE_RECEIVED, "congo=t61rcWkgMzE")
			.containsEntry(TraceTags.TRACESTATE_VERDICT, TraceTags.KEPT)
			.doesNotContainKeys(TraceTags.TRACEPARENT_INVALID, TraceTags.TRACESTATE_DROPPED);
	}

	@Test
	void invalidTraceparent_reasonAndTracestateDropped() throws Exception {
		String upper = TRACEPARENT.toUpperCase();
		mvc.perform(get("/api/data").header("traceparent", upper).header("tracestate", "congo=t61rcWkgMzE"))
			.andExpect(status().isOk());

		assertThat(finished.onlyServerSpan().tags()).containsEntry(TraceTags.TRACEPARENT_RECEIVED, upper)
			.containsEntry(TraceTags.TRACEPARENT_VALID, "false")
			.containsEntry(TraceTags.TRACESTATE_VERDICT, TraceTags.DROPPED)
			.containsEntry(TraceTags.TRACESTATE_DROPPED, "not used: the traceparent is invalid");
		assertThat(finished.onlyServerSpan().tags().get(TraceTags.TRACEPARENT_INVALID))
			.startsWith("trace-id: expected 32 lowercase hex characters, found uppercase 'B' at index 4");
	}

	/** A context sent in another format is named, so a break tells "not W3C" from "dropped". */
	@Test
	void b3Only_otherPropagationNamed() throws Exception {
		mvc.perform(get("/api/data").header("b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"))
			.andExpect(status().isOk());

		assertThat(finished.onlyServerSpan().tags()).containsEntry(TraceTags.OTHER_PROPAGATION, "b3")
			.containsEntry(TraceTags.TRACEPARENT_VALID, "false")
			.doesNotContainKey(TraceTags.TRACEPARENT_RECEIVED);
	}

	@Test
	void b3MultiAndJaeger_otherPropagationNamedSorted() throws Exception {
		mvc.perform(get("/api/data").header("X-B3-TraceId", "4bf92f3577b34da6a3ce929d0e0e4736")
			.header("X-B3-SpanId", "00f067aa0ba902b7").header("uber-trace-id", "4bf92f3577b34da6:00f067aa0ba902b7:0:1"))
			.andExpect(status().isOk());

		assertThat(finished.onlyServerSpan().tags()).containsEntry(TraceTags.OTHER_PROPAGATION, "uber-trace-id,x-b3-traceid");
	}

	@Test
	void traceparentOnly_noOtherPropagation() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT)).andExpect(status().isOk());

		assertThat(finished.onlyServerSpan().tags()).doesNotContainKey(TraceTags.OTHER_PROPAGATION);
	}

	@Test
	void noHeaders_notValid_nothingReceived() throws Exception {
		mvc.perform(get("/api/data")).andExpect(status().isOk());

		assertThat(finished.onlyServerSpan().tags()).containsEntry(TraceTags.TRACEPARENT_VALID, "false")
			.containsEntry(TraceTags.TRACESTATE_VERDICT, TraceTags.ABSENT)
			.doesNotContainKeys(TraceTags.TRACEPARENT_RECEIVED, TraceTags.TRACEPARENT_INVALID,
					TraceTags.TRACESTATE_RECEIVED);
	}

	@Test
	void invalidTracestate_dropped_traceparentKept() throws Exception {
		mvc.perform(get("/api/data").header("traceparent", TRACEPARENT).header("tracestate", "Bad=1"))
			.andExpect(status().isOk());

		MutableSpan server = finished.onlyServerSpan();
		assertThat(server.tags()).containsEntry(TraceTags.TRACEPARENT_VALID, "true")
			.containsEntry(TraceTags.TRACESTATE_RECEIVED, "Bad=1")
			.containsEntry(TraceTags.TRACESTATE_VERDICT, TraceTags.DROPPED)
			.containsKey(TraceTags.TRACESTATE_DROPPED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/index.html", "/viewer/app.js", "/favicon.svg", "/api/traces",
			"/api/traces/" + W3CSamples.TRACE_ID + "/view", "/api/traces/" + W3CSamples.TRACE_ID + "/find?q=x",
			"/api/breaks" })
	void viewerPaths_makeNoSpan(String path) throws Exception {
		mvc.perform(get(path).header("traceparent", TRACEPARENT));

		assertThat(finished.spans()).isEmpty();
	}

	@Test
	void viewerPost_makesNoSpan() throws Exception {
		mvc.perform(post("/api/traceparent/parse").contentType(MediaType.APPLICATION_JSON)
			.content("{\"traceparent\": \"" + TRACEPARENT + "\"}"));

		assertThat(finished.spans()).isEmpty();
	}

	@Test
	void sentTraceparentTag_readsTheHeaderTheCallCarried() {
		MockClientHttpRequest request = new MockClientHttpRequest();
		request.getHeaders().add("traceparent", TRACEPARENT);
		ClientRequestObservationContext context = new ClientRequestObservationContext(request);

		new SentTraceparentTag().map(context);

		assertThat(context.getHighCardinalityKeyValue(TraceTags.TRACEPARENT_SENT).getValue()).isEqualTo(TRACEPARENT);
	}

	@Test
	void sentTraceparentTag_noHeader_noTag() {
		ClientRequestObservationContext context = new ClientRequestObservationContext(new MockClientHttpRequest());

		new SentTraceparentTag().map(context);

		assertThat(context.getHighCardinalityKeyValue(TraceTags.TRACEPARENT_SENT)).isNull();
	}

}
