package dev.tracer.core.context;

import java.util.Objects;

/**
 * The {@code tracestate} header, kept raw for now: vendor entries that travel with the
 * {@code traceparent}.
 *
 * <pre>
 * tracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE
 * </pre>
 *
 * Parsing its list members is a later issue; until then the header is carried as received.
 *
 * @param header the raw header value, empty when absent
 */
public record TraceState(String header) {

	/** No {@code tracestate}: the spec allows an empty header, so absent and empty are one value. */
	public static final TraceState EMPTY = new TraceState("");

	/**
	 * @throws NullPointerException if {@code header} is null; use {@link #EMPTY}
	 */
	public TraceState {
		Objects.requireNonNull(header, "tracestate must not be null, use TraceState.EMPTY");
	}

}
