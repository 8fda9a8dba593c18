package dev.tracer.core.context;

import java.util.Objects;

/**
 * The four fields of a {@code traceparent} header.
 *
 * <pre>
 * traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 *              |  |                                |                |
 *              |  trace-id                         parent-id        trace-flags
 *              version
 * </pre>
 *
 * {@code version} keeps the raw field as received: two lowercase hex characters from a STRICT parse
 * ({@code 00}, or a future version such as {@code cc}), any token from a LENIENT one. Whatever was
 * received, {@link #format()} writes version {@code 00}, the highest version we know, as the spec
 * requires of a sender.
 *
 * @param version the raw version field
 * @param traceId the trace-id field
 * @param parentId the parent-id field: the caller's span
 * @param flags the trace-flags field
 */
public record TraceParent(String version, TraceId traceId, SpanId parentId, TraceFlags flags) {

	/** The only version we write. */
	private static final String VERSION_00 = "00";

	/**
	 * @throws NullPointerException if any component is null
	 * @throws IllegalArgumentException if {@code version} is empty or holds whitespace, a control
	 * character or {@code -}
	 */
	public TraceParent {
		Chars.checkToken("version", version);
		Objects.requireNonNull(traceId, "trace-id must not be null");
		Objects.requireNonNull(parentId, "parent-id must not be null");
		Objects.requireNonNull(flags, "trace-flags must not be null");
	}

	/**
	 * The header to send on for an operation of ours that continues this one: version {@code 00}, the
	 * same trace-id, {@code parentId} as the new parent-id, and only the known flags (sampled, random).
	 */
	public TraceParent childOf(SpanId parentId) {
		return new TraceParent(VERSION_00, this.traceId, parentId, this.flags.known());
	}

	/** Whether the caller may have recorded trace data (flag {@code 01}). */
	public boolean sampled() {
		return this.flags.sampled();
	}

	/**
	 * The header value, always version {@code 00}: {@code 00-<trace-id>-<parent-id>-<trace-flags>}, for
	 * example {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}.
	 */
	public String format() {
		// String concatenation sizes the result once and copies each part once.
		return VERSION_00 + '-' + this.traceId.value() + '-' + this.parentId.value() + '-' + this.flags.hex();
	}

}
