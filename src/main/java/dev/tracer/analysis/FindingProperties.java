package dev.tracer.analysis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tracer.core.findings.FindingRules;

/**
 * The findings' thresholds ({@code tracer.findings.*}); see {@link FindingRules} and docs/findings.md.
 *
 * @param minRepeats calls of one operation under one parent before they can be N+1
 * @param minRepeatedTime their summed duration before they are worth a finding
 * @param minFill share of the window from the first call's start to the last call's end during which
 * some call runs: lower, the calls are spread out rather than a loop of round trips
 * @param serialOverlap share of the calls' summed time that may overlap and still count as one after
 * another: clocks and rounding blur the edges
 * @param maxConcurrency average calls in flight, while any runs, up to which overlapping calls are
 * "partly parallel" N+1; more is a parallel fan-out
 * @param maskedCoverage share of a failed span's time that a child without error must have run for the
 * failure to be read as a timeout waiting on it
 * @param maxCauses independent error causes listed per trace; the rest are counted
 * @param hotSpotShare share of the critical path one span's own time must own to be named
 * @param topContributors spans the critical-path finding names
 * @param maxSpansPerFinding span ids a finding lists for the viewer to mark (its count stays exact)
 */
@ConfigurationProperties("tracer.findings")
public record FindingProperties(@DefaultValue("5") int minRepeats, @DefaultValue("10ms") Duration minRepeatedTime,
		@DefaultValue("0.6") double minFill, @DefaultValue("0.05") double serialOverlap,
		@DefaultValue("2.0") double maxConcurrency, @DefaultValue("0.9") double maskedCoverage,
		@DefaultValue("20") int maxCauses, @DefaultValue("0.5") double hotSpotShare,
		@DefaultValue("3") int topContributors, @DefaultValue("500") int maxSpansPerFinding) {

	/** The rules, checked by {@link FindingRules}: a bad value fails the start naming the property. */
	FindingRules rules() {
		if (minRepeatedTime.isNegative()) {
			throw new IllegalArgumentException("tracer.findings.min-repeated-time must not be negative: " + minRepeatedTime);
		}
		try {
			return new FindingRules(minRepeats, minRepeatedTime.toNanos() / 1_000L, minFill, serialOverlap,
					maxConcurrency, maskedCoverage, maxCauses, hotSpotShare, topContributors, maxSpansPerFinding);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("tracer.findings: " + ex.getMessage(), ex);
		}
	}

}
