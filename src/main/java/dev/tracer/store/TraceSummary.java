package dev.tracer.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.tracer.core.context.TraceId;
import dev.tracer.core.tree.SpanTimes;
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
 * problem         null              why the trace could not be summarised; then only the id and count are known
 * }</pre>
 *
 * <p>Times are added with {@link SpanTimes}' saturating arithmetic, so a span stored before the intakes
 * applied the time rule (or read from a Zipkin server) cannot make a duration negative. Whatever else a
 * trace holds, {@link #of} never throws for it: a summary that cannot be made says why in
 * {@code problem}, for that trace alone, and the list around it is made as usual.
 *
 * <p>The root is the first of {@code TraceTree}'s roots that is not where a cycle was cut: the
 * earliest-starting span whose parent is null or absent, ties to the first to arrive. So the list
 * names the same root the tree shows first, and every store that summarises with {@link #of} shows
 * the same verdicts as the viewer.
 *
 * @param traceId the trace id in W3C form ({@link TraceId#w3cForm}): 32 lowercase hex
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
 * @param problem why the trace could not be summarised, or null when it was
 */
public record TraceSummary(String traceId, String rootService, String rootName, int spanCount, long startMicros,
		long durationMicros, int errorCount, List<String> services, int orphans, int duplicates, int cycles,
		String problem) {

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

	/** A summary that was made: no problem. */
	public TraceSummary(String traceId, String rootService, String rootName, int spanCount, long startMicros,
			long durationMicros, int errorCount, List<String> services, int orphans, int duplicates, int cycles) {
		this(traceId, rootService, rootName, spanCount, startMicros, durationMicros, errorCount, services, orphans,
				duplicates, cycles, null);
	}

	/**
	 * The line for a trace whose summary could not be made: its id, how many spans it has, and why.
	 *
	 * @param traceId the trace id
	 * @param spanCount spans stored for the trace
	 * @param problem why, fit to show a person
	 */
	public static TraceSummary unsummarised(String traceId, int spanCount, String problem) {
		if (problem == null) {
			throw new NullPointerException("problem");
		}
		return new TraceSummary(traceId, null, null, spanCount, 0L, 0L, 0, List.of(), 0, 0, 0, problem);
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
		String id = TraceId.w3cForm(traceId);
		try {
			return summarise(id, spans);
		}
		catch (RuntimeException ex) {
			// a fault in one trace's data (or in the code that reads it) is that trace's, not the list's
			return unsummarised(id, spans.size(), "the trace could not be summarised: " + ex);
		}
	}

	private static TraceSummary summarise(String traceId, List<Span> spans) {
		long start = Long.MAX_VALUE;
		long end = Long.MIN_VALUE;
		Set<String> services = new TreeSet<>();
		for (Span span : spans) {
			long timestamp = span.timestampAsLong();
			if (timestamp != 0) {
				start = Math.min(start, timestamp);
				end = Math.max(end, SpanTimes.end(timestamp, span.durationAsLong()));
			}
			if (span.localServiceName() != null) {
				services.add(span.localServiceName());
			}
		}
		// counted as the viewer shows them: an RPC's two halves are one span
		List<StoredSpan> links = StoredSpan.rpcs(spans);
		int errorCount = 0;
		for (StoredSpan link : links) {
			if (link.failed()) {
				errorCount++;
			}
		}
		TraceTree<StoredSpan> tree = TraceTree.build(links);
		Node<StoredSpan> first = tree.firstRoot();
		Span root = (first != null) ? first.span().span() : null;
		boolean timed = start != Long.MAX_VALUE;
		return new TraceSummary(traceId, (root != null) ? root.localServiceName() : null,
				(root != null) ? root.name() : null, links.size(), timed ? start : 0L, timed ? SpanTimes.between(start, end) : 0L,
				errorCount, new ArrayList<>(services), tree.orphans().size(), tree.duplicateIds().size(),
				tree.cycles().size());
	}

}
