package dev.tracer.core.breaks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tracer.core.tree.SpanTimes;

/**
 * One trace's spans and the three questions asked of them: is a span id present, is a span a
 * parent (or shared by a server, see rule 1), has a span come before. Most traces are a handful
 * of spans, answered by scanning the list; a trace of more than {@link #SCAN_LIMIT} spans gets hash
 * sets, so a big trace stays linear.
 */
final class TraceSpans {

	private static final int SCAN_LIMIT = 16;

	private final List<HopSpan> spans;

	/** The latest end (start + duration) of any of its spans. */
	final long lastEndMicros;

	private final Set<String> ids;

	private final Set<String> reached;

	private final Set<String> seen;

	TraceSpans(List<HopSpan> spans) {
		this.spans = spans;
		long lastEnd = 0;
		for (HopSpan span : spans) {
			lastEnd = Math.max(lastEnd, SpanTimes.end(span.startMicros(), span.durationMicros()));
		}
		lastEndMicros = lastEnd;
		if (spans.size() <= SCAN_LIMIT) {
			ids = null;
			reached = null;
			seen = new HashSet<>(0);
			return;
		}
		ids = new HashSet<>(spans.size() * 2);
		reached = new HashSet<>(spans.size() * 2);
		seen = new HashSet<>(spans.size() * 2);
		for (HopSpan span : spans) {
			ids.add(span.spanId());
			if (span.parentId() != null) {
				reached.add(span.parentId());
			}
			if (span.kind() == HopSpan.Kind.SERVER) {
				reached.add(span.spanId());
			}
		}
	}

	boolean has(String spanId) {
		if (ids != null) {
			return ids.contains(spanId);
		}
		for (HopSpan span : spans) {
			if (span.spanId().equals(spanId)) {
				return true;
			}
		}
		return false;
	}

	/** Whether a span names it as parent, or a server span has it as its own id (rule 1). */
	boolean reached(String spanId) {
		if (reached != null) {
			return reached.contains(spanId);
		}
		for (HopSpan span : spans) {
			if (spanId.equals(span.parentId()) || (span.kind() == HopSpan.Kind.SERVER && span.spanId().equals(spanId))) {
				return true;
			}
		}
		return false;
	}

	/** Whether the i-th span repeats an earlier one of the same id and kind. Called once per i, in order. */
	boolean isRepeat(int i) {
		HopSpan span = spans.get(i);
		if (ids != null) {
			return !seen.add(span.kind().ordinal() + span.spanId());
		}
		for (int j = 0; j < i; j++) {
			if (spans.get(j).kind() == span.kind() && spans.get(j).spanId().equals(span.spanId())) {
				return true;
			}
		}
		return false;
	}

}
