package dev.tracer.api;

import org.springframework.http.HttpStatus;

import dev.tracer.problem.ApiProblem;

/**
 * A trace whose tree is deeper than {@link TraceDocuments#MAX_NESTED_DEPTH}: nested as JSON it would
 * exceed what JSON writers and readers accept, so it is refused with the depth rather than served
 * half-written.
 */
public final class TraceTooDeepException extends ApiProblem {

	private static final long serialVersionUID = 1L;

	private final int depth;

	/**
	 * @param depth the tree's depth, in spans
	 */
	public TraceTooDeepException(int depth) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "trace depth " + depth + " is deeper than the " + TraceDocuments.MAX_NESTED_DEPTH
				+ " levels a nested tree can be served with");
		this.depth = depth;
	}

	/** The tree's depth, in spans. */
	public int depth() {
		return depth;
	}

	/** The deepest tree that can be served nested. */
	public int maxDepth() {
		return TraceDocuments.MAX_NESTED_DEPTH;
	}

}
