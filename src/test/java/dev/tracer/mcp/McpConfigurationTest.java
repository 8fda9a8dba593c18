package dev.tracer.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The MCP server is off unless asked for: it opens the store to any client that reaches the port. */
class McpConfigurationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(McpConfiguration.class);

	@Test
	void shouldBeOffByDefault() {
		contexts.run((context) -> assertThat(context).doesNotHaveBean(McpSyncServer.class)
			.doesNotHaveBean("mcpServlet"));
	}

	@Test
	void shouldRefuseAPathWithAWildcard() {
		contexts.withPropertyValues("tracer.mcp.enabled=true", "tracer.mcp.path=/mcp/*")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("tracer.mcp.path: expected a path starting with /, without *"));
	}

}
