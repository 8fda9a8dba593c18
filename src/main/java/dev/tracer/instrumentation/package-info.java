/**
 * What a traced service runs: the filter that decides on every incoming {@code traceparent} with the
 * STRICT core and makes the one server span, the hop's context, the propagator that writes every
 * outgoing header, the evidence tags and span reporting. Uses the core, Micrometer Tracing and Brave;
 * knows nothing of the store, the API or the analyses.
 */
package dev.tracer.instrumentation;
