package dev.tracer.analysis;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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

	/**
	 * The findings of a trace in the store, its span list read as every page reads it
	 * ({@link StoredSpan#rpcs}: an RPC's two halves are one span); empty when the store does not hold it.
	 */
	public List<Finding> inTrace(TraceId traceId) {
		List<Span> spans = store.trace(traceId);
		if (spans.isEmpty()) {
			return List.of();
		}
		return of(TraceTree.build(StoredSpan.rpcs(spans)));
	}

	/**
	 * The kind of finding a user names ({@code n_plus_one}, in any case), for the trace list's filter
	 * and the MCP search alike.
	 *
	 * @throws IllegalArgumentException naming the kinds, when the name is none of them
	 */
	public static Finding.Kind kindNamed(String name) {
		for (Finding.Kind kind : Finding.Kind.values()) {
			if (kind.name().equalsIgnoreCase(name)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("expected one of " + Arrays.stream(Finding.Kind.values())
			.map((kind) -> kind.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", ")) + ", found \"" + name + "\"");
	}

	/**
	 * Of the listed traces, the first ones that have a finding of this kind: the list's filter, which
	 * the store cannot apply as it does not know the findings.
	 *
	 * @param listed the traces the store listed, newest first
	 * @param kind the kind asked for
	 * @param limit how many to keep at most
	 * @return the traces kept, in the listed order
	 */
	public List<TraceSummary> having(List<TraceSummary> listed, Finding.Kind kind, int limit) {
		return listed.stream().filter((trace) -> kinds(trace).contains(kind)).limit(limit).toList();
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
