package dev.tracer.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.analysis.StoreBreaks;
import dev.tracer.core.breaks.BreakTotals;
import dev.tracer.problem.ApiProblem;

/** The breaks across the store's traces, newest first. */
@RestController
class BreakApiController {

	private static final int MAX_LISTED_BREAKS = 1000;

	private final StoreBreaks breaks;

	BreakApiController(StoreBreaks breaks) {
		this.breaks = breaks;
	}

	/**
	 * {@code {"breaks": [...], "pending_calls": 2, "orphans": 0, "untraced_calls": 40, "unknown_callee_calls": 1}}:
	 * the newest {@code limit} breaks, the calls not judged yet (their traces have not settled), the spans
	 * whose parent is absent, and the calls without a child that are no break: to a callee that writes no
	 * span, or to one nothing names.
	 */
	@GetMapping("/api/breaks")
	Map<String, Object> recent(@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LISTED_BREAKS) {
			throw ApiProblem.badRequest("limit: expected 1 to " + MAX_LISTED_BREAKS + ", found " + limit);
		}
		BreakTotals totals = breaks.totals();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("breaks", BreakDocuments.of(breaks.newest(limit)));
		body.put("pending_calls", totals.pendingCalls());
		body.put("orphans", totals.orphans());
		body.put("untraced_calls", totals.untracedCalls());
		body.put("unknown_callee_calls", totals.unknownCalleeCalls());
		return body;
	}

}
