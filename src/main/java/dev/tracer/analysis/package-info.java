/**
 * The analyses over the stored spans (where propagation broke), computed by the core's rules and kept
 * for any reader. Uses {@code store} and the core; knows nothing of who reads the results.
 */
package dev.tracer.analysis;
