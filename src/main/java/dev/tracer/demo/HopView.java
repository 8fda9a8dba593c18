package dev.tracer.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.tracing.TraceContext;

import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.web.HopContext;

/**
 * What {@code GET /api/data} answers: this hop's span, what arrived, and on the frontend the backend's
 * own answer.
 *
 * <pre>
 * {"service": "frontend",
 *  "span": {"trace_id": "4bf9...", "span_id": "53ce...", "parent_span_id": "00f0...", "sampled": true},
 *  "incoming": {"traceparent": "00-4bf9...-00f0...-01", "valid": true, "reason": null,
 *               "tracestate": "congo=t61rcWkgMzE", "tracestate_dropped": null},
 *  "downstream": {"service": "backend", ...}}
 * </pre>
 */
record HopView(String service, SpanView span, IncomingView incoming,
		@JsonInclude(JsonInclude.Include.NON_NULL) Object downstream) {

	record SpanView(String traceId, String spanId, String parentSpanId, Boolean sampled) {
	}

	record IncomingView(String traceparent, boolean valid, String reason, String tracestate, String tracestateDropped) {
	}

	static HopView of(String service, HopContext hop, Object downstream) {
		TraceContext context = hop.span().context();
		IncomingTraceparent incoming = hop.incoming();
		return new HopView(service,
				new SpanView(hop.traceId(), context.spanId(), context.parentId(), context.sampled()),
				new IncomingView(incoming.header(), incoming.valid(), incoming.reason(),
						hop.incomingTracestate().header(), hop.incomingTracestate().reason()),
				downstream);
	}

}
