package dev.tracer.mcp;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tracer.analysis.StoreBreaks;
import dev.tracer.analysis.StoreFindings;
import dev.tracer.store.SpanStore;

/**
 * The MCP server when {@code tracer.mcp.enabled=true}: the SDK's servlet transport for Streamable HTTP,
 * registered as a servlet at {@code tracer.mcp.path}, and a synchronous server with {@link TraceTools}.
 * A plain JSON mapper, not the application's: the protocol's own field names are camelCase, and the
 * tools' documents carry their snake_case keys already.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpProperties.class)
@ConditionalOnProperty(name = "tracer.mcp.enabled", havingValue = "true")
public class McpConfiguration {

	@Bean
	HttpServletStreamableServerTransportProvider mcpTransport(McpProperties properties) {
		return HttpServletStreamableServerTransportProvider.builder()
			.jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
			.mcpEndpoint(properties.path())
			.build();
	}

	@Bean
	ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
			HttpServletStreamableServerTransportProvider transport, McpProperties properties) {
		ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration = new ServletRegistrationBean<>(
				transport, properties.path());
		registration.setName("mcp");
		// the server's stream (GET) and its answers are written asynchronously
		registration.setAsyncSupported(true);
		return registration;
	}

	@Bean(destroyMethod = "closeGracefully")
	McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, SpanStore store, StoreBreaks breaks,
			StoreFindings findings) {
		TraceTools tools = new TraceTools(store, breaks, findings);
		return McpServer.sync(transport)
			.serverInfo("tracer", "0.1.0")
			.instructions(TraceTools.INSTRUCTIONS)
			.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
			// the tools check their arguments themselves, in the API's words ("limit: expected 1 to 50, found 5000");
			// the schemas still tell a client what to send
			.validateToolInputs(false)
			.tools(tools.specifications())
			.build();
	}

}
