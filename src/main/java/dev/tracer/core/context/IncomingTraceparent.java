package dev.tracer.core.context;

import java.util.ArrayList;
import java.util.List;

/**
 * What arrived in the {@code traceparent} header(s) of a request and what the core made of it: the one
 * extraction the web filter, the propagator and the node share, so they cannot answer differently.
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

	/** The header name, lowercase as W3C writes it. */
	public static final String TRACEPARENT = "traceparent";

	/**
	 * Reads every {@code traceparent} value the carrier holds. One value is parsed under {@code policy};
	 * none is missing; more than one is invalid whatever they say, since the spec defines one value and a
	 * receiver cannot know which of several its caller meant (W3C's test suite,
	 * {@code test_traceparent_duplicated}, expects a new trace).
	 */
	public static <C> IncomingTraceparent extract(C carrier, HeaderGetter<C> getter, ParsePolicy policy) {
		return of(valuesOf(carrier, getter, TRACEPARENT), policy);
	}

	/** {@link #extract} over values already read. */
	public static IncomingTraceparent of(List<String> values, ParsePolicy policy) {
		if (values.size() > 1) {
			return new IncomingTraceparent(String.join(",", values), null,
					"traceparent: " + values.size() + " headers; W3C allows exactly one");
		}
		String header = values.isEmpty() ? null : values.get(0);
		ParseResult<TraceParent> result = TraceParentParser.parse(header, policy);
		return result.isAccepted() ? new IncomingTraceparent(header, result.value(), null)
				: new IncomingTraceparent(header, null, result.rejection().message());
	}

	public boolean valid() {
		return parsed != null;
	}

	static <C> List<String> valuesOf(C carrier, HeaderGetter<C> getter, String name) {
		Iterable<String> values = getter.values(carrier, name);
		if (values == null) {
			return List.of();
		}
		List<String> list = new ArrayList<>(1);
		for (String value : values) {
			if (value != null) {
				list.add(value);
			}
		}
		return list;
	}

}
