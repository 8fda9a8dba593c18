/**
 * The two demo services: a frontend that calls a backend through Boot's {@code RestClient}, with
 * faults to show how propagation breaks. Uses the instrumentation and the problem table.
 */
package dev.tracer.demo;
