/**
 * Where propagation broke: lost calls, restarts and the links between the pieces of one request, each
 * claim with its evidence and confidence. Uses {@code core.tree} and {@code core.context}.
 */
package dev.tracer.core.breaks;
