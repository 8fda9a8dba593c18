package dev.tracer.intake.otlp;

import java.util.List;
import java.util.Objects;

import zipkin2.Span;

/**
 * An export request read into the store's model: the spans that can be stored, and how many could not
 * be, with the first reason.
 *
 * @param spans the spans to store, in request order
 * @param rejectedSpans how many spans of the request cannot be stored (OTLP's
 * {@code partial_success.rejected_spans})
 * @param firstRejection where and why the first of them was refused, e.g.
 * {@code resource_spans[0].scope_spans[0].spans[2]: span_id: must not be all zeros}; null when none was
 */
public record OtlpBatch(List<Span> spans, long rejectedSpans, String firstRejection) {

	public OtlpBatch {
		spans = List.copyOf(spans);
		if (rejectedSpans < 0) {
			throw new IllegalArgumentException("rejectedSpans < 0: " + rejectedSpans);
		}
		if ((rejectedSpans == 0) != (firstRejection == null)) {
			throw new IllegalArgumentException("firstRejection must be given exactly when spans were rejected");
		}
	}

	/** Whether every span of the request can be stored. */
	public boolean complete() {
		return this.rejectedSpans == 0;
	}

	@Override
	public String toString() {
		return "OtlpBatch{" + this.spans.size() + " spans, " + this.rejectedSpans + " rejected"
				+ (complete() ? "" : ", first: " + Objects.toString(this.firstRejection)) + "}";
	}

}
