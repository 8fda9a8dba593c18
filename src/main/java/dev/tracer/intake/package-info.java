/**
 * The span intakes: Zipkin's v2 API (JSON, proto3) and OTLP/HTTP (protobuf, JSON), each a thin controller
 * that decodes with the format's own codec and writes to the store. Uses {@code store},
 * {@code intake.otlp} and {@code problem}.
 */
package dev.tracer.intake;
