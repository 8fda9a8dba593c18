package dev.tracer.api;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Real B3 traces (src/test/resources/corpus-shared) through the Zipkin intake and every read of the
 * API: an RPC recorded as a client and a shared server half is one span in the list, the nested
 * document, the flat view, find and the details; a clock-skewed server half is placed and marked.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class SharedSpanApiTests {

	private static final String YELP = "a03ee8fff1dcd9b9";

	private static final String SKEW = "1e223ff1f80f1c69";

	@Autowired
	private MockMvc mvc;

	/** The store outlives each test of this context: each trace is posted once, or it would be its own duplicate. */
	private static boolean posted;

	@BeforeEach
	void postCorpus() throws Exception {
		if (posted) {
			return;
		}
		for (String name : List.of("zipkin-lens-yelp.json", "zipkin-lens-skew.json")) {
			byte[] body;
			try (InputStream in = getClass().getResourceAsStream("/corpus-shared/" + name)) {
				body = in.readAllBytes();
			}
			mvc.perform(post("/api/v2/spans").contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isAccepted());
		}
		posted = true;
	}

	@Test
	void list_yelp_countsEachRpcOnceAndIsComplete() throws Exception {
		mvc.perform(get("/api/traces").param("service", "spectre"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.traces", hasSize(1)))
			.andExpect(jsonPath("$.traces[0].span_count").value(13))
			.andExpect(jsonPath("$.traces[0].duplicates").value(0))
			.andExpect(jsonPath("$.traces[0].incomplete").value(false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/traces/{traceId}", "/api/traces/{traceId}/view" })
	void nestedDocumentAndView_yelp_oneSpanPerRpcNoDuplicates(String document) throws Exception {
		mvc.perform(get(document, YELP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span_count").value(13))
			.andExpect(jsonPath("$.duplicates", empty()));
	}

	@Test
	void view_yelp_oneRowPerRpcWithItsServerService() throws Exception {
		mvc.perform(get("/api/traces/{traceId}/view", YELP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.services", hasItem("spectre")))
			.andExpect(jsonPath("$.rows.server", hasSize(13)))
			// rows: routing, the envoy RPC to yelp_main/api_proxy, ...
			.andExpect(jsonPath("$.rows.span_ids").value(org.hamcrest.Matchers.startsWith("2e8cfb154b59a41f668ed78ad94b35a1")))
			.andExpect(jsonPath("$.rows.flags[1]").value(org.hamcrest.Matchers.greaterThanOrEqualTo(TraceView.SHARED)))
			.andExpect(jsonPath("$.skews.row", empty()));
	}

	@Test
	void nestedDocument_yelp_rpcNodeCarriesItsServerHalf() throws Exception {
		mvc.perform(get("/api/traces/{traceId}", YELP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tree[0].service").value("routing"))
			.andExpect(jsonPath("$.tree[0].children[0].span_id").value("668ed78ad94b35a1"))
			.andExpect(jsonPath("$.tree[0].children[0].service").value("unknown"))
			.andExpect(jsonPath("$.tree[0].children[0].server.service").value("yelp_main/api_proxy"))
			.andExpect(jsonPath("$.tree[0].children[0].server.duration").value(88935));
	}

	@Test
	void findAndDetails_yelp_serverHalfIsPartOfTheRow() throws Exception {
		mvc.perform(get("/api/traces/{traceId}/find", YELP).param("q", "spectre"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1));
		mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", YELP, "7a778764a0d0b594"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("mobile_api"))
			.andExpect(jsonPath("$.kind").value("client"))
			.andExpect(jsonPath("$.duration").value(3000))
			.andExpect(jsonPath("$.copies").value(1))
			.andExpect(jsonPath("$.remote_service").value("spectre"))
			.andExpect(jsonPath("$.server.service").value("spectre"))
			.andExpect(jsonPath("$.server.kind").value("server"))
			.andExpect(jsonPath("$.server.duration").value(1490))
			.andExpect(jsonPath("$.server.tags.region").value("uswest1-prod"));
		mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", YELP, "668ed78ad94b35a1"))
			.andExpect(jsonPath("$.server_annotations[0].value").value("py_zipkin.logging_end"));
	}

	/** The skew example: see SharedSpanCorpusTest for the arithmetic. */
	@Test
	void view_skew_serverHalfPlacedMarkedAndItsChildShifted() throws Exception {
		mvc.perform(get("/api/traces/{traceId}/view", SKEW))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.span_count").value(3))
			.andExpect(jsonPath("$.services", contains("servicea", "serviceb")))
			.andExpect(jsonPath("$.rows.service", contains(0, 0, 1)))
			.andExpect(jsonPath("$.rows.server", contains(-1, 1, -1)))
			.andExpect(jsonPath("$.rows.shift", contains(0, 0, 65922)))
			.andExpect(jsonPath("$.rows.flags[1]").value(TraceView.SHARED | TraceView.CRITICAL))
			.andExpect(jsonPath("$.rows.flags[2]").value(TraceView.SHIFTED | TraceView.CRITICAL))
			.andExpect(jsonPath("$.skews.row", contains(1)))
			.andExpect(jsonPath("$.skews.server_half", contains(true)))
			.andExpect(jsonPath("$.skews.shift", contains(65922)))
			.andExpect(jsonPath("$.skews.from_service", contains(0)))
			.andExpect(jsonPath("$.skews.to_service", contains(1)))
			.andExpect(jsonPath("$.skews.from_host", contains(1)))
			.andExpect(jsonPath("$.skews.to_host", contains(2)))
			.andExpect(jsonPath("$.hosts", contains("", "servicea@127.0.0.0", "serviceb@192.0.0.0")))
			.andExpect(jsonPath("$.rows.host", contains(1, 1, 2)));
	}

}
