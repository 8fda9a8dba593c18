package dev.tracer.core.findings;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

import dev.tracer.core.findings.Finding.Confidence;
import dev.tracer.core.findings.Finding.Kind;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;

import static dev.tracer.core.findings.RepeatedCallsTest.ofKind;
import static dev.tracer.core.findings.RepeatedCallsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings over real-shaped traces in {@code src/test/resources/corpus-findings} (their sources and
 * licences: SOURCES.md there), read as the store reads them: Zipkin v2 JSON into {@link StoredSpan}.
 */
class FindingAnalysisCorpusTest {

	/**
	 * Zipkin Lens' {@code simple-db-p6.json}: a POST /book that inserts into three tables and asks for
	 * a sequence value, 12 ms of JDBC in a 252 ms request. An expert: "no repetition and no error; the
	 * request's time is in the server's own code, outside the database" (only the critical path speaks).
	 */
	@Test
	void simpleDb_givesOnlyTheServersOwnTime() throws IOException {
		List<Finding> findings = analyze("simple-db-p6.json");

		assertThat(ofKind(findings, Kind.N_PLUS_ONE)).isEmpty();
		assertThat(findings).noneMatch((f) -> f.kind() == Kind.ERROR_ROOT_CAUSE || f.kind() == Kind.SWALLOWED_ERROR
				|| f.kind() == Kind.MASKED_TIMEOUT);
		Finding hot = single(findings, Kind.CRITICAL_PATH);
		assertThat(hot.spanId()).isEqualTo("19f84f102048e047");
		assertThat(hot.summary()).startsWith("bootifulmeters \"http:/book\" owns 95%");
	}

	/**
	 * The same service's GET /books: one query for the books, then one query per book for its audit
	 * rows, twelve in a row (Hibernate's lazy loading). An expert: "N+1: fetch the audit rows with one
	 * query, a join or an IN list".
	 */
	@Test
	void bookAudit_isNPlusOne() throws IOException {
		List<Finding> findings = analyze("book-n-plus-one.json");

		Finding n1 = single(findings, Kind.N_PLUS_ONE);
		assertThat(n1.confidence()).isEqualTo(Confidence.DEFINITE);
		Finding.NPlusOne facts = (Finding.NPlusOne) n1.facts();
		assertThat(facts.parentId()).isEqualTo("6b221d5bc9e6496c");
		assertThat(facts.count()).isEqualTo(12);
		assertThat(facts.operation()).startsWith("app_db: select bookaud0_.rev").endsWith("where bookaud0_.book_id=?");
		assertThat(facts.serial()).isTrue();
		assertThat(n1.spans()).hasSize(13).doesNotContain("a1c0000000000001");
	}

	private static List<Finding> analyze(String name) throws IOException {
		try (InputStream in = FindingAnalysisCorpusTest.class.getResourceAsStream("/corpus-findings/" + name)) {
			assertThat(in).as(name).isNotNull();
			List<Span> spans = SpanBytesDecoder.JSON_V2.decodeList(in.readAllBytes());
			return new FindingAnalysis(FindingRules.DEFAULTS)
				.analyze(TraceTree.build(spans.stream().map(StoredSpan::new).toList()));
		}
	}

}
