package dev.tracer;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

import dev.tracer.node.NodeConfiguration;

/**
 * Starts tracer in one of its modes, chosen by Spring profile:
 * <ul>
 * <li>{@code node}: the JSON-lines node on stdin/stdout, the smallest context there is;</li>
 * <li>{@code frontend} or {@code backend}: one demo service;</li>
 * <li>none of these: both demo services in one JVM, each its own application context (the backend
 * first, so that the frontend's first call finds it).</li>
 * </ul>
 * No component scanning: each mode imports exactly the configuration it needs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import({ NodeConfiguration.class, WebModeConfiguration.class })
public class TracingApplication {

	public static void main(String[] args) {
		Map<String, String> env = System.getenv();
		if (RequestedProfiles.any(args, env, "node")) {
			// stdout carries protocol lines only: whatever else prints (a library, a log appender) goes to
			// stderr, and the node writes to file descriptor 1 itself
			System.setOut(System.err);
			SpringApplication.run(TracingApplication.class, args);
		}
		else if (RequestedProfiles.any(args, env, "frontend", "backend")) {
			SpringApplication.run(TracingApplication.class, args);
		}
		else {
			new SpringApplicationBuilder(TracingApplication.class).profiles("backend").run(args);
			new SpringApplicationBuilder(TracingApplication.class).profiles("frontend").run(args);
		}
	}

}
