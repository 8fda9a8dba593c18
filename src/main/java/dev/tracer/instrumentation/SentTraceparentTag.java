package dev.tracer.instrumentation;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.observation.ClientRequestObservationContext;

import dev.tracer.core.context.TraceTags;

/**
 * Puts the {@code traceparent} an outgoing call carried on its client span
 * ({@link TraceTags#TRACEPARENT_SENT}). {@link W3CPropagator} writes the header when the observation
 * starts, before its span is current anywhere it could tag it; a filter runs when the observation
 * stops, reads the header from the request that was sent, and its high-cardinality values become tags.
 */
final class SentTraceparentTag implements ObservationFilter {

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context instanceof ClientRequestObservationContext client) {
			ClientHttpRequest request = client.getCarrier();
			String sent = (request != null) ? request.getHeaders().getFirst(W3CPropagator.TRACEPARENT) : null;
			if (sent != null) {
				context.addHighCardinalityKeyValue(KeyValue.of(TraceTags.TRACEPARENT_SENT, sent));
			}
		}
		return context;
	}

}
