package dev.tracer.core.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tracer.core.findings.Finding.Confidence;
import dev.tracer.core.findings.Finding.Kind;
import dev.tracer.core.tree.ClockSkew;
import dev.tracer.core.tree.CriticalPath;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.core.tree.TraceTree.Node;

/**
 * The critical path ({@link CriticalPath}) in words: when one span's own time owns at least
 * {@code hotSpotShare} of the path, that span is where the trace's time goes, and the finding names it
 * and the next {@code topContributors - 1} spans by their own time on the path. A trace whose time is
 * spread over many spans, or of one span, gives none: there is nothing to point at.
 */
final class CriticalPathHotSpot {

	private CriticalPathHotSpot() {
	}

	static <S extends FindingSpan> List<Finding> find(TraceTree<S> tree, FindingRules rules) {
		if (tree.spanCount() < 2) {
			return List.of();
		}
		CriticalPath<S> path = CriticalPath.of(tree, ClockSkew.none(), FindingSpan::messaging);
		Map<Node<S>, Long> own = new HashMap<>();
		long total = 0;
		for (CriticalPath.Segment<S> segment : path.segments()) {
			own.merge(segment.node(), segment.durationMicros(), Long::sum);
			total += segment.durationMicros();
		}
		if (total <= 0) {
			return List.of();
		}
		List<Map.Entry<Node<S>, Long>> ranked = new ArrayList<>(own.entrySet());
		ranked.sort(Map.Entry.<Node<S>, Long>comparingByValue(Comparator.reverseOrder()));
		double topShare = (double) ranked.get(0).getValue() / total;
		if (topShare < rules.hotSpotShare()) {
			return List.of();
		}
		List<Finding.Contributor> contributors = new ArrayList<>();
		List<String> spans = new ArrayList<>();
		List<String> evidence = new ArrayList<>();
		evidence.add("the critical path, the work that decides when the trace ends, is " + Words.micros(total) + " long");
		for (int i = 0; i < ranked.size() && i < rules.topContributors(); i++) {
			S span = ranked.get(i).getKey().span();
			long micros = ranked.get(i).getValue();
			double share = (double) micros / total;
			contributors.add(new Finding.Contributor(span.spanId(), span.localService(), span.name(), micros, share));
			spans.add(span.spanId());
			evidence.add(Words.span(span) + ": " + Words.micros(micros) + " of its own time on it, " + Words.percent(share));
		}
		S top = ranked.get(0).getKey().span();
		evidence.add("a span's own time is time on the path that none of its children covers: its own work, or calls that were not traced");
		String summary = Words.span(top) + " owns " + Words.percent(topShare) + " of the critical path in its own time";
		return List.of(new Finding(Kind.CRITICAL_PATH, Confidence.DEFINITE, top.spanId(), spans, spans.size(), summary,
				evidence, new Finding.HotSpots(total, contributors)));
	}

}
