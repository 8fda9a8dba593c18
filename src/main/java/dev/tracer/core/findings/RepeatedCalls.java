package dev.tracer.core.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracer.core.findings.Finding.Confidence;
import dev.tracer.core.findings.Finding.Kind;

/**
 * N+1 calls: a parent that calls one operation of one downstream ({@link CallShape}) many times, one
 * after another.
 *
 * <pre>{@code
 * parent  [==========================================]
 * calls     [=] [=] [=] [=] [=] [=] [=] [=]            8 calls, no overlap, busy 8/9 of their window: N+1
 * fan-out   [========]                                 8 calls at once: 8 in flight, not N+1
 *           [========]  ...
 * polling   [=]        [=]        [=]        [=]  ...  busy a fifth of their window: not a loop of calls
 * retry     [x]  [x]  [x]  [x]  [=]                    every call but the last failed: a retry loop
 * }</pre>
 *
 * <p>For each parent with at least {@code minRepeats} children, its children are grouped by key, and a
 * group is N+1 when all hold: at least {@code minRepeats} calls, summing at least
 * {@code minRepeatedMicros}; busy (some call running) at least {@code minFill} of the window from the
 * first start to the last end; overlapping at most {@code serialOverlap} of their summed time (serial,
 * {@link Confidence#DEFINITE}) or, if more, at most {@code maxConcurrency} calls in flight on average
 * (partly parallel, {@link Confidence#PROBABLE}: a pool of two or a slow async loop); and not a retry
 * loop (every call but the last failed). Calls of unknown start are left out of a group.
 */
final class RepeatedCalls {

	private RepeatedCalls() {
	}

	static <S extends FindingSpan> List<Finding> find(SpanRows<S> rows, FindingRules rules) {
		List<Finding> findings = new ArrayList<>();
		for (int p = 0; p < rows.size(); p++) {
			if (rows.childCount(p) < rules.minRepeats()) {
				continue;
			}
			Map<String, List<Integer>> groups = new LinkedHashMap<>();
			for (int k = rows.childFrom[p]; k < rows.childFrom[p + 1]; k++) {
				int child = rows.childRows[k];
				if (rows.start(child) == 0L) {
					continue;
				}
				String key = CallShape.key(rows.spans[child]);
				if (key != null) {
					groups.computeIfAbsent(key, (any) -> new ArrayList<>()).add(child);
				}
			}
			for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
				if (group.getValue().size() >= rules.minRepeats()) {
					Finding finding = judge(rows, rules, p, group.getKey(), group.getValue());
					if (finding != null) {
						findings.add(finding);
					}
				}
			}
		}
		return findings;
	}

	private static <S extends FindingSpan> Finding judge(SpanRows<S> rows, FindingRules rules, int parent,
			String operation, List<Integer> calls) {
		// children come in start order (the tree sorts them), which the sweep below needs
		int count = calls.size();
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		long sum = 0;
		long busy = 0;
		long runFrom = Long.MIN_VALUE;
		long runTo = Long.MIN_VALUE;
		int failedBeforeLast = 0;
		for (int i = 0; i < count; i++) {
			int call = calls.get(i);
			long start = rows.start(call);
			long end = rows.end(call);
			first = Math.min(first, start);
			last = Math.max(last, end);
			sum += end - start;
			if (start > runTo) {
				busy += runTo - runFrom;
				runFrom = start;
				runTo = end;
			}
			else {
				runTo = Math.max(runTo, end);
			}
			if (i < count - 1 && rows.failed[call]) {
				failedBeforeLast++;
			}
		}
		busy += runTo - runFrom;
		long window = last - first;
		if (sum < rules.minRepeatedMicros() || window <= 0 || busy <= 0) {
			return null;
		}
		double fill = (double) busy / window;
		if (fill < rules.minFill()) {
			return null;
		}
		long overlap = sum - busy;
		boolean serial = overlap <= rules.serialOverlap() * sum;
		double inFlight = (double) sum / busy;
		if (!serial && inFlight > rules.maxConcurrency()) {
			return null;
		}
		if (failedBeforeLast == count - 1) {
			return null;
		}
		long parentDuration = rows.duration(parent);
		double parentShare = (parentDuration > 0) ? Math.min(1.0, (double) busy / parentDuration) : 0.0;

		FindingSpan parentSpan = rows.spans[parent];
		List<String> evidence = new ArrayList<>();
		evidence.add(count + " calls of one operation, " + operation + ", under one parent, " + Words.span(parentSpan)
				+ " (values in statements and paths set aside)");
		if (serial) {
			evidence.add("they run one after another: no call starts before the one before it has ended"
					+ ((overlap > 0) ? " (overlaps add up to " + Words.percent((double) overlap / sum)
							+ " of their time, within the " + Words.percent(rules.serialOverlap()) + " allowed)" : ""));
		}
		else {
			evidence.add(String.format(java.util.Locale.ROOT,
					"they overlap in part: %.1f calls in flight on average while any runs (more than %.1f would be a parallel fan-out)",
					inFlight, rules.maxConcurrency()));
		}
		evidence.add("some call is running " + Words.percent(fill) + " of the " + Words.micros(window)
				+ " from the first start to the last end: a loop of round trips, not calls spread out");
		evidence.add("together they take " + Words.micros(sum)
				+ ((parentDuration > 0) ? ", busy " + Words.percent(parentShare) + " of the parent's " + Words.micros(parentDuration)
						: ""));
		if (failedBeforeLast > 0) {
			evidence.add(failedBeforeLast + " of them failed, but not every call before the last: not a retry loop");
		}
		String summary = Words.span(parentSpan) + " calls " + operation + " " + count + " times "
				+ (serial ? "one after another" : "partly in parallel") + " (" + Words.micros(sum) + " in calls"
				+ ((parentDuration > 0) ? ", " + Words.percent(parentShare) + " of its time)" : ")");
		List<String> spans = new ArrayList<>(Math.min(count + 1, rules.maxSpansPerFinding()));
		spans.add(rows.id(parent));
		for (int i = 0; i < count && spans.size() < rules.maxSpansPerFinding(); i++) {
			spans.add(rows.id(calls.get(i)));
		}
		return new Finding(Kind.N_PLUS_ONE, serial ? Confidence.DEFINITE : Confidence.PROBABLE, rows.id(parent), spans,
				count + 1, summary, evidence,
				new Finding.NPlusOne(rows.id(parent), operation, count, window, sum, parentShare, serial));
	}

}
