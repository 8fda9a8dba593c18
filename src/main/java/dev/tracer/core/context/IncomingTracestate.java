package dev.tracer.core.context;

import java.util.List;

/**
 * What arrived in the {@code tracestate} header(s) and what became of it. Several headers are one list,
 * joined in order. An invalid list is dropped whole while a valid {@code traceparent} is kept; with an
 * invalid {@code traceparent} the list is not used at all, since W3C ties the two together.
 *
 * @param header the values as received, joined with {@code ","}, or null when absent
 * @param kept the list passed on; {@link TraceState#EMPTY} when absent or dropped
 * @param reason why it was dropped, or null
 */
public record IncomingTracestate(String header, TraceState kept, String reason) {

	/** The header name, lowercase as W3C writes it. */
	public static final String TRACESTATE = "tracestate";

	/** Reads every {@code tracestate} value the carrier holds, judged beside the {@code traceparent} read. */
	public static <C> IncomingTracestate extract(C carrier, HeaderGetter<C> getter, IncomingTraceparent traceparent) {
		return of(IncomingTraceparent.valuesOf(carrier, getter, TRACESTATE), traceparent);
	}

	/** {@link #extract} over values already read. */
	public static IncomingTracestate of(List<String> values, IncomingTraceparent traceparent) {
		if (values.isEmpty()) {
			return new IncomingTracestate(null, TraceState.EMPTY, null);
		}
		String header = String.join(",", values);
		if (!traceparent.valid()) {
			return new IncomingTracestate(header, TraceState.EMPTY, "not used: the traceparent is invalid");
		}
		ParseResult<TraceState> parsed = TraceState.parse(values);
		return parsed.isAccepted() ? new IncomingTracestate(header, parsed.value(), null)
				: new IncomingTracestate(header, TraceState.EMPTY, parsed.rejection().message());
	}

}
