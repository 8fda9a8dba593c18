package dev.tracer.core.breaks;

import java.util.Objects;

/**
 * One broken call of an edge, as the propagation map keeps it for the list behind an edge.
 *
 * @param call the client span that lost the context, never null
 * @param reason its reason key, never null
 * @param confidence how sure the break is, never null
 */
public record BrokenCall(SpanRef call, String reason, Confidence confidence) {

	public BrokenCall {
		Objects.requireNonNull(call, "call");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(confidence, "confidence");
	}

}
