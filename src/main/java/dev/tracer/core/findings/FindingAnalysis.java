package dev.tracer.core.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tracer.core.tree.TraceTree;

/**
 * The findings of one trace: errors first (where each started, masked timeouts, swallowed errors),
 * then repeated calls (N+1), then the critical path's hot spot. Each rule is a class of this package
 * and reads the trace through {@link SpanRows}, made once.
 *
 * <pre>{@code
 * FindingAnalysis analysis = new FindingAnalysis(FindingRules.DEFAULTS);
 * List<Finding> findings = analysis.analyze(TraceTree.build(spans));   // empty for a healthy trace
 * }</pre>
 *
 * <p>Linear in the spans but for sorting: the calls of one operation under one parent, and the
 * critical path's contributors. Nothing recurses; a million-span chain is as safe as a wide trace.
 */
public final class FindingAnalysis {

	private final FindingRules rules;

	/**
	 * @param rules the thresholds, never null
	 */
	public FindingAnalysis(FindingRules rules) {
		this.rules = Objects.requireNonNull(rules, "rules");
	}

	/** The thresholds this analysis applies. */
	public FindingRules rules() {
		return rules;
	}

	/**
	 * @param tree the trace, never null
	 * @return the findings, in the order above; empty when the trace gives none
	 */
	public <S extends FindingSpan> List<Finding> analyze(TraceTree<S> tree) {
		Objects.requireNonNull(tree, "tree");
		SpanRows<S> rows = SpanRows.of(tree);
		List<Finding> findings = new ArrayList<>();
		findings.addAll(ErrorCauses.find(rows, rules));
		findings.addAll(RepeatedCalls.find(rows, rules));
		findings.addAll(CriticalPathHotSpot.find(tree, rules));
		return findings;
	}

}
