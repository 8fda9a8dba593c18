package dev.tracer.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.TracingApplication;
import dev.tracer.core.context.TraceId;
import dev.tracer.store.SpanStore;
import dev.tracer.testing.FindingTraces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP server over real HTTP, asked by the MCP Java SDK's own client (Streamable HTTP): it lists
 * its tools, each answers what the API answers, and bad arguments are tool errors that say why.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tracer.mcp.enabled=true", "management.tracing.export.enabled=false" })
@ActiveProfiles("backend")
class McpServerTest {

	private static final FindingTraces.Pair TRACES = new FindingTraces.Pair("4bf92f3577b34da600000000000f0011",
			"4bf92f3577b34da600000000000f0012");

	@LocalServerPort
	private int port;

	@Autowired
	private SpanStore store;

	private McpSyncClient client;

	@BeforeEach
	void connect() {
		// the context, and its store, outlive one test: the traces are stored once
		if (store.trace(TraceId.parseHex(TRACES.nPlusOne())).isEmpty()) {
			TRACES.storeIn(store);
		}
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
			.endpoint("/mcp")
			.jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
			.build();
		client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
		client.initialize();
	}

	@AfterEach
	void disconnect() {
		client.closeGracefully();
	}

	@Test
	void listTools_namesEachWithItsLimits() {
		List<McpSchema.Tool> tools = client.listTools().tools();

		assertThat(tools).extracting(McpSchema.Tool::name)
			.containsExactlyInAnyOrder("search_traces", "get_trace", "explain_traceparent");
		assertThat(tools).allSatisfy((tool) -> assertThat(tool.description()).isNotBlank());
		assertThat(tools).filteredOn((tool) -> tool.name().equals("get_trace"))
			.singleElement()
			.satisfies((tool) -> assertThat(tool.description()).contains("never listed", "at most 20"));
	}

	@Test
	void searchTraces_byFinding_listsTheTraceWithIt() {
		CallToolResult result = call("search_traces", Map.of("finding", "n_plus_one", "limit", 5));

		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		List<Map<String, Object>> traces = list(structured(result).get("traces"));
		assertThat(traces).extracting((trace) -> trace.get("trace_id")).containsExactly(TRACES.nPlusOne());
		assertThat(text(result)).contains(TRACES.nPlusOne());
	}

	/** The list's own search (TraceSearch): each filter as GET /api/traces reads it. */
	@Test
	void searchTraces_byTheListsSearch_listsWhatItMatches() {
		CallToolResult matched = call("search_traces", Map.of("remote_service", "reports", "tag",
				List.of("http.status_code=504"), "max_duration", 3_000_000, "from", "2026-01-01T00:00:00Z"));
		assertThat(list(structured(matched).get("traces"))).extracting((trace) -> trace.get("trace_id"))
			.containsExactly(TRACES.maskedTimeout());

		CallToolResult tooShort = call("search_traces", Map.of("remote_service", "reports", "max_duration", 1_000_000));
		assertThat(list(structured(tooShort).get("traces"))).isEmpty();

		CallToolResult complete = call("search_traces", Map.of("span_name", "get /orders", "incomplete", true));
		assertThat(list(structured(complete).get("traces"))).isEmpty();
	}

	@Test
	void getTrace_isTheSummaryWithFindingsAndNoSpans() {
		CallToolResult result = call("get_trace", Map.of("trace_id", TRACES.maskedTimeout()));

		Map<String, Object> answer = structured(result);
		assertThat(answer).containsEntry("trace_id", TRACES.maskedTimeout()).containsEntry("span_count", 4)
			.containsEntry("viewer", "/?trace=" + TRACES.maskedTimeout())
			.containsKeys("breaks", "findings").doesNotContainKey("tree");
		List<Map<String, Object>> findings = list(answer.get("findings"));
		assertThat(findings.get(0)).containsEntry("kind", "masked_timeout").containsEntry("confidence", "definite");
		assertThat((String) findings.get(0).get("summary")).contains("by a timeout");

		Map<String, Object> nPlusOne = list(structured(call("get_trace", Map.of("trace_id", TRACES.nPlusOne())))
			.get("findings")).get(0);
		assertThat(nPlusOne).containsEntry("kind", "n_plus_one").containsEntry("span_count", 13);
		assertThat(list(nPlusOne.get("spans"))).hasSize(13);
	}

	@Test
	void explainTraceparent_acceptedAndRefused() {
		Map<String, Object> good = structured(call("explain_traceparent",
				Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
		assertThat(good).containsEntry("accepted", true)
			.containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
			.containsEntry("sampled", true);

		Map<String, Object> bad = structured(call("explain_traceparent",
				Map.of("traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")));
		assertThat(bad).containsEntry("accepted", false).containsEntry("index", 4);
		assertThat((String) bad.get("reason")).contains("uppercase");
	}

	@Test
	void badArguments_areToolErrorsThatSayWhy() {
		assertToolError(call("get_trace", Map.of("trace_id", "xyz")), "trace_id: expected 16 or 32 hex characters");
		assertToolError(call("get_trace", Map.of()), "trace_id: missing");
		assertToolError(call("get_trace", Map.of("trace_id", "4bf92f3577b34da600000000000fffff")), "no trace");
		assertToolError(call("search_traces", Map.of("limit", 5000)), "limit: expected 1 to 50, found 5000");
		assertToolError(call("search_traces", Map.of("finding", "slow")), "finding: expected one of");
		assertToolError(call("search_traces", Map.of("spans", true)), "spans: not an argument of this tool");
		assertToolError(call("search_traces", Map.of("since", "yesterday")), "since: expected a time before now");
		assertToolError(call("search_traces", Map.of("tag", "error")), "tag: expected a list of strings");
		assertToolError(call("search_traces", Map.of("breaks", "yes")), "breaks: expected true or false");
		assertToolError(call("explain_traceparent", Map.of("traceparent", 7)), "traceparent: expected a string");
	}

	private CallToolResult call(String tool, Map<String, Object> arguments) {
		return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
	}

	private static void assertToolError(CallToolResult result, String message) {
		assertThat(result.isError()).as("isError of %s", result).isTrue();
		assertThat(text(result)).contains(message);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> structured(CallToolResult result) {
		assertThat(result.isError()).as("isError of %s", result).isNotEqualTo(Boolean.TRUE);
		return (Map<String, Object>) result.structuredContent();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

	private static String text(CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

}
