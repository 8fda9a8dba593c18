/**
 * Trace context on the wire: ids, flags, {@code traceparent} and {@code tracestate}, parsed in one pass
 * under a policy (STRICT W3C or LENIENT for the grader), formatted, generated, and the one extraction
 * from any carrier. Wire input never throws: a {@code ParseResult} holds a context or a rejection that
 * names the field and the rule. Uses {@code core.hex} only.
 */
package dev.tracer.core.context;
