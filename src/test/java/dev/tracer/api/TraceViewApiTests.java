package dev.tracer.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.tracer.store.SpanStore;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.TracingSlice;
import dev.tracer.web.WebConfiguration;

import static dev.tracer.testing.MvcProblems.expectProblem;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.span;
import static dev.tracer.testing.TestObjects.spanId;
import static dev.tracer.testing.TestObjects.traceId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the viewer reads: the flat document, one span's details and the filtered trace list. The store
 * is shared by the tests of this context, so each test uses trace ids and services of its own.
 */
@WebMvcTest
@ContextConfiguration(classes = { WebConfiguration.class, TracingSlice.class })
class TraceViewApiTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SpanStore store;

	/**
	 * <pre>
	 * view-a  get /hello  server  0 .. 300 us
	 * +-- view-b  get /api  client  100 .. 200  error
	 * c9 (parent ff absent)          50 .. 60  orphan
	 * </pre>
	 */
	@Test
	void view_rowsFlagsAndCriticalPath() throws Exception {
		String traceId = "4bf92f3577b34da600000000000c0001";
		store.accept(List.of(span(traceId, "00000000000c0002", "00000000000c0001", "view-b", 100, 100).toBuilder()
			.kind(Span.Kind.CLIENT).putTag("error", "500").build(),
				span(traceId, "00000000000c0001", null, "view-a", 0, 300).toBuilder().kind(Span.Kind.SERVER).build(),
				span(traceId, "00000000000c0009", "00000000000c00ff", "view-a", 50, 10)));

		mvc.perform(get("/api/traces/{traceId}/view", traceId))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trace_id").value(traceId))
			.andExpect(jsonPath("$.span_count").value(3))
			.andExpect(jsonPath("$.depth").value(2))
			.andExpect(jsonPath("$.start").value(TODAY))
			.andExpect(jsonPath("$.duration").value(300))
			.andExpect(jsonPath("$.services", contains("view-a", "view-b")))
			.andExpect(jsonPath("$.orphans").value(1))
			.andExpect(jsonPath("$.rows.span_ids").value("00000000000c0001" + "00000000000c0002" + "00000000000c0009"))
			.andExpect(jsonPath("$.rows.parent", contains(-1, 0, -1)))
			.andExpect(jsonPath("$.rows.depth", contains(1, 2, 1)))
			.andExpect(jsonPath("$.rows.start", contains(0, 100, 50)))
			.andExpect(jsonPath("$.rows.service", contains(0, 1, 0)))
			.andExpect(jsonPath("$.rows.flags", contains(TraceView.CRITICAL, TraceView.CRITICAL | TraceView.ERROR,
					TraceView.ORPHAN)))
			.andExpect(jsonPath("$.critical_path.row", contains(0, 1, 0)))
			.andExpect(jsonPath("$.critical_path.start", contains(0, 100, 200)))
			.andExpect(jsonPath("$.critical_path.end", contains(100, 200, 300)));
	}

	@Test
	void view_unknownTrace_is404() throws Exception {
		expectProblem(mvc.perform(get("/api/traces/{traceId}/view", "00000000000000000000000000000bad")), 404,
				"no trace 00000000000000000000000000000bad in the store");
	}

	@Test
	void view_malformedId_is400() throws Exception {
		expectProblem(mvc.perform(get("/api/traces/{traceId}/view", "not-a-trace")), 400,
				"traceId: expected 16 or 32 hex characters, found 11 characters");
	}

	@Test
	void span_details_idsFieldsAndTags() throws Exception {
		String traceId = "4bf92f3577b34da600000000000c0101";
		store.accept(List.of(span(traceId, "00000000000c0101", null, "details", 0, 300),
				span(traceId, "00000000000c0102", "00000000000c0101", "details", 10, 20).toBuilder()
					.kind(Span.Kind.SERVER)
					.putTag("w3c.traceparent.valid", "false")
					.build()));

		mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", traceId, "00000000000C0102"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trace_id").value(traceId))
			.andExpect(jsonPath("$.span_id").value("00000000000c0102"))
			.andExpect(jsonPath("$.parent_span_id").value("00000000000c0101"))
			.andExpect(jsonPath("$.service").value("details"))
			.andExpect(jsonPath("$.kind").value("server"))
			.andExpect(jsonPath("$.start").value(TODAY + 10))
			.andExpect(jsonPath("$.duration").value(20))
			.andExpect(jsonPath("$.tags['w3c.traceparent.valid']").value("false"))
			.andExpect(jsonPath("$.copies").value(1));
	}

	/** The tree keeps the first copy of a duplicate id; the details do too, and say how many came. */
	@Test
	void span_duplicate_firstCopyAndCount() throws Exception {
		String traceId = "4bf92f3577b34da600000000000c0201";
		store.accept(List.of(span(traceId, "00000000000c0201", null, "first", 0, 300),
				span(traceId, "00000000000c0201", null, "second", 0, 300)));

		mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", traceId, "00000000000c0201"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("first"))
			.andExpect(jsonPath("$.copies").value(2));
	}

	@Test
	void span_unknownSpan_is404() throws Exception {
		String traceId = "4bf92f3577b34da600000000000c0301";
		store.accept(List.of(span(traceId, "00000000000c0301", null, "x", 0, 1)));

		expectProblem(mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", traceId, "00000000000c03ff")), 404,
				"no span 00000000000c03ff in trace " + traceId);
	}

	@Test
	void span_malformedSpanId_is400() throws Exception {
		expectProblem(mvc.perform(get("/api/traces/{traceId}/spans/{spanId}", "4bf92f3577b34da600000000000c0301",
				"xyz")), 400, "spanId: expected 16 hex characters");
	}

	/** Three traces of services no other test uses; each filter picks its own. */
	@Test
	void traces_filtersAndIncompleteColumns() throws Exception {
		String slow = "4bf92f3577b34da600000000000c0401";
		String failing = "4bf92f3577b34da600000000000c0402";
		String broken = "4bf92f3577b34da600000000000c0403";
		store.accept(List.of(span(slow, "00000000000c0401", null, "filter-a", 0, 900_000)));
		store.accept(List.of(span(failing, "00000000000c0402", null, "filter-a", 0, 10).toBuilder()
			.putTag("error", "boom").build(), span(failing, "00000000000c0403", "00000000000c0402", "filter-b", 1, 5)));
		store.accept(List.of(span(broken, "00000000000c0404", "00000000000c04ff", "filter-b", 0, 10),
				span(broken, "00000000000c0404", "00000000000c04ff", "filter-b", 0, 10)));

		mvc.perform(get("/api/traces").param("service", "filter-a"))
			.andExpect(jsonPath("$.traces[*].trace_id", contains(failing, slow)));
		mvc.perform(get("/api/traces").param("service", "filter-b"))
			.andExpect(jsonPath("$.traces[*].trace_id", contains(broken, failing)))
			.andExpect(jsonPath("$.traces[0].orphans").value(1))
			.andExpect(jsonPath("$.traces[0].duplicates").value(1))
			.andExpect(jsonPath("$.traces[0].cycles").value(0))
			.andExpect(jsonPath("$.traces[0].incomplete").value(true))
			.andExpect(jsonPath("$.traces[1].services", contains("filter-a", "filter-b")))
			.andExpect(jsonPath("$.traces[1].incomplete").value(false));
		mvc.perform(get("/api/traces").param("service", "filter-a").param("min_duration", "900000"))
			.andExpect(jsonPath("$.traces[*].trace_id", contains(slow)));
		mvc.perform(get("/api/traces").param("service", "filter-a").param("errors", "true"))
			.andExpect(jsonPath("$.traces", hasSize(1)))
			.andExpect(jsonPath("$.traces[0].trace_id").value(failing));
	}

	/** Rows are the view's: the orphan is row 2 there, and row 2 here. */
	@Test
	void find_byNameServiceIdAndTag_rowsOfTheView() throws Exception {
		String traceId = "4bf92f3577b34da600000000000c0501";
		store.accept(List.of(span(traceId, "00000000000c0502", "00000000000c0501", "find-b", 100, 100).toBuilder()
			.putTag("http.status_code", "500").build(), span(traceId, "00000000000c0501", null, "find-a", 0, 300),
				span(traceId, "00000000000c0509", "00000000000c05ff", "find-a", 50, 10)));

		mvc.perform(get("/api/traces/{traceId}/find", traceId).param("q", "FIND-A"))
			.andExpect(jsonPath("$.rows", contains(0, 2)))
			.andExpect(jsonPath("$.total").value(2));
		mvc.perform(get("/api/traces/{traceId}/find", traceId).param("q", "http.status_code=500"))
			.andExpect(jsonPath("$.rows", contains(1)));
		mvc.perform(get("/api/traces/{traceId}/find", traceId).param("q", "http.status_code=200"))
			.andExpect(jsonPath("$.rows", hasSize(0)));
		mvc.perform(get("/api/traces/{traceId}/find", traceId).param("q", "00000000000c0509"))
			.andExpect(jsonPath("$.rows", contains(2)));
		mvc.perform(get("/api/traces/{traceId}/find", traceId).param("q", "  "))
			.andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void find_noQuery_is400() throws Exception {
		expectProblem(mvc.perform(get("/api/traces/{traceId}/find", "4bf92f3577b34da600000000000c0501")), 400);
	}

	/** The page marks the refused character: the reply says which field and where. */
	@Test
	void parse_refused_fieldAndIndex() throws Exception {
		mvc.perform(post("/api/traceparent/parse").contentType(MediaType.APPLICATION_JSON)
			.content("{\"traceparent\": \"00-4bf9Z2f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("trace-id: expected 32 lowercase hex characters, found 'Z' at index 7"))
			.andExpect(jsonPath("$.field").value("trace-id"))
			.andExpect(jsonPath("$.index").value(7));
	}

	@Test
	void traces_negativeMinDuration_is400() throws Exception {
		expectProblem(mvc.perform(get("/api/traces").param("min_duration", "-1")), 400,
				"min_duration: expected microseconds, 0 or more, found -1");
	}

	private static Span span(String traceId, String id, String parentId, String service, long start, long duration) {
		return Span.newBuilder()
			.traceId(traceId)
			.id(id)
			.parentId(parentId)
			.localEndpoint(Endpoint.newBuilder().serviceName(service).build())
			.name("get /" + service)
			.timestamp(TODAY + start)
			.duration(duration)
			.build();
	}

}
