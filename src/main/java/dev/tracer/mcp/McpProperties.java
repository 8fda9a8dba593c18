package dev.tracer.mcp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MCP server ({@code tracer.mcp.*}).
 *
 * @param enabled whether the server answers at all: off by default, as it opens the store to any MCP
 * client that can reach the port
 * @param path where it answers, Streamable HTTP (POST for requests, GET for the server's stream)
 */
@ConfigurationProperties("tracer.mcp")
public record McpProperties(@DefaultValue("false") boolean enabled, @DefaultValue("/mcp") String path) {

	public McpProperties {
		if (path == null || !path.startsWith("/") || path.contains("*")) {
			throw new IllegalArgumentException("tracer.mcp.path: expected a path starting with /, without *, found " + path);
		}
	}

}
