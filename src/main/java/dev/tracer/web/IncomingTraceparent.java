package dev.tracer.web;

import java.util.List;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.ParseResult;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.context.TraceParentParser;

/**
 * What arrived in the {@code traceparent} header(s) of a request and what the STRICT core made of it.
 *
 * <pre>
 * no header                 valid=false  reason="traceparent: header is missing"
 * 00-4bf9...-00f0...-01     valid=true   reason=null
 * two headers               valid=false  reason="traceparent: 2 headers; W3C allows exactly one"
 * </pre>
 *
 * @param header the value as received (several values joined with {@code ","}), or null when absent
 * @param parsed the parsed value when valid, else null
 * @param reason why the header was not used, null when valid
 */
public record IncomingTraceparent(String header, TraceParent parsed, String reason) {

	/** Reads all values a request carried for {@code traceparent}. */
	public static IncomingTraceparent of(List<String> values) {
		if (values.size() > 1) {
			return new IncomingTraceparent(String.join(",", values), null,
					"traceparent: " + values.size() + " headers; W3C allows exactly one");
		}
		String header = values.isEmpty() ? null : values.get(0);
		ParseResult<TraceParent> result = TraceParentParser.parse(header, ParsePolicy.STRICT);
		return result.isAccepted() ? new IncomingTraceparent(header, result.value(), null)
				: new IncomingTraceparent(header, null, result.rejection().message());
	}

	public boolean valid() {
		return parsed != null;
	}

}
