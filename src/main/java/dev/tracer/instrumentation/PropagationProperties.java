package dev.tracer.instrumentation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tracer.core.context.TraceState;

/**
 * How this service takes part in W3C Trace Context ({@code tracer.propagation.*}).
 *
 * @param responseHeader the Level 3 draft {@code traceresponse} header on every traced response
 * @param tracestate this service's own {@code tracestate} entry
 * @param engine who makes the server span and reads the headers: {@code tracer} (the default) or
 * {@code boot}, the stock way that {@code http-load.sh} measures tracer against
 */
@ConfigurationProperties("tracer.propagation")
public record PropagationProperties(@DefaultValue ResponseHeader responseHeader, @DefaultValue Tracestate tracestate,
		@DefaultValue("tracer") Engine engine) {

	/**
	 * Bound here so that a value other than these two fails the start by name; the beans it switches read
	 * it through {@code @ConditionalOnProperty}, which runs before binding.
	 */
	public enum Engine {

		/** tracer's filter makes the one server span from the STRICT core, with the hop's evidence. */
		TRACER,

		/**
		 * Spring Boot's server observation makes the span and Brave's W3C propagation reads and writes the
		 * headers: no evidence, no {@code traceresponse}; a baseline for comparison.
		 */
		BOOT

	}

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
