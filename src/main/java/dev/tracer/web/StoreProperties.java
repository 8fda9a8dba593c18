package dev.tracer.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the in-memory span store ({@code tracer.store.*}).
 *
 * @param maxSpans how many spans the store keeps; past that, whole traces are evicted oldest first
 * and counted ({@code GET /api/traces} and the {@code tracer.store.evicted.spans} metric)
 */
@ConfigurationProperties("tracer.store")
public record StoreProperties(@DefaultValue("100000") int maxSpans) {
}
