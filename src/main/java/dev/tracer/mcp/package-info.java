/**
 * The MCP server (Model Context Protocol, Streamable HTTP at {@code /mcp}), off unless
 * {@code tracer.mcp.enabled=true}: tools that let an AI assistant ask tracer what the API answers
 * (search traces, a trace's summary with its breaks and findings, what a {@code traceparent} says),
 * bounded so that no answer carries a trace's spans. Uses {@code api}'s documents and search (and its
 * refusals, {@code problem}), the analyses, the store and the core; nothing uses it but the web mode's composition.
 */
package dev.tracer.mcp;
