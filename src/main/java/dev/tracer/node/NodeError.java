package dev.tracer.node;

/**
 * A request the node refuses, answered as a Maelstrom error. Thrown only inside the node's handling of
 * one message and always caught there; it carries no stack trace because it is an answer, not a bug.
 */
final class NodeError extends RuntimeException {

	/** Maelstrom's code for a message type this node does not implement. */
	static final int NOT_SUPPORTED = 10;

	/** Maelstrom's code for a request that is malformed: bad JSON, a missing field, an invalid header. */
	static final int MALFORMED_REQUEST = 12;

	private final int code;

	private NodeError(int code, String text) {
		super(text, null, false, false);
		this.code = code;
	}

	static NodeError malformed(String text) {
		return new NodeError(MALFORMED_REQUEST, text);
	}

	static NodeError notSupported(String text) {
		return new NodeError(NOT_SUPPORTED, text);
	}

	int code() {
		return code;
	}

}
