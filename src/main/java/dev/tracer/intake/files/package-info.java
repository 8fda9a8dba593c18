/**
 * Trace files read into the store's span model: Zipkin v2 JSON, Jaeger's JSON and OTLP/JSON, the format
 * found from the content ({@link TraceFiles}). Plain Java, tested without Spring: Zipkin's files are read
 * by the Zipkin intake's codec ({@code store.ZipkinJson}) and OTLP's by the OTLP intake's classes
 * ({@code intake.otlp}), so a file and an intake never read one format two ways. Uses {@code store},
 * {@code intake.otlp} and the core.
 */
package dev.tracer.intake.files;
