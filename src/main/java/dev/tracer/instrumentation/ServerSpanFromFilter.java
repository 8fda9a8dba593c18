package dev.tracer.instrumentation;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Lets Boot's HTTP server observation time every request ({@code http.server.requests}, with Boot's own
 * tags) without making a second server span: {@link TraceContextFilter} makes the hop's span.
 *
 * <p>Boot puts the tracing handlers in one first-matching group, ordered: this one comes right before its
 * {@code PropagatingReceiverTracingObservationHandler} and claims every server request, so
 * that handler never extracts a parent or starts a span for it. It leaves an empty tracing context on the
 * observation, which Boot's {@code TracingAwareMeterObservationHandler} requires when the timer stops.
 * Client and local observations are not claimed: Boot's handlers trace them as before.
 */
final class ServerSpanFromFilter implements TracingObservationHandler<ServerRequestObservationContext>, Ordered {

	private final Tracer tracer;

	ServerSpanFromFilter(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		getTracingContext(context);
	}

	// the defaults would look for this observation's span, and it has none: the filter's span is current

	@Override
	public void onScopeOpened(ServerRequestObservationContext context) {
	}

	@Override
	public void onScopeClosed(ServerRequestObservationContext context) {
	}

	@Override
	public void onScopeReset(ServerRequestObservationContext context) {
	}

	@Override
	public void onEvent(Observation.Event event, ServerRequestObservationContext context) {
	}

	@Override
	public void onError(ServerRequestObservationContext context) {
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
	}

	@Override
	public Tracer getTracer() {
		return tracer;
	}

	@Override
	public int getOrder() {
		return MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER - 1;
	}

}
