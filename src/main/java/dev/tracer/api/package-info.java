/**
 * The HTTP API people, the viewer and scripts read: the trace list, a trace's documents (nested, flat
 * view, find), its breaks, and the W3C test harness's endpoint. Computes nothing itself: it serves what
 * the core, the store and the analyses answer. Uses those and {@code problem}.
 */
package dev.tracer.api;
