package dev.tracer.store;

/**
 * Which traces the list shows: the newest {@code limit} whose summary {@link #matches}. One value, one
 * rule, so every {@link SpanStore} filters the same way.
 *
 * <pre>{@code
 * limit                50         at most this many, newest first
 * service              "backend"  a span of this local service anywhere in the trace; null: any
 * minDurationMicros    250000     the trace lasted at least this long; 0: any
 * errorsOnly           true       at least one span has an "error" tag
 * }</pre>
 *
 * @param limit the most summaries to return, 0 or more
 * @param service the service a span of the trace must have, or null for any
 * @param minDurationMicros the least duration, 0 or more
 * @param errorsOnly whether only traces with an error qualify
 */
public record TraceQuery(int limit, String service, long minDurationMicros, boolean errorsOnly) {

	public TraceQuery {
		if (limit < 0) {
			throw new IllegalArgumentException("limit < 0: " + limit);
		}
		if (minDurationMicros < 0) {
			throw new IllegalArgumentException("minDurationMicros < 0: " + minDurationMicros);
		}
		if (service != null && service.isBlank()) {
			service = null;
		}
	}

	/** The newest traces, unfiltered. */
	public static TraceQuery newest(int limit) {
		return new TraceQuery(limit, null, 0L, false);
	}

	/** Whether a trace with this summary is listed. */
	public boolean matches(TraceSummary summary) {
		return (service == null || summary.services().contains(service))
				&& summary.durationMicros() >= minDurationMicros && (!errorsOnly || summary.errorCount() > 0);
	}

}
