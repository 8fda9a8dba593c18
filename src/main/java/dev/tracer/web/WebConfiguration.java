package dev.tracer.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.tracer.analysis.BreakConfiguration;
import dev.tracer.analysis.FindingConfiguration;
import dev.tracer.analysis.PropagationMapConfiguration;
import dev.tracer.api.ApiConfiguration;
import dev.tracer.instrumentation.InstrumentationConfiguration;
import dev.tracer.intake.IntakeConfiguration;
import dev.tracer.mcp.McpConfiguration;
import dev.tracer.problem.ProblemConfiguration;
import dev.tracer.store.config.StoreConfiguration;

/**
 * What every service of the web mode has, put together: the guards at the edge (security headers, the
 * check of {@code Host}), the instrumentation, the span store, the intakes, the analyses, the HTTP API,
 * the MCP server when it is on, and one way of answering errors.
 */
@Configuration(proxyBeanMethods = false)
@Import({ EdgeConfiguration.class, InstrumentationConfiguration.class, StoreConfiguration.class,
		IntakeConfiguration.class, BreakConfiguration.class, FindingConfiguration.class,
		PropagationMapConfiguration.class, ApiConfiguration.class,
		ProblemConfiguration.class, McpConfiguration.class })
public class WebConfiguration {

}
