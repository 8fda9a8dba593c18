package dev.tracer.analysis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tracer.core.breaks.BreakRules;

/**
 * The break analysis's tolerances ({@code tracer.breaks.*}); see {@link BreakRules}.
 *
 * @param settle how long a trace must have been quiet before a call in it without a child is a lost
 * call: the services report every 100 ms ({@code tracer.reporting.message-timeout}), so a few seconds
 * covers a batch, a retry and a slow network
 * @param skew how far apart two services' clocks may be: a new trace is a call's continuation only if
 * it started within the call's window widened by this much on both sides. Larger finds continuations
 * across badly synchronised hosts, and makes busy paths ambiguous sooner
 */
@ConfigurationProperties("tracer.breaks")
public record BreakProperties(@DefaultValue("5s") Duration settle, @DefaultValue("50ms") Duration skew) {

	public BreakProperties {
		if (settle.isNegative() || skew.isNegative()) {
			throw new IllegalArgumentException("tracer.breaks.settle and .skew must not be negative: " + settle + ", " + skew);
		}
	}

	BreakRules rules() {
		return new BreakRules(micros(settle), micros(skew));
	}

	private static long micros(Duration duration) {
		return duration.toNanos() / 1_000L;
	}

}
