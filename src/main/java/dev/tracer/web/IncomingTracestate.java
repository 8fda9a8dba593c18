package dev.tracer.web;

import java.util.List;

import dev.tracer.core.context.ParseResult;
import dev.tracer.core.context.TraceState;

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

	static IncomingTracestate of(List<String> values, IncomingTraceparent traceparent) {
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
