/**
 * The span store contract ({@code SpanStore}), the bounded in-memory store, the guard in front of every
 * store (limits, refusal under memory pressure), the store's span model and Zipkin v2 codecs. Plain Java:
 * uses the core and Zipkin's model; Spring only in {@code store.zipkin} (an HTTP client) and
 * {@code store.config} (the wiring).
 */
package dev.tracer.store;
