package dev.tracer.testing;

import java.util.Map;

import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Headers held in a map, as OpenTelemetry's propagators read them: the carrier of every test and
 * benchmark that asks the real OpenTelemetry SDK to extract a {@code traceparent}.
 */
public final class MapCarrier {

	/** Reads a header by its exact name; a null carrier has no headers. */
	public static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public String get(Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private MapCarrier() {
	}

}
