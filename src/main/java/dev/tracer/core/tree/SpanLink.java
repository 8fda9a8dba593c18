package dev.tracer.core.tree;

/**
 * What the tree needs of a span: its own id, its parent's id and, to order siblings, when it
 * started. The web layer's richer spans implement it too, so they can be put in a tree as they are.
 *
 * <pre>{@code
 * traceId  4bf92f3577b34da6a3ce929d0e0e4736   may be null (unknown)
 * spanId   00f067aa0ba902b7                   never null
 * parentId null                               null for a root
 * }</pre>
 */
public interface SpanLink {

	/** The trace this span says it belongs to, or null when unknown. */
	String traceId();

	/** This span's id, never null. */
	String spanId();

	/** The parent span's id, or null for a root. */
	String parentId();

	/**
	 * Epoch microseconds when the span started, or 0 when unknown. Siblings are sorted by it; an
	 * unknown start sorts first, like any other small number.
	 */
	default long startMicros() {
		return 0L;
	}

	/**
	 * Microseconds the span took, or 0 when unknown. The critical path ({@link CriticalPath}) reads it;
	 * the tree itself does not.
	 */
	default long durationMicros() {
		return 0L;
	}

}
