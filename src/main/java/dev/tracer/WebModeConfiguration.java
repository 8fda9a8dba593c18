package dev.tracer;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

import dev.tracer.demo.DemoConfiguration;
import dev.tracer.web.WebConfiguration;

/**
 * The web mode: everything but the node. Auto-configuration is enabled here rather than on the
 * application class so that the node profile, which skips this class, starts without it. It lives beside
 * the application class, not in {@code web}, because it puts the web layer and the demo services
 * together: {@code demo} uses {@code web}, and {@code web} knows nothing of {@code demo}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!node")
@EnableAutoConfiguration
@Import({ WebConfiguration.class, DemoConfiguration.class })
public class WebModeConfiguration {

}
