package dev.tracer.core.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tracer.core.findings.Finding.Confidence;
import dev.tracer.core.findings.Finding.Kind;

/**
 * Where each failure started and how far it went.
 *
 * <pre>{@code
 * GET /checkout   x          failed: explained by its failed child
 * +-- call pay    x          failed: explained by its failed child
 * |   +-- POST /pay  x       failed, no failed child: a CAUSE; the chain x-x-x reaches the root
 * +-- call stock  x          failed, no failed child: a second, independent CAUSE
 *
 * GET /report     x 504      failed, no failed child, but ...
 * +-- query          (ok)    ... ran 98% of its time without error: MASKED_TIMEOUT, the time went here
 *
 * GET /home          (ok)    did not fail ...
 * +-- call ads    x          ... although its child did: SWALLOWED_ERROR (handled, retried or ignored)
 * }</pre>
 *
 * <p>A span is failed by the store's rule ({@link FindingSpan#failed()}). A <b>cause</b> is a failed span
 * with no failed child: nothing below explains its failure. From each cause the failure climbs through
 * failed parents to its <b>top</b>. If the top is a root, the failure reached the caller of the trace:
 * {@link Kind#ERROR_ROOT_CAUSE}. If the top has a parent that did not fail, that parent swallowed it:
 * {@link Kind#SWALLOWED_ERROR}. Either way, if a child without error ran at least
 * {@code maskedCoverage} of the cause's time, the cause most likely gave up waiting for it:
 * {@link Kind#MASKED_TIMEOUT} instead, {@link Confidence#DEFINITE} when the cause itself says timeout,
 * {@link Confidence#PROBABLE} when it does not. Causes are independent of each other by construction
 * (none is below another); the first {@code maxCauses} in row order are listed, each saying how many
 * there are.
 */
final class ErrorCauses {

	/** How far down a masked timeout follows the slow child's own slow child. */
	private static final int MAX_SLOW_CHAIN = 32;

	private ErrorCauses() {
	}

	static <S extends FindingSpan> List<Finding> find(SpanRows<S> rows, FindingRules rules) {
		int n = rows.size();
		boolean[] failedChild = new boolean[n];
		int failures = 0;
		for (int r = 0; r < n; r++) {
			if (rows.failed[r]) {
				failures++;
				if (rows.parent[r] >= 0) {
					failedChild[rows.parent[r]] = true;
				}
			}
		}
		if (failures == 0) {
			return List.of();
		}
		List<Integer> causes = new ArrayList<>();
		for (int r = 0; r < n; r++) {
			if (rows.failed[r] && !failedChild[r]) {
				causes.add(r);
			}
		}
		List<Finding> findings = new ArrayList<>();
		for (int i = 0; i < causes.size() && i < rules.maxCauses(); i++) {
			findings.add(judge(rows, rules, causes.get(i), i + 1, causes.size()));
		}
		return findings;
	}

