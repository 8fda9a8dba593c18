/**
 * What an expert would point at in one trace: calls repeated one after another (N+1), where an error
 * started and how it travelled (root cause, masked timeouts, swallowed errors), and the spans whose own
 * time decides the trace's length. Each finding carries its confidence and its evidence in words; a
 * healthy trace has none. Uses {@code core.tree} and {@code core.breaks} (for the span's kind, services
 * and tags). The rules and thresholds: docs/findings.md.
 */
package dev.tracer.core.findings;
