package dev.tracer.demo;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo services ({@code tracer.demo.*}). The timeouts of the calls are Spring Boot's
 * own {@code spring.http.clients.connect-timeout} and {@code read-timeout}; the backend's database is
 * {@code tracer.demo.datasource.*}, Boot's {@code spring.datasource.*} keys under another prefix.
 *
 * @param downstream the backend's base URL as the frontend sees it
 * @param thirdPartyUrl the base URL of the exchange-rate API the backend calls ({@code GET /v1/rates});
 * unset, the backend starts an untraced stand-in of its own on the loopback address
 */
@ConfigurationProperties("tracer.demo")
public record DemoProperties(@DefaultValue("http://localhost:8081") URI downstream, URI thirdPartyUrl) {
}
