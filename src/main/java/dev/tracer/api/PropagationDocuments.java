package dev.tracer.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracer.core.breaks.BrokenCall;
import dev.tracer.core.breaks.EdgeCounts;
import dev.tracer.core.breaks.PropagationMap;

/**
 * The propagation map as the API writes it, laid out ({@link MapLayout}) so that the viewer only draws.
 *
 * <pre>{@code
 * {"since": "2026-12-07T09:00:00Z", "until": "2026-12-07T09:59:59.999999Z", "width": 740, "height": 222,
 *  "services": [{"name": "frontend", "traced": true, "x": 110, "y": 83}, ...],
 *  "edges": [{"from": "frontend", "to": "backend", "calls": 40, "continued": 10, "broken": 30,
 *             "broken_share": 0.75, "possible": 0, "verdict": "broken",
 *             "reasons": [{"reason": "dropped", "count": 10}, ...], "untraced": 0, "unknown_callee": 0,
 *             "points": [[110, 83], [370, 83]]}, ...],
 *  "map": {"edges": 3, "refused_calls": 0, "expired_calls": 0, "bucket_seconds": 60, "retention_seconds": 86400}}
 * }</pre>
 *
 * An edge whose callee nothing names has {@code "to": null}; its last point is where the viewer draws
 * that caller's "unknown callee".
 */
final class PropagationDocuments {

	private PropagationDocuments() {
	}

	static Map<String, Object> of(PropagationMap.Window window, PropagationMap map) {
		List<String> names = new ArrayList<>();
		Map<String, Integer> index = new HashMap<>();
		for (PropagationMap.Service service : window.services()) {
			index.put(service.name(), names.size());
			names.add(service.name());
		}
		List<EdgeCounts> edges = window.edges();
		int[][] pairs = new int[edges.size()][];
		int nodes = names.size();
		for (int e = 0; e < edges.size(); e++) {
			EdgeCounts edge = edges.get(e);
			// each caller's unknown callee is a node of its own: one shared node would tie unrelated callers
			int to = (edge.callee() != null) ? index.get(edge.callee()) : nodes++;
			pairs[e] = new int[] { index.get(edge.caller()), to };
		}
		MapLayout.Result layout = MapLayout.of(nodes, pairs);

		Map<String, Object> body = new LinkedHashMap<>();
		body.put("since", TimeWindow.iso(window.sinceMicros()));
		body.put("until", TimeWindow.iso(window.untilMicros()));
		body.put("width", round(layout.width()));
		body.put("height", round(layout.height()));
		List<Map<String, Object>> services = new ArrayList<>(window.services().size());
		for (int s = 0; s < window.services().size(); s++) {
			PropagationMap.Service service = window.services().get(s);
			Map<String, Object> document = new LinkedHashMap<>(4);
			document.put("name", service.name());
			document.put("traced", service.traced());
			document.put("x", round(layout.nodes().get(s).x()));
			document.put("y", round(layout.nodes().get(s).y()));
			services.add(document);
		}
		body.put("services", services);
		List<Map<String, Object>> edgeDocuments = new ArrayList<>(edges.size());
		for (int e = 0; e < edges.size(); e++) {
			edgeDocuments.add(edge(edges.get(e), layout.edges().get(e)));
		}
		body.put("edges", edgeDocuments);
		PropagationMap.Stats stats = map.stats();
		Map<String, Object> own = new LinkedHashMap<>(8);
		own.put("edges", stats.edges());
		own.put("refused_calls", stats.refusedCalls());
		own.put("expired_calls", stats.expiredCalls());
		own.put("bucket_seconds", map.limits().bucketMicros() / 1_000_000.0);
		own.put("retention_seconds", map.limits().retentionMicros() / 1_000_000.0);
		body.put("map", own);
		return body;
	}

	private static Map<String, Object> edge(EdgeCounts edge, List<MapLayout.Point> points) {
		Map<String, Object> document = new LinkedHashMap<>(16);
		document.put("from", edge.caller());
		document.put("to", edge.callee());
		document.put("calls", edge.calls());
		document.put("continued", edge.continued());
		document.put("broken", edge.broken());
		document.put("broken_share", edge.brokenShare());
		document.put("possible", edge.possible());
		document.put("verdict", EnumNames.lowercase(edge.verdict()));
		document.put("reasons", edge.reasons().stream().map((reason) -> {
			Map<String, Object> line = new LinkedHashMap<>(2);
			line.put("reason", reason.reason());
			line.put("count", reason.count());
			return line;
		}).toList());
		document.put("untraced", edge.untraced());
		document.put("unknown_callee", edge.unknownCallee());
		document.put("points", points.stream().map((p) -> List.of(round(p.x()), round(p.y()))).toList());
		return document;
	}

	/**
	 * {@code {"trace_id": "4bf9...", "span_id": "b7ad...", "start": 1765098000000000, "reason": "dropped",
	 * "confidence": "probable"}}
	 */
	static Map<String, Object> broken(BrokenCall call) {
		Map<String, Object> document = new LinkedHashMap<>(8);
		document.put("trace_id", call.call().traceId());
		document.put("span_id", call.call().spanId());
		document.put("start", call.call().startMicros());
		document.put("reason", call.reason());
		document.put("confidence", EnumNames.lowercase(call.confidence()));
		return document;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
