package dev.tracer.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.tracer.core.tree.TraceTree;
import dev.tracer.core.tree.TraceTree.Node;
import zipkin2.Span;

/**
 * One line of the trace list: enough to pick a trace without loading its spans.
 *
 * <pre>{@code
 * traceId         4bf92f3577b34da6a3ce929d0e0e4736
 * rootService     frontend          of the root span; null if no span is a root (e.g. a pure cycle)
 * rootName        get /hello
 * spanCount       4                 spans stored, duplicates included, an RPC's two halves once
 * startMicros     1700000000000000  earliest timestamp; 0 if no span has one
 * durationMicros  350000            latest end minus earliest start; 0 if unknown
 * errorCount      1                 spans (an RPC once) with an "error" tag
 * services        [backend, frontend]  every span's local service, sorted, each once
 * orphans         0                 spans whose parent is absent (TraceTree's verdicts, as the viewer shows them)
 * duplicates      0                 span ids that came more than once
 * cycles          0                 parent-link loops
 * }</pre>
 *
 * <p>The root is the first of {@code TraceTree}'s roots that is not where a cycle was cut: the
 * earliest-starting span whose parent is null or absent, ties to the first to arrive. So the list
 * names the same root the tree shows first, and every store that summarises with {@link #of} shows
 * the same verdicts as the viewer.
 *
 * @param traceId the trace id, lowercase hex
 * @param rootService the root span's local service name, or null if unknown
 * @param rootName the root span's name, or null if unknown
 * @param spanCount spans stored for the trace, duplicates included, the client and server halves of an RPC
 * ({@link StoredSpan#rpcs}) counted once
 * @param startMicros epoch microseconds of the earliest span start, or 0 if unknown
 * @param durationMicros microseconds from the earliest start to the latest end, or 0 if unknown
 * @param errorCount spans with an {@code error} tag
 * @param services the local service names of the spans, sorted, without null
 * @param orphans spans whose named parent is absent
 * @param duplicates span ids that occurred more than once
 * @param cycles parent-link loops
 */
public record TraceSummary(String traceId, String rootService, String rootName, int spanCount, long startMicros,
		long durationMicros, int errorCount, List<String> services, int orphans, int duplicates, int cycles) {

	public TraceSummary {
		if (traceId == null) {
			throw new NullPointerException("traceId");
		}
		if (spanCount < 0) {
			throw new IllegalArgumentException("spanCount < 0: " + spanCount);
		}
		if (durationMicros < 0) {
			throw new IllegalArgumentException("durationMicros < 0: " + durationMicros);
		}
		if (errorCount < 0 || errorCount > spanCount) {
			throw new IllegalArgumentException("errorCount not in [0, spanCount]: " + errorCount);
		}
		if (orphans < 0 || duplicates < 0 || cycles < 0) {
			throw new IllegalArgumentException("negative count: orphans " + orphans + ", duplicates " + duplicates
					+ ", cycles " + cycles);
		}
		services = List.copyOf(services);
	}

	/** Whether the tree had to tolerate something: an orphan, a duplicate id or a cycle. */
	public boolean incomplete() {
		return orphans > 0 || duplicates > 0 || cycles > 0;
	}

	/**
	 * Summarises the spans of one trace with the trace tree's rules.
	 *
	 * @param traceId the trace id
	 * @param spans the trace's spans as stored, duplicates included, in arrival order; each RPC's halves
	 * are joined by {@link StoredSpan#rpcs} first, as the viewer joins them
	 * @return the summary
	 */
	public static TraceSummary of(String traceId, List<Span> spans) {
		if (spans == null) {
			throw new NullPointerException("spans == null");
		}
		long start = Long.MAX_VALUE;
		long end = Long.MIN_VALUE;
		Set<String> services = new TreeSet<>();
		for (Span span : spans) {
			long timestamp = span.timestampAsLong();
			if (timestamp != 0) {
				start = Math.min(start, timestamp);
				end = Math.max(end, timestamp + span.durationAsLong());
			}
			if (span.localServiceName() != null) {
				services.add(span.localServiceName());
			}
		}
		// counted as the viewer shows them: an RPC's two halves are one span
		List<StoredSpan> links = StoredSpan.rpcs(spans);
		int errorCount = 0;
		for (StoredSpan link : links) {
			if (link.error()) {
				errorCount++;
			}
		}
		TraceTree<StoredSpan> tree = TraceTree.build(links);
		Set<String> cutAt = new HashSet<>();
		for (List<String> cycle : tree.cycles()) {
			cutAt.add(cycle.get(0));
		}
		Span root = null;
		for (Node<StoredSpan> candidate : tree.roots()) {
			if (!cutAt.contains(candidate.span().spanId())) {
				root = candidate.span().span();
				break;
			}
		}
		boolean timed = start != Long.MAX_VALUE;
		return new TraceSummary(traceId, (root != null) ? root.localServiceName() : null,
				(root != null) ? root.name() : null, links.size(), timed ? start : 0L, timed ? end - start : 0L,
				errorCount, new ArrayList<>(services), tree.orphans().size(), tree.duplicateIds().size(),
				tree.cycles().size());
	}

}
