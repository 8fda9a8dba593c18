package dev.tracer.node;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The whole Spring context of the {@code node} profile: one runner on the process's stdin and stdout.
 * No auto-configuration, no web server, no tracing exporter: the grader starts a fresh process for every
 * case, so start-up time is the node's latency (docs/design.md, decision 7).
 */
@Configuration(proxyBeanMethods = false)
@Profile("node")
@EnableConfigurationProperties(NodeProperties.class)
public class NodeConfiguration {

	@Bean
	NodeRunner nodeRunner(NodeProperties properties) {
		// the raw file descriptors: System.out is pointed at stderr in node mode (see TracingApplication)
		return new NodeRunner(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
				properties);
	}

}
