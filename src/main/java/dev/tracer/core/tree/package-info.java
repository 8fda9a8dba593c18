/**
 * A trace as a tree and every fact about it: roots, orphans, cycles, duplicates, depth, time bounds and
 * the critical path. Accepts dirty data and says what it found. Uses {@code core.context} and
 * {@code core.hex}.
 */
package dev.tracer.core.tree;
