package dev.tracer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Import;

import dev.tracer.node.NodeConfiguration;
import dev.tracer.node.NodeMode;

/**
 * Starts tracer. With the {@code node} profile it is the JSON-lines node on stdin/stdout; the
 * configuration classes imported here decide by profile what runs. No component scanning and no
 * auto-configuration at this level: each mode pulls in only what it needs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import(NodeConfiguration.class)
public class TracingApplication {

	public static void main(String[] args) {
		if (NodeMode.requested(args, System.getenv())) {
			NodeMode.claimStdout();
		}
		SpringApplication.run(TracingApplication.class, args);
	}

}
