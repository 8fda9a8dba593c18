package dev.tracer.core.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracer.core.tree.TraceTree;

/**
 * A span for the findings' tests, failed by the store's rule (an {@code error} tag), and a builder for
 * traces of them with times in microseconds after {@link #T0}.
 */
record TestSpan(String spanId, String parentId, Kind kind, String localService, String remoteService, String name,
		long startMicros, long durationMicros, Map<String, String> tags) implements FindingSpan {

	/** A trace's start: 2023-11-14T22:13:20Z in epoch microseconds. */
	static final long T0 = 1_700_000_000_000_000L;

	@Override
	public String traceId() {
		return "4bf92f3577b34da6a3ce929d0e0e4736";
	}

	@Override
	public String tag(String key) {
		return tags.get(key);
	}

	@Override
	public boolean failed() {
		return tags.containsKey("error");
	}

	static Trace trace() {
		return new Trace();
	}

	/** Spans added in order; times after T0. */
	static final class Trace {

		private final List<TestSpan> spans = new ArrayList<>();

		Trace server(String id, String parent, String service, String name, long start, long duration, String... tags) {
			return add(id, parent, Kind.SERVER, service, null, name, start, duration, tags);
		}

		Trace client(String id, String parent, String service, String remote, String name, long start, long duration,
				String... tags) {
			return add(id, parent, Kind.CLIENT, service, remote, name, start, duration, tags);
		}

		Trace local(String id, String parent, String service, String name, long start, long duration, String... tags) {
			return add(id, parent, Kind.OTHER, service, null, name, start, duration, tags);
		}

		Trace add(String id, String parent, Kind kind, String service, String remote, String name, long start,
				long duration, String... tags) {
			Map<String, String> map = new LinkedHashMap<>();
			for (int i = 0; i < tags.length; i += 2) {
				map.put(tags[i], tags[i + 1]);
			}
			spans.add(new TestSpan(id, parent, kind, service, remote, name, T0 + start, duration, map));
			return this;
		}

		List<Finding> findings() {
			return findings(FindingRules.DEFAULTS);
		}

		List<Finding> findings(FindingRules rules) {
			return new FindingAnalysis(rules).analyze(TraceTree.build(spans));
		}

	}

}