	private static <S extends FindingSpan> Finding judge(SpanRows<S> rows, FindingRules rules, int cause, int index,
			int causes) {
		FindingSpan span = rows.spans[cause];
		int top = cause;
		int failedAbove = 0;
		while (rows.parent[top] >= 0 && rows.failed[rows.parent[top]]) {
			top = rows.parent[top];
			failedAbove++;
		}
		int swallowedBy = rows.parent[top];
		List<String> chain = new ArrayList<>();
		int chainLength = 0;
		for (int r = cause; r >= 0; r = rows.parent[r]) {
			if (chain.size() < rules.maxSpansPerFinding()) {
				chain.add(rows.id(r));
			}
			chainLength++;
		}
		String message = Words.errorMessage(span);
		boolean timeoutSaid = Words.saysTimeout(span);
		String of = (causes > 1) ? "cause " + index + " of " + causes + " independent causes" : "the one cause";

		List<String> evidence = new ArrayList<>();
		evidence.add(Words.span(span) + " failed" + ((message != null) ? ": " + message : " (its error says no more)"));
		int children = rows.childCount(cause);
		evidence.add((children == 0) ? "it has no children: the failure is its own or an untraced call's"
				: "none of its " + children + " children failed: nothing below explains its failure");
		if (failedAbove > 0) {
			evidence.add("the failure climbs " + failedAbove + " failed span" + ((failedAbove > 1) ? "s" : "") + " to "
					+ Words.span(rows.spans[top]));
		}
		if (swallowedBy >= 0) {
			evidence.add(Words.span(rows.spans[swallowedBy]) + ", which called " + Words.span(rows.spans[top])
					+ ", did not fail: the error was handled, retried or ignored there");
			String retry = laterSuccess(rows, swallowedBy, top);
			if (retry != null) {
				evidence.add(retry);
			}
		}
		else {
			evidence.add("the failure reached the trace's root, " + Words.span(rows.spans[top]));
		}
		if (causes > 1) {
			evidence.add("this is " + of + ": failed spans with no failed child, none below another"
					+ ((causes > rules.maxCauses()) ? " (" + rules.maxCauses() + " listed)" : ""));
		}
		Finding.ErrorChain facts = new Finding.ErrorChain(rows.id(cause), rows.id(top),
				(swallowedBy >= 0) ? rows.id(swallowedBy) : null, chain, index, causes, message);

		List<Integer> slow = slowChain(rows, rules, cause);
		if (!slow.isEmpty()) {
			int child = slow.get(0);
			double coverage = coverage(rows, cause, child);
			List<String> slowIds = new ArrayList<>(slow.size());
			List<String> spans = new ArrayList<>();
			for (int s : slow) {
				slowIds.add(rows.id(s));
				spans.add(rows.id(s));
			}
			for (String id : chain) {
				if (spans.size() < rules.maxSpansPerFinding()) {
					spans.add(id);
				}
			}
			int last = slow.get(slow.size() - 1);
			evidence.add(1, Words.span(rows.spans[child]) + " ran " + Words.percent(coverage) + " of its "
					+ Words.micros(rows.duration(cause)) + " without an error"
					+ (timeoutSaid ? ", and the failure says timeout" : "; the failure does not say timeout, but fits one")
					+ ": it gave up waiting, and the cause is below, in the slow call");
			if (slow.size() > 1) {
				evidence.add(2, "the time went further down, into " + Words.span(rows.spans[last]));
			}
			String summary = Words.span(span) + " failed" + (timeoutSaid ? " by a timeout" : "") + " while "
					+ Words.span(rows.spans[child]) + " ran " + Words.percent(coverage) + " of its time without error"
					+ ((slow.size() > 1) ? " (the time went into " + Words.span(rows.spans[last]) + ")" : "");
			return new Finding(Kind.MASKED_TIMEOUT, timeoutSaid ? Confidence.DEFINITE : Confidence.PROBABLE,
					rows.id(cause), spans, slow.size() + chainLength, summary, evidence,
					new Finding.MaskedTimeout(rows.id(cause), slowIds, coverage, timeoutSaid));
		}
		if (swallowedBy >= 0) {
			String summary = Words.span(span) + " failed" + ((message != null) ? " (" + message + ")" : "") + " and "
					+ Words.span(rows.spans[swallowedBy]) + " swallowed it";
			return new Finding(Kind.SWALLOWED_ERROR, Confidence.DEFINITE, rows.id(cause), chain, chainLength, summary,
					evidence, facts);
		}
		// A timeout with no child to wait on may be an untraced call or the span's own work: one reading less sure.
		Confidence confidence = (timeoutSaid && children > 0) ? Confidence.PROBABLE : Confidence.DEFINITE;
		String summary = "the error starts at " + Words.span(span) + ((message != null) ? " (" + message + ")" : "")
				+ ((causes > 1) ? ", " + of : "");
		return new Finding(Kind.ERROR_ROOT_CAUSE, confidence, rows.id(cause), chain, chainLength, summary, evidence,
				facts);
	}

	/**
	 * The child that ran at least maskedCoverage of the span's time, then that child's such child, and so
	 * on; empty when no child ran that long.
	 */
	private static <S extends FindingSpan> List<Integer> slowChain(SpanRows<S> rows, FindingRules rules, int span) {
		List<Integer> slow = new ArrayList<>();
		int at = span;
		while (slow.size() < MAX_SLOW_CHAIN) {
			int longest = -1;
			double best = 0.0;
			for (int k = rows.childFrom[at]; k < rows.childFrom[at + 1]; k++) {
				int child = rows.childRows[k];
				double coverage = coverage(rows, at, child);
				if (!rows.failed[child] && coverage > best) {
					best = coverage;
					longest = child;
				}
			}
			if (longest < 0 || best < rules.maskedCoverage()) {
				break;
			}
			slow.add(longest);
			at = longest;
		}
		return slow;
	}

	/** The share of the parent's time the child ran inside it; 0 when the parent's duration is unknown. */
	private static <S extends FindingSpan> double coverage(SpanRows<S> rows, int parent, int child) {
		long duration = rows.duration(parent);
		if (duration <= 0 || rows.start(child) == 0L) {
			return 0.0;
		}
		long from = Math.max(rows.start(parent), rows.start(child));
		long to = Math.min(rows.end(parent), rows.end(child));
		return (to > from) ? (double) (to - from) / duration : 0.0;
	}

	/** Words for a later sibling of the failed call that has its key and did not fail, or null. */
	private static <S extends FindingSpan> String laterSuccess(SpanRows<S> rows, int parent, int failedCall) {
		String key = CallShape.key(rows.spans[failedCall]);
		if (key == null) {
			return null;
		}
		for (int k = rows.childFrom[parent]; k < rows.childFrom[parent + 1]; k++) {
			int sibling = rows.childRows[k];
			if (sibling != failedCall && !rows.failed[sibling] && rows.start(sibling) >= rows.end(failedCall)
					&& Objects.equals(key, CallShape.key(rows.spans[sibling]))) {
				return "a later call of the same operation, " + key + ", succeeded: a retry that recovered";
			}
		}
		return null;
	}

}
