package dev.tracer.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.core.breaks.PropagationMap;
import dev.tracer.problem.ApiProblem;

/**
 * The propagation map over a window: services, the calls between them and what became of their context
 * ({@link PropagationDocuments}), and the broken calls behind one edge.
 */
@RestController
class PropagationApiController {

	private final PropagationMap map;

	PropagationApiController(PropagationMap map) {
		this.map = map;
	}

	/** {@code ?since=1h&until=...}: see {@link TimeWindow} for the forms; the last hour by default. */
	@GetMapping("/api/propagation")
	Map<String, Object> map(@RequestParam(required = false) String since, @RequestParam(required = false) String until) {
		TimeWindow window = TimeWindow.parse(since, until, map.nowMicros());
		return PropagationDocuments.of(map.window(window.sinceMicros(), window.untilMicros()), map);
	}

	/**
	 * {@code ?from=frontend&to=backend&since=1h&limit=50}: {@code {"from": ..., "to": ..., "calls": [...]}},
	 * the edge's broken calls that started in the window, newest first; the map keeps the newest
	 * {@code tracer.propagation-map.broken-per-edge} of each edge.
	 */
	@GetMapping("/api/propagation/broken")
	Map<String, Object> broken(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String since, @RequestParam(required = false) String until,
			@RequestParam(defaultValue = "50") int limit) {
		if (from == null || from.isEmpty() || to == null || to.isEmpty()) {
			throw ApiProblem.badRequest("from, to: expected the caller's and the callee's names, as the map gives them");
		}
		int kept = map.limits().brokenPerEdge();
		if (limit < 1 || limit > kept) {
			throw ApiProblem.badRequest("limit: expected 1 to " + kept + ", found " + limit);
		}
		TimeWindow window = TimeWindow.parse(since, until, map.nowMicros());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", from);
		body.put("to", to);
		body.put("since", TimeWindow.iso(window.sinceMicros()));
		body.put("until", TimeWindow.iso(window.untilMicros()));
		body.put("kept_per_edge", kept);
		body.put("calls", map.brokenCalls(from, to, window.sinceMicros(), window.untilMicros(), limit)
			.stream()
			.map(PropagationDocuments::broken)
			.toList());
		return body;
	}

}
