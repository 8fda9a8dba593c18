/**
 * The two demo services: a frontend that calls a backend through Boot's {@code RestClient}, with
 * faults to show how propagation breaks, and a backend shaped like a production service, which reads
 * an embedded database (traced by datasource-micrometer) and calls an untraced third party. Uses the
 * instrumentation and the problem table. See docs/demo.md.
 */
package dev.tracer.demo;
