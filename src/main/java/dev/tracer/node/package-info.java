/**
 * The JSON-lines node the course grader talks to on stdin/stdout: the message loop, the handlers and
 * output byte for byte as the grader expects. Uses the core only; starts without the web mode.
 */
package dev.tracer.node;
