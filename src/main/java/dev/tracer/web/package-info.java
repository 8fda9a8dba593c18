/**
 * The web mode put together: every package a web-mode service runs, and the guards at the edge of the
 * server. The composition root of the HTTP side; nothing inside depends on it.
 */
package dev.tracer.web;
