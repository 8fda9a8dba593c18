package dev.tracer.testing;

/** The W3C Trace Context specification's own example ids, which the tests use as their valid header. */
public final class W3CSamples {

	/** The specification's example trace id. */
	public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	/** The specification's example parent id. */
	public static final String PARENT_ID = "00f067aa0ba902b7";

	/** A valid version-00 header of the two, sampled. */
	public static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	private W3CSamples() {
	}

}
