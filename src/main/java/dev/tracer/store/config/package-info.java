/**
 * The store wired into Spring: its properties ({@code tracer.store.*}), which store stands behind the
 * guard, and its metrics. Uses {@code store} and {@code store.zipkin}.
 */
package dev.tracer.store.config;
