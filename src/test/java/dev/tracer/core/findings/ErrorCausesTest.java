package dev.tracer.core.findings;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tracer.core.findings.Finding.Confidence;
import dev.tracer.core.findings.Finding.Kind;

import static dev.tracer.core.findings.RepeatedCallsTest.ofKind;
import static dev.tracer.core.findings.RepeatedCallsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

/** Where an error started ({@link ErrorCauses}): root causes, masked timeouts, swallowed errors. */
class ErrorCausesTest {

	/**
	 * frontend → backend → db, the query fails and every caller fails with it. An expert: "the error
	 * starts at the query; the 500s above it are the same failure passed up".
	 */
	@Test
	void shouldFindTheDeepestFailureAndItsChain() {
		List<Finding> findings = TestSpan.trace()
			.server("fe", null, "frontend", "GET /orders", 0, 50_000, "error", "HTTP 500", "http.status_code", "500")
			.client("call", "fe", "frontend", "backend", "http get", 1_000, 40_000, "error", "HTTP 500")
			.server("be", "call", "backend", "GET /api/orders", 2_000, 38_000, "error", "HTTP 500")
			.client("q", "be", "backend", "db", "select", 3_000, 2_000, "error", "relation \"orders\" does not exist")
			.client("ok", "be", "backend", "cache", "get", 6_000, 1_000)
			.findings();

		Finding cause = single(findings, Kind.ERROR_ROOT_CAUSE);
		assertThat(cause.spanId()).isEqualTo("q");
		assertThat(cause.confidence()).isEqualTo(Confidence.DEFINITE);
		assertThat(cause.spans()).containsExactly("q", "be", "call", "fe");
		Finding.ErrorChain chain = (Finding.ErrorChain) cause.facts();
		assertThat(chain.topId()).isEqualTo("fe");
		assertThat(chain.swallowedBy()).isNull();
		assertThat(chain.causes()).isEqualTo(1);
		assertThat(chain.message()).isEqualTo("relation \"orders\" does not exist");
		assertThat(cause.summary()).contains("backend \"select\"", "does not exist");
		assertThat(ofKind(findings, Kind.SWALLOWED_ERROR)).isEmpty();
		assertThat(ofKind(findings, Kind.MASKED_TIMEOUT)).isEmpty();
	}

	/**
	 * Two calls under the root fail, each on its own. An expert: "two separate problems: payments is
	 * down and the stock service rejects the request; fixing one leaves the other".
	 */
	@Test
	void shouldListIndependentCausesEachAsSuch() {
		List<Finding> findings = TestSpan.trace()
			.server("fe", null, "shop", "POST /checkout", 0, 50_000, "error", "HTTP 502")
			.client("pay", "fe", "shop", "payments", "POST /charge", 1_000, 10_000, "error", "HTTP 503")
			.client("stock", "fe", "shop", "stock", "POST /reserve", 12_000, 10_000, "error", "HTTP 409")
			.findings();

		List<Finding> causes = ofKind(findings, Kind.ERROR_ROOT_CAUSE);
		assertThat(causes).extracting(Finding::spanId).containsExactly("pay", "stock");
		assertThat(causes).allSatisfy((f) -> assertThat(f.summary()).contains("of 2 independent causes"));
		assertThat(((Finding.ErrorChain) causes.get(1).facts()).cause()).isEqualTo(2);
	}

	/**
	 * The gateway answers 504 after 2 s while its call to the report service ran 1.98 s of it without
	 * an error (the report service was still working). An expert: "the timeout is a symptom; the slow
	 * query under the report service is the cause".
	 */
	@Test
	void shouldFindMaskedTimeoutAndFollowTheSlowChain() {
		List<Finding> findings = TestSpan.trace()
			.server("gw", null, "gateway", "GET /report", 0, 2_000_000, "error", "HTTP 504", "http.status_code", "504")
			.client("call", "gw", "gateway", "reports", "http get", 10_000, 1_990_000)
			.server("rs", "call", "reports", "GET /report", 15_000, 1_985_000)
			.client("slowq", "rs", "reports", "db", "select", 20_000, 1_979_000)
			.findings();

		Finding masked = single(findings, Kind.MASKED_TIMEOUT);
		assertThat(masked.spanId()).isEqualTo("gw");
		assertThat(masked.confidence()).isEqualTo(Confidence.DEFINITE);
		Finding.MaskedTimeout facts = (Finding.MaskedTimeout) masked.facts();
		assertThat(facts.slowIds()).containsExactly("call", "rs", "slowq");
		assertThat(facts.coverage()).isEqualTo(0.995);
		assertThat(facts.timeoutSaid()).isTrue();
		assertThat(masked.spans()).contains("gw", "slowq");
		assertThat(masked.summary()).contains("by a timeout", "reports \"select\"");
		assertThat(ofKind(findings, Kind.ERROR_ROOT_CAUSE)).isEmpty();
	}

