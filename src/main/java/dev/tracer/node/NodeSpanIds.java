package dev.tracer.node;

import dev.tracer.core.context.SpanId;

/**
 * The span id a node gives the span it creates, derived from its own id so that the grader can predict
 * it (docs/design.md, decision 3): a leading {@code service} becomes {@code span}, any other id {@code x}
 * gives {@code span_x}.
 *
 * <pre>
 * service_b -> span_b
 * n1        -> span_n1
 * </pre>
 *
 * One instance per session: it keeps the last id it derived.
 */
final class NodeSpanIds {

	private static final String SERVICE = "service";

	/** The last node id asked for and its span id: a node is addressed by the same id request after request. */
	private String lastNodeId;

	private String lastSpanId;

	/** A random W3C span id when the node has no id yet (no {@code init}, no {@code dest}). */
	String forNode(String nodeId) {
		if (nodeId == null || nodeId.isEmpty()) {
			return SpanId.random().value();
		}
		if (!nodeId.equals(this.lastNodeId)) {
			this.lastSpanId = nodeId.startsWith(SERVICE) ? "span" + nodeId.substring(SERVICE.length()) : "span_" + nodeId;
			this.lastNodeId = nodeId;
		}
		return this.lastSpanId;
	}

}
