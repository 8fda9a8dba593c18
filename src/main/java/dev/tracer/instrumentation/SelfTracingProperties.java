package dev.tracer.instrumentation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether tracer traces its own traffic ({@code tracer.self-tracing.*}): the viewer's files and every read
 * of tracer's API ({@link SelfTraffic}). Off by default, as a Zipkin server traces itself only with
 * {@code SELF_TRACING_ENABLED}: a tool's own reads are not the user's traffic, and traced, every trace the
 * viewer opens would add one to the list it shows.
 *
 * @param enabled whether tracer's own API and the viewer's files make spans
 */
@ConfigurationProperties("tracer.self-tracing")
public record SelfTracingProperties(@DefaultValue("false") boolean enabled) {
}
