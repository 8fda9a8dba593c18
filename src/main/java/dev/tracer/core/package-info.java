/**
 * The trace-context core: plain Java, no framework, no JSON mapping, nothing else of ours. Every rule
 * about trace context, trees and breaks is written here once and called from the node, the HTTP layer,
 * the store and the viewer alike ({@code docs/design.md}, Shape).
 */
package dev.tracer.core;
