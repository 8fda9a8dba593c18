/**
 * A trace as a tree and every fact about it: roots, orphans, cycles, duplicates, depth, time bounds and
 * the critical path; the one rule joining an RPC's client and server halves ({@code SharedSpans}) and the
 * one rule placing spans whose host's clock is off ({@code ClockSkew}). Accepts dirty data and says what it found. Uses {@code core.context} and
 * {@code core.hex}.
 */
package dev.tracer.core.tree;
