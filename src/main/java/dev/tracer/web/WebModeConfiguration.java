package dev.tracer.web;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

import dev.tracer.demo.DemoConfiguration;

/**
 * The web mode: everything but the node. Auto-configuration is enabled here rather than on the
 * application class so that the node profile, which skips this class, starts without it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!node")
@EnableAutoConfiguration
@Import({ WebConfiguration.class, DemoConfiguration.class })
public class WebModeConfiguration {

}
