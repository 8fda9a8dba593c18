package dev.tracer.web;

import dev.tracer.core.context.TraceState;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service takes part in W3C Trace Context ({@code tracer.propagation.*}).
 *
 * @param responseHeader the Level 3 draft {@code traceresponse} header on every traced response
 * @param tracestate this service's own {@code tracestate} entry
 */
@ConfigurationProperties("tracer.propagation")
public record PropagationProperties(@DefaultValue ResponseHeader responseHeader, @DefaultValue Tracestate tracestate) {

	/**
	 * @param enabled whether responses carry {@code traceresponse: 00-<trace-id>-<this hop's span id>-<flags>}
	 */
	public record ResponseHeader(@DefaultValue("true") boolean enabled) {
	}

	/**
	 * @param entryKey the key of the entry this service puts on the left of the {@code tracestate} it sends
	 * on (its value is the outgoing span id), e.g. {@code tracer} or {@code acme@tracer}; empty for none
	 */
	public record Tracestate(@DefaultValue("") String entryKey) {

		/** A bad key fails the start, naming the rule, rather than the first outgoing call. */
		public Tracestate {
			if (entryKey == null) {
				entryKey = "";
			}
			if (!entryKey.isEmpty()) {
				TraceState.checkKey(entryKey);
			}
		}

		String entryKeyOrNull() {
			return entryKey.isEmpty() ? null : entryKey;
		}

	}

}
