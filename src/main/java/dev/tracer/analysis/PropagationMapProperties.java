package dev.tracer.analysis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tracer.core.breaks.PropagationMap;

/**
 * The propagation map's bounds ({@code tracer.propagation-map.*}); see {@link PropagationMap}.
 *
 * @param bucket the time bucket the calls are counted in: a window is rounded out to whole buckets
 * @param retention how far back the map answers; a whole number of buckets, the viewer's longest window
 * is a day
 * @param maxEdges edges (caller, callee) counted at once; a call of a new edge past it is refused and
 * counted, edges idle for the whole retention are forgotten first
 * @param maxReasons reason keys counted apart per edge; later ones count as {@code other}
 * @param brokenPerEdge broken calls kept per edge for the list behind it, the newest
 */
@ConfigurationProperties("tracer.propagation-map")
public record PropagationMapProperties(@DefaultValue("1m") Duration bucket, @DefaultValue("1d") Duration retention,
		@DefaultValue("500") int maxEdges, @DefaultValue("8") int maxReasons, @DefaultValue("100") int brokenPerEdge) {

	/** A day of one-minute buckets is 1,440 per edge: beyond a million the ring itself would be the leak. */
	private static final long MAX_BUCKETS = 1_000_000;

	public PropagationMapProperties {
		long micros = bucket.toNanos() / 1_000L;
		if (micros < 1 || retention.compareTo(bucket) < 0 || retention.toNanos() % bucket.toNanos() != 0
				|| retention.toNanos() / bucket.toNanos() > MAX_BUCKETS) {
			throw new IllegalArgumentException("tracer.propagation-map.retention must be a whole number (1 to "
					+ MAX_BUCKETS + ") of tracer.propagation-map.bucket: " + retention + ", " + bucket);
		}
		if (maxEdges < 1 || maxReasons < 1 || brokenPerEdge < 1) {
			throw new IllegalArgumentException("tracer.propagation-map.max-edges, .max-reasons and .broken-per-edge"
					+ " must be at least 1: " + maxEdges + ", " + maxReasons + ", " + brokenPerEdge);
		}
	}

	PropagationMap.Limits limits() {
		return new PropagationMap.Limits(bucket.toNanos() / 1_000L, (int) (retention.toNanos() / bucket.toNanos()),
				maxEdges, maxReasons, brokenPerEdge);
	}

}
