package dev.tracer.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracer.core.findings.Finding;

/**
 * A finding as the API writes it: plain ordered maps, names in snake_case, enums in lowercase, the
 * figures by kind under {@code facts}.
 *
 * <pre>{@code
 * {"kind": "n_plus_one", "confidence": "definite", "span_id": "6b22...",
 *  "spans": ["6b22...", "a1c0...", ...], "span_count": 13,
 *  "summary": "bootifulmeters \"http:/books\" calls app_db: select ... 12 times one after another (...)",
 *  "evidence": ["12 calls of one operation, ...", "they run one after another: ...", ...],
 *  "facts": {"parent_id": "6b22...", "operation": "app_db: select ...", "count": 12, "wall": 52120,
 *            "sum": 48940, "parent_share": 0.8, "serial": true}}
 * }</pre>
 *
 * Facts by kind: {@code n_plus_one} as above; {@code error_root_cause} and {@code swallowed_error}:
 * {@code cause_id, top_id, swallowed_by, chain, cause, causes, message}; {@code masked_timeout}:
 * {@code failed_id, slow_ids, coverage, timeout_said}; {@code critical_path}: {@code path, contributors}
 * (each {@code span_id, service, name, own, share}). Times in microseconds.
 */
public final class FindingDocuments {

	private FindingDocuments() {
	}

	/**
	 * @param findings the findings, never null
	 * @return one document per finding, in order
	 */
	public static List<Map<String, Object>> of(List<Finding> findings) {
		return findings.stream().map(FindingDocuments::of).toList();
	}

	static Map<String, Object> of(Finding finding) {
		Map<String, Object> document = new LinkedHashMap<>(16);
		document.put("kind", EnumNames.lowercase(finding.kind()));
		document.put("confidence", EnumNames.lowercase(finding.confidence()));
		document.put("span_id", finding.spanId());
		document.put("spans", finding.spans());
		document.put("span_count", finding.spanCount());
		document.put("summary", finding.summary());
		document.put("evidence", finding.evidence());
		document.put("facts", facts(finding.facts()));
		return document;
	}

	private static Map<String, Object> facts(Finding.Facts facts) {
		Map<String, Object> map = new LinkedHashMap<>(8);
		if (facts instanceof Finding.NPlusOne n) {
			map.put("parent_id", n.parentId());
			map.put("operation", n.operation());
			map.put("count", n.count());
			map.put("wall", n.wallMicros());
			map.put("sum", n.sumMicros());
			map.put("parent_share", n.parentShare());
			map.put("serial", n.serial());
		}
		else if (facts instanceof Finding.ErrorChain e) {
			map.put("cause_id", e.causeId());
			map.put("top_id", e.topId());
			map.put("swallowed_by", e.swallowedBy());
			map.put("chain", e.chain());
			map.put("cause", e.cause());
			map.put("causes", e.causes());
			map.put("message", e.message());
		}
		else if (facts instanceof Finding.MaskedTimeout m) {
			map.put("failed_id", m.failedId());
			map.put("slow_ids", m.slowIds());
			map.put("coverage", m.coverage());
			map.put("timeout_said", m.timeoutSaid());
		}
		else if (facts instanceof Finding.HotSpots h) {
			map.put("path", h.pathMicros());
			map.put("contributors", h.contributors().stream().map(FindingDocuments::contributor).toList());
		}
		return map;
	}

	private static Map<String, Object> contributor(Finding.Contributor c) {
		Map<String, Object> map = new LinkedHashMap<>(8);
		map.put("span_id", c.spanId());
		map.put("service", c.service());
		map.put("name", c.name());
		map.put("own", c.ownMicros());
		map.put("share", c.share());
		return map;
	}

}
