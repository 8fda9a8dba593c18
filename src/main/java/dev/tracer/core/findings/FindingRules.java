package dev.tracer.core.findings;

/**
 * The thresholds of the findings, each named after what it decides (docs/findings.md gives the
 * reasons for the defaults).
 *
 * <pre>{@code
 * N+1 calls
 *   minRepeats         5     calls of one operation under one parent before they are a repetition
 *   minRepeatedMicros  10ms  their summed duration: five calls of a few microseconds cost nothing
 *   minFill            0.6   time some call runs / the window from the first start to the last end:
 *                            below it, the calls are spread out, not a loop of round trips
 *   serialOverlap      0.05  overlapping time / summed duration up to which the calls count as one
 *                            after another (clocks and rounding blur the edges)
 *   maxConcurrency     2.0   summed duration / busy time up to which overlapping calls are "partly
 *                            parallel"; above it they are a parallel fan-out, not N+1
 * errors
 *   maskedCoverage     0.9   share of a failed span's time a child without error must run for the
 *                            failure to be taken as a timeout waiting on that child
 *   maxCauses          20    independent causes listed; the rest are counted
 * critical path
 *   hotSpotShare       0.5   share of the critical path one span's own time must own to be a finding
 *   topContributors    3     spans named in the critical-path finding
 * every finding
 *   maxSpansPerFinding 500   span ids a finding lists for the viewer to mark; the count is always exact
 * }</pre>
 */
public record FindingRules(int minRepeats, long minRepeatedMicros, double minFill, double serialOverlap,
		double maxConcurrency, double maskedCoverage, int maxCauses, double hotSpotShare, int topContributors,
		int maxSpansPerFinding) {

	/** The defaults above. */
	public static final FindingRules DEFAULTS = new FindingRules(5, 10_000L, 0.6, 0.05, 2.0, 0.9, 20, 0.5, 3, 500);

	public FindingRules {
		atLeast("minRepeats", minRepeats, 2);
		atLeast("minRepeatedMicros", minRepeatedMicros, 0);
		share("minFill", minFill);
		share("serialOverlap", serialOverlap);
		if (!(maxConcurrency >= 1.0)) {
			throw new IllegalArgumentException("maxConcurrency: expected 1.0 or more, found " + maxConcurrency);
		}
		share("maskedCoverage", maskedCoverage);
		atLeast("maxCauses", maxCauses, 1);
		share("hotSpotShare", hotSpotShare);
		atLeast("topContributors", topContributors, 1);
		atLeast("maxSpansPerFinding", maxSpansPerFinding, 1);
	}

	private static void atLeast(String name, long value, long least) {
		if (value < least) {
			throw new IllegalArgumentException(name + ": expected " + least + " or more, found " + value);
		}
	}

	private static void share(String name, double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException(name + ": expected a share from 0.0 to 1.0, found " + value);
		}
	}

}
