/**
 * OTLP read into the store's span model: plain Java over the OTLP protobuf classes, tested without
 * Spring. Uses {@code store} and the core.
 */
package dev.tracer.intake.otlp;
