package dev.tracer.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.store.SpanStore;
import dev.tracer.testing.FindingTraces;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The findings in the API: their own endpoint, the trace document's member and the list's filter. */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class FindingApiTests {

	private static final FindingTraces.Pair TRACES = new FindingTraces.Pair("4bf92f3577b34da600000000000f0001",
			"4bf92f3577b34da600000000000f0002");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	@Test
	void findings_nPlusOne_isTheGroupWithItsFacts() throws Exception {
		TRACES.storeIn(store);
		mvc.perform(get("/api/traces/{id}/findings", TRACES.nPlusOne()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.findings[0].kind").value("n_plus_one"))
			.andExpect(jsonPath("$.findings[0].confidence").value("definite"))
			.andExpect(jsonPath("$.findings[0].span_id").value("00000000000f0001"))
			.andExpect(jsonPath("$.findings[0].spans", hasSize(13)))
			.andExpect(jsonPath("$.findings[0].facts.operation").value("db: select * from item where id = ?"))
			.andExpect(jsonPath("$.findings[0].facts.count").value(12))
			.andExpect(jsonPath("$.findings[0].facts.serial").value(true))
			.andExpect(jsonPath("$.findings[0].evidence[0]", startsWith("12 calls of one operation")));
	}

	@Test
	void trace_documentHasItsFindings() throws Exception {
		TRACES.storeIn(store);
		mvc.perform(get("/api/traces/{id}", TRACES.maskedTimeout()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.findings[0].kind").value("masked_timeout"))
			.andExpect(jsonPath("$.findings[0].facts.slow_ids[2]").value("00000000000f1004"))
			.andExpect(jsonPath("$.findings[0].facts.timeout_said").value(true));
	}

	@Test
	void traces_filteredByFinding_listOnlyTracesThatHaveIt() throws Exception {
		TRACES.storeIn(store);
		mvc.perform(get("/api/traces").param("finding", "n_plus_one"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.traces[*].trace_id", hasItem(TRACES.nPlusOne())))
			.andExpect(jsonPath("$.traces[*].trace_id", not(hasItem(TRACES.maskedTimeout()))))
			.andExpect(jsonPath("$.finding_scan.most").value(1000));
		mvc.perform(get("/api/traces").param("finding", "MASKED_TIMEOUT"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.traces[*].trace_id", hasItem(TRACES.maskedTimeout())))
			.andExpect(jsonPath("$.traces[*].trace_id", not(hasItem(TRACES.nPlusOne()))));
	}

	@Test
	void traces_unknownFinding_isProblem() throws Exception {
		expectProblem(mvc.perform(get("/api/traces").param("finding", "slow")), 400,
				"finding: expected one of n_plus_one, error_root_cause, masked_timeout, swallowed_error, critical_path, found \"slow\"");
	}

	@Test
	void findings_unknownTrace_isNotFound() throws Exception {
		expectProblem(mvc.perform(get("/api/traces/{id}/findings", "4bf92f3577b34da600000000000fffff")), 404);
	}

}
