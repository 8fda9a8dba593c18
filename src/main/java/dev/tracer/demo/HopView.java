package dev.tracer.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.instrumentation.HopContext;

/**
 * What {@code GET /api/data} answers: this hop's span, what arrived, on the frontend the backend's own
 * answer, and on the backend what it read from its database and the third party.
 *
 * <pre>
 * {"service": "frontend",
 *  "span": {"trace_id": "4bf9...", "span_id": "53ce...", "parent_span_id": "00f0...", "sampled": true},
 *  "incoming": {"traceparent": "00-4bf9...-00f0...-01", "valid": true, "reason": null,
 *               "tracestate": "congo=t61rcWkgMzE", "tracestate_dropped": null},
 *  "downstream": {"service": "backend", ...,
 *                 "catalogue": {"currency": "USD", "rate": 1.0842,
 *                               "offers": [{"sku": "TR-001", "name": "Trace lantern", "stock": 12, "price": 27.00}, ...]}}}
 * </pre>
 *
 * With {@code tracer.propagation.engine: boot} (the baseline {@code http-load.sh} measures) no filter
 * gathers the evidence: {@code incoming} is null and {@code span} is Brave's own view of the current span.
 */
record HopView(String service, SpanView span, IncomingView incoming,
		@JsonInclude(JsonInclude.Include.NON_NULL) Object downstream,
		@JsonInclude(JsonInclude.Include.NON_NULL) Object catalogue) {

	record SpanView(String traceId, String spanId, String parentSpanId, Boolean sampled) {
	}

	record IncomingView(String traceparent, boolean valid, String reason, String tracestate, String tracestateDropped) {
	}

	/**
	 * @param tracer whose current span is this hop's server span: call before starting a child of it
	 */
	static HopView of(String service, Tracer tracer, Object downstream, Object catalogue) {
		HopContext hop = HopContext.currentOrNull();
		if (hop == null) {
			// Boot's own server observation made the span (tracer.propagation.engine: boot): the span alone,
			// in Brave's own text, and no evidence, which only the filter gathers
			Span server = tracer.currentSpan();
			TraceContext context = (server != null) ? server.context() : null;
			SpanView span = (context != null)
					? new SpanView(context.traceId(), context.spanId(), context.parentId(), context.sampled()) : null;
			return new HopView(service, span, null, downstream, catalogue);
		}
		TraceContext context = hop.span().context();
		IncomingTraceparent incoming = hop.incoming();
		return new HopView(service,
				new SpanView(hop.traceId(), context.spanId(), context.parentId(), context.sampled()),
				new IncomingView(incoming.header(), incoming.valid(), incoming.reason(),
						hop.incomingTracestate().header(), hop.incomingTracestate().reason()),
				downstream, catalogue);
	}

}