	/**
	 * The same shape, but the failed span does not say timeout. An expert: "most likely it gave up on
	 * the slow call, but its error does not say so" (PROBABLE).
	 */
	@Test
	void shouldCallMaskedFailureProbableWithoutTheWordTimeout() {
		List<Finding> findings = gatewayFailedCallingReports("IllegalStateException", 990_000);

		assertThat(single(findings, Kind.MASKED_TIMEOUT).confidence()).isEqualTo(Confidence.PROBABLE);
	}

	/**
	 * A near miss: the failed span says timeout, but its child took a third of its time. An expert: "no
	 * slow child to blame; the time went into its own work or an untraced call" (a root cause, PROBABLE).
	 */
	@Test
	void shouldNotBlameAShortChildForATimeout() {
		List<Finding> findings = gatewayFailedCallingReports("Read timed out", 330_000);

		assertThat(ofKind(findings, Kind.MASKED_TIMEOUT)).isEmpty();
		Finding cause = single(findings, Kind.ERROR_ROOT_CAUSE);
		assertThat(cause.spanId()).isEqualTo("gw");
		assertThat(cause.confidence()).isEqualTo(Confidence.PROBABLE);
	}

	/**
	 * The ads call fails, the page is served anyway, and a second attempt succeeds. An expert: "handled:
	 * the page recovered by retrying, but ads failed once and nobody would know from the root".
	 */
	@Test
	void shouldFindErrorSwallowedByAParentThatRetried() {
		List<Finding> findings = TestSpan.trace()
			.server("fe", null, "web", "GET /home", 0, 30_000)
			.client("ads1", "fe", "web", "ads", "GET /ads", 1_000, 5_000, "http.route", "/ads", "error", "HTTP 503")
			.client("ads2", "fe", "web", "ads", "GET /ads", 7_000, 5_000, "http.route", "/ads")
			.findings();

		Finding swallowed = single(findings, Kind.SWALLOWED_ERROR);
		assertThat(swallowed.spanId()).isEqualTo("ads1");
		assertThat(((Finding.ErrorChain) swallowed.facts()).swallowedBy()).isEqualTo("fe");
		assertThat(swallowed.evidence()).anyMatch((e) -> e.contains("a retry that recovered"));
		assertThat(ofKind(findings, Kind.ERROR_ROOT_CAUSE)).isEmpty();
	}

	/** A healthy trace: nothing failed, nothing is said about errors. */
	@Test
	void shouldFindNoErrorFindingsInAHealthyTrace() {
		List<Finding> findings = TestSpan.trace()
			.server("fe", null, "web", "GET /home", 0, 30_000)
			.client("a", "fe", "web", "ads", "GET /ads", 1_000, 9_000)
			.client("b", "fe", "web", "news", "GET /news", 11_000, 9_000)
			.local("c", "fe", "web", "render", 21_000, 8_000)
			.findings();

		assertThat(findings).isEmpty();
	}

	/** Causes past maxCauses are counted, not listed. */
	@Test
	void shouldListAtMostMaxCauses() {
		TestSpan.Trace trace = TestSpan.trace().server("fe", null, "web", "GET /all", 0, 100_000, "error", "x");
		for (int i = 0; i < 30; i++) {
			trace.client("c" + i, "fe", "web", "svc" + i, "get", 1_000 + i * 3_000L, 1_000, "error", "down");
		}
		List<Finding> causes = ofKind(trace.findings(), Kind.ERROR_ROOT_CAUSE);

		assertThat(causes).hasSize(20);
		assertThat(((Finding.ErrorChain) causes.get(19).facts()).causes()).isEqualTo(30);
		assertThat(causes.get(0).evidence()).anyMatch((e) -> e.contains("(20 listed)"));
	}

	/** The gateway's 1 s request failed with {@code error}; its call to the report service ran {@code callMicros}. */
	private static List<Finding> gatewayFailedCallingReports(String error, long callMicros) {
		return TestSpan.trace()
			.server("gw", null, "gateway", "GET /report", 0, 1_000_000, "error", error)
			.client("call", "gw", "gateway", "reports", "http get", 5_000, callMicros)
			.findings();
	}

}
