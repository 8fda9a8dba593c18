package dev.tracer.analysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import zipkin2.Span;

import dev.tracer.core.context.TraceId;
import dev.tracer.core.findings.Finding;
import dev.tracer.core.findings.FindingAnalysis;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoredSpan;
import dev.tracer.store.TraceSummary;

/**
 * The findings ({@link FindingAnalysis}) of the traces in a store. Unlike the breaks, a finding needs
 * one trace only, so nothing here reads the whole store: a trace's findings are computed when asked
 * for, and the kinds each trace has are remembered for the trace list's filter, keyed by trace id and
 * span count (a trace that grows is analysed again), at most {@link #MAX_REMEMBERED} traces, least
 * recently asked dropped first.
 */
public final class StoreFindings {

	/** Traces whose kinds of finding are remembered: more than the trace list ever shows at once. */
	static final int MAX_REMEMBERED = 4096;

	private final SpanStore store;

	private final FindingAnalysis analysis;

	private final Map<String, Remembered> kinds = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
			return size() > MAX_REMEMBERED;
		}

	};

	/**
	 * @param store the store to read, never null
	 * @param analysis the rules, never null
	 */
	public StoreFindings(SpanStore store, FindingAnalysis analysis) {
		this.store = Objects.requireNonNull(store, "store");
		this.analysis = Objects.requireNonNull(analysis, "analysis");
	}

	/** The findings of a tree the caller built already (the API builds one per request). */
	public List<Finding> of(TraceTree<StoredSpan> tree) {
		List<Finding> findings = analysis.analyze(tree);
		List<String> traceIds = tree.traceIds();
		if (!traceIds.isEmpty()) {
			remember(traceIds.get(0), tree.spanCount(), findings);
		}
		return findings;
	}

	/** The findings of a trace in the store; empty when the store does not hold it. */
	public List<Finding> inTrace(TraceId traceId) {
		List<Span> spans = store.trace(traceId);
		if (spans.isEmpty()) {
			return List.of();
		}
		List<StoredSpan> stored = new ArrayList<>(spans.size());
		for (Span span : spans) {
			stored.add(new StoredSpan(span));
		}
		return of(TraceTree.build(stored));
	}

	/**
	 * The kinds of finding a listed trace has: remembered while its span count is the summary's, else
	 * computed from the store.
	 */
	public Set<Finding.Kind> kinds(TraceSummary summary) {
		synchronized (kinds) {
			Remembered known = kinds.get(summary.traceId());
			if (known != null && known.spanCount() == summary.spanCount()) {
				return known.kinds();
			}
		}
		List<Finding> findings = inTrace(TraceId.parseHex(summary.traceId()));
		Set<Finding.Kind> found = EnumSet.noneOf(Finding.Kind.class);
		for (Finding finding : findings) {
			found.add(finding.kind());
		}
		return found;
	}

	private void remember(String traceId, int spanCount, List<Finding> findings) {
		Set<Finding.Kind> found = EnumSet.noneOf(Finding.Kind.class);
		for (Finding finding : findings) {
			found.add(finding.kind());
		}
		synchronized (kinds) {
			kinds.put(traceId, new Remembered(spanCount, Set.copyOf(found)));
		}
	}

	private record Remembered(int spanCount, Set<Finding.Kind> kinds) {
	}

}
