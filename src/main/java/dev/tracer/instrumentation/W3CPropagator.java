package dev.tracer.instrumentation;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.core.context.IncomingTracestate;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.SpanId;
import dev.tracer.core.context.TraceFlags;
import dev.tracer.core.context.TraceId;
import dev.tracer.core.context.TraceParent;
import dev.tracer.core.context.TraceState;

/**
 * W3C Trace Context on the wire, written by our core instead of Brave's propagation. It replaces
 * Boot's {@code BravePropagator} (a {@link Propagator} bean backs it off), so every outgoing call that
 * Micrometer instruments (the {@code RestClient} observation) carries exactly one header of each:
 *
 * <pre>
 * traceparent: 00-{trace-id}-{the client span's id}-{flags}
 * tracestate:  [this service's entry,] the list received
 * </pre>
 *
 * <ul>
 * <li>always version {@code 00}, and a new parent id per call (the span the observation made);</li>
 * <li>flags: the sampled bit of the span and the Level 2 {@code random} bit when this hop knows the trace
 * id is random (received with the bit, or started here by Brave, whose ids end in 7 random bytes); every
 * other bit cleared, as a sender must;</li>
 * <li>{@code tracestate}: the list this hop received and accepted, with this service's entry on the left
 * when {@code tracer.propagation.tracestate.entry-key} is set, truncated as the spec says.</li>
 * </ul>
 * What the hop received is read from the request-scoped {@link HopContext}; outside a request, or for
 * a different trace, no {@code random} bit and no {@code tracestate} are sent.
 */
final class W3CPropagator implements Propagator {

	static final String TRACEPARENT = IncomingTraceparent.TRACEPARENT;

	static final String TRACESTATE = IncomingTracestate.TRACESTATE;

	private final Tracer tracer;

	private final Supplier<HopContext> currentHop;

	private final String entryKey;

	/**
	 * @param entryKey the key of this service's own {@code tracestate} entry (its value is the outgoing
	 * span id), or null for none
	 */
	W3CPropagator(Tracer tracer, Supplier<HopContext> currentHop, String entryKey) {
		this.tracer = tracer;
		this.currentHop = currentHop;
		this.entryKey = entryKey;
	}

	@Override
	public List<String> fields() {
		return List.of(TRACEPARENT, TRACESTATE);
	}

	@Override
	public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
		if (context.traceId().isEmpty()) {
			return; // a no-op tracer's context: tracing is switched off
		}
		HopContext hop = currentHop.get();
		String traceId = ExactTraceIds.of(context);
		boolean sameTrace = hop != null && hop.span() != null && hop.traceId().equals(traceId);
		setter.set(carrier, TRACEPARENT, traceParent(traceId, context, sameTrace && hop.randomTraceId()).format());
		TraceState state = sameTrace ? hop.tracestate() : TraceState.EMPTY;
		if (entryKey != null) {
			state = state.withEntry(entryKey, context.spanId());
		}
		if (!state.isEmpty()) {
			setter.set(carrier, TRACESTATE, state.header());
		}
	}

	/**
	 * The header for a span of ours: version {@code 00}, its ids, the sampled bit and, when known, the
	 * random bit; all other flag bits cleared.
	 * @param traceId the context's exact trace id ({@link ExactTraceIds#of}), 32 hex
	 */
	static TraceParent traceParent(String traceId, TraceContext context, boolean randomTraceId) {
		return new TraceParent("00", new TraceId(traceId), new SpanId(context.spanId()),
				TraceFlags.of(Boolean.TRUE.equals(context.sampled()), randomTraceId));
	}

	/**
	 * The same extraction as {@link TraceContextFilter}'s, STRICT: every value is read through
	 * {@link Getter#getAll}, so two headers are invalid here too, and an invalid header starts a new trace.
	 */
	@Override
	public <C> Span.Builder extract(C carrier, Getter<C> getter) {
		return childOf(tracer, IncomingTraceparent.extract(carrier, getter::getAll, ParsePolicy.STRICT).parsed());
	}

	/**
	 * A span builder whose parent is the remote {@code traceparent}, or a new root when it is null. The
	 * trace id is continued exactly, whichever half is zero ({@link ExactTraceIds}); Micrometer's no-op
	 * tracer (tracing off) ignores the parent.
	 */
	static Span.Builder childOf(Tracer tracer, TraceParent parent) {
		Span.Builder builder = tracer.spanBuilder();
		if (parent == null) {
			return builder.setNoParent();
		}
		return builder.setParent(ExactTraceIds.remoteParent(parent));
	}

}
