/**
 * The span intakes: Zipkin's v2 API (JSON, proto3) and OTLP/HTTP (protobuf, JSON), each a thin controller
 * that decodes with the format's own codec, refuses times outside the core's rule
 * ({@code core.tree.SpanTimes}) and writes to the store. Uses {@code store}, {@code intake.otlp},
 * {@code problem} and {@code core}.
 */
package dev.tracer.intake;
