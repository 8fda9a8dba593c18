package dev.tracer.node;

import dev.tracer.core.context.SpanId;

/**
 * The span id a node gives the span it creates, derived from its own id so that the grader can predict
 * it (DESIGN.md, decision 3): a leading {@code service} becomes {@code span}, any other id {@code x}
 * gives {@code span_x}.
 *
 * <pre>
 * service_b -> span_b
 * n1        -> span_n1
 * </pre>
 */
final class NodeSpanIds {

	private static final String SERVICE = "service";

	private NodeSpanIds() {
	}

	/** A random W3C span id when the node has no id yet (no {@code init}, no {@code dest}). */
	static String forNode(String nodeId) {
		if (nodeId == null || nodeId.isEmpty()) {
			return SpanId.random().value();
		}
		return nodeId.startsWith(SERVICE) ? "span" + nodeId.substring(SERVICE.length()) : "span_" + nodeId;
	}

}
