package dev.tracer.demo;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo services ({@code tracer.demo.*}). The timeouts of the call are Spring Boot's
 * own {@code spring.http.clients.connect-timeout} and {@code read-timeout}.
 *
 * @param downstream the backend's base URL as the frontend sees it
 */
@ConfigurationProperties("tracer.demo")
public record DemoProperties(@DefaultValue("http://localhost:8081") URI downstream) {
}
