package dev.tracer.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import dev.tracer.core.context.TraceId;
import dev.tracer.core.findings.Finding;
import dev.tracer.core.findings.FindingAnalysis;
import dev.tracer.core.findings.FindingRules;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.InMemorySpanStore;
import dev.tracer.store.StoredSpan;
import dev.tracer.store.TraceQuery;
import dev.tracer.store.TraceSummary;
import dev.tracer.testing.TestObjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoreFindingsTest {

	/**
	 * The frontend's call to the backend as Zipkin's B3 instrumentations write it: one span id for the
	 * client and the server half, and only the server half knows it failed.
	 */
	private static final List<Span> SHARED_RPC_FAILED_ON_THE_SERVER = List.of(TestObjects.SERVER_SPAN,
			TestObjects.CLIENT_SPAN,
			TestObjects.BACKEND_SPAN.toBuilder()
				.id(TestObjects.CLIENT_SPAN.id())
				.parentId(TestObjects.SERVER_SPAN.id())
				.shared(true)
				.putTag("error", "500")
				.build());

	private final InMemorySpanStore store = new InMemorySpanStore(1000);

	private final StoreFindings findings = new StoreFindings(store, new FindingAnalysis(FindingRules.DEFAULTS));

	@Test
	void aStoredTraceIsReadAsItsPageReadsIt_anRpcsHalvesAsOneSpan() {
		store.accept(SHARED_RPC_FAILED_ON_THE_SERVER);

		List<Finding> stored = findings.inTrace(TraceId.parseHex(TestObjects.TRACE_ID));
		List<Finding> onThePage = findings.of(TraceTree.build(StoredSpan.rpcs(SHARED_RPC_FAILED_ON_THE_SERVER)));

		assertThat(stored).isEqualTo(onThePage);
		assertThat(stored).extracting(Finding::kind).contains(Finding.Kind.SWALLOWED_ERROR);
		// read span by span, the server half is a duplicate of the client's id and its failure is lost
		List<StoredSpan> halves = SHARED_RPC_FAILED_ON_THE_SERVER.stream().map(StoredSpan::new).toList();
		assertThat(findings.of(TraceTree.build(halves))).extracting(Finding::kind)
			.doesNotContain(Finding.Kind.SWALLOWED_ERROR);
	}

	@Test
	void theListFilterKeepsOnlyTheTracesWithTheKind() {
		store.accept(SHARED_RPC_FAILED_ON_THE_SERVER);
		store.accept(TestObjects.call(TestObjects.traceId(7)).stream().map((span) -> span.toBuilder().clearTags().build()).toList());
		List<TraceSummary> listed = store.recentTraces(new TraceQuery(10, null, 0, false));
		assertThat(listed).hasSize(2);

		List<TraceSummary> failed = findings.having(listed, Finding.Kind.SWALLOWED_ERROR, 10);

		assertThat(failed).extracting(TraceSummary::traceId).containsExactly(TestObjects.TRACE_ID);
		assertThat(findings.having(listed, Finding.Kind.SWALLOWED_ERROR, 0)).isEmpty();
	}

	@Test
	void aKindIsNamedInAnyCase_andAnUnknownNameIsToldTheKinds() {
		assertThat(StoreFindings.kindNamed("N_Plus_One")).isEqualTo(Finding.Kind.N_PLUS_ONE);
		assertThatIllegalArgumentException().isThrownBy(() -> StoreFindings.kindNamed("slow"))
			.withMessage("expected one of n_plus_one, error_root_cause, masked_timeout, swallowed_error, "
					+ "critical_path, found \"slow\"");
	}

}
