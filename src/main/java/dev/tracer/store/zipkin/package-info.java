/**
 * The span store on a Zipkin server. Unlike the rest of {@code dev.tracer.store}, which is plain Java
 * over Zipkin's model, this package speaks HTTP through Spring's {@code RestClient}: it is the one store
 * that needs a client, and {@code ArchitectureTest} confines Spring to it.
 */
package dev.tracer.store.zipkin;
