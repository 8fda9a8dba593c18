package dev.tracer.core.findings;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tracer.core.findings.Finding.Confidence;
import dev.tracer.core.findings.Finding.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** N+1 calls ({@link RepeatedCalls}): present, absent, and the near misses an expert tells apart. */
class RepeatedCallsTest {

	/**
	 * Twelve lookups by id, each starting 0.2 ms after the one before ended. An expert: "classic N+1:
	 * the handler loads the list, then each item with its own query; one query with an IN list, or a
	 * join, would do".
	 */
	@Test
	void shouldFindSerialQueriesOfOneShape() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "orders", "GET /orders", 0, 60_000);
		long at = 1_000;
		for (int i = 0; i < 12; i++) {
			trace.client("q" + i, "root", "orders", "db", "select", at, 4_000, "db.statement",
					"SELECT * FROM item WHERE id = " + (100 + i));
			at += 4_200;
		}
		List<Finding> found = ofKind(trace.findings(), Kind.N_PLUS_ONE);

		assertThat(found).hasSize(1);
		Finding finding = found.get(0);
		assertThat(finding.confidence()).isEqualTo(Confidence.DEFINITE);
		assertThat(finding.spanId()).isEqualTo("root");
		assertThat(finding.spans()).hasSize(13).startsWith("root", "q0").endsWith("q11");
		Finding.NPlusOne facts = (Finding.NPlusOne) finding.facts();
		assertThat(facts.operation()).isEqualTo("db: select * from item where id = ?");
		assertThat(facts.count()).isEqualTo(12);
		assertThat(facts.sumMicros()).isEqualTo(48_000);
		assertThat(facts.wallMicros()).isEqualTo(11 * 4_200 + 4_000);
		assertThat(facts.parentShare()).isEqualTo(0.8);
		assertThat(facts.serial()).isTrue();
		assertThat(finding.summary()).contains("12 times one after another", "80% of its time");
		assertThat(finding.evidence()).anyMatch((e) -> e.contains("one after another"));
	}

	/**
	 * The same loop over HTTP, each item fetched by its path: {@code /items/17}, {@code /items/18}. An
	 * expert: "N+1 over the network: ask the backend for the batch".
	 */
	@Test
	void shouldFindSerialHttpCallsByPathShape() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "frontend", "GET /cart", 0, 30_000);
		for (int i = 0; i < 6; i++) {
			trace.client("c" + i, "root", "frontend", "backend", "http get", 1_000 + i * 4_000L, 3_800, "http.method",
					"GET", "http.path", "/items/" + (17 + i));
		}
		Finding.NPlusOne facts = (Finding.NPlusOne) single(trace.findings(), Kind.N_PLUS_ONE).facts();

		assertThat(facts.operation()).isEqualTo("backend: GET /items/{}");
		assertThat(facts.count()).isEqualTo(6);
	}

	/**
	 * Calls that overlap a little, two at a time at most: a pool of two. An expert: "still one call per
	 * item, only two at a time; probably N+1" (PROBABLE, partly parallel).
	 */
	@Test
	void shouldCallOverlappingPairsPartlyParallel() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "orders", "GET /orders", 0, 40_000);
		for (int i = 0; i < 8; i++) {
			// each starts halfway through the one before it
			trace.client("q" + i, "root", "orders", "db", "select", 1_000 + i * 2_000L, 4_000, "db.statement",
					"select * from item where id = ?");
		}
		Finding finding = single(trace.findings(), Kind.N_PLUS_ONE);

		assertThat(finding.confidence()).isEqualTo(Confidence.PROBABLE);
		assertThat(((Finding.NPlusOne) finding.facts()).serial()).isFalse();
		assertThat(finding.summary()).contains("partly in parallel");
	}

	/**
	 * Ten calls started at once, each to the same backend operation: a parallel fan-out. An expert:
	 * "that is a scatter-gather, the calls cost one round trip; not N+1".
	 */
	@Test
	void shouldNotCallParallelFanOutNPlusOne() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "search", "GET /search", 0, 20_000);
		for (int i = 0; i < 10; i++) {
			trace.client("s" + i, "root", "search", "shard", "search", 1_000 + i * 50L, 15_000, "http.method", "POST",
					"http.route", "/shards/{id}/search");
		}
		assertThat(ofKind(trace.findings(), Kind.N_PLUS_ONE)).isEmpty();
	}

	/**
	 * Six INSERTs, one after another, each writing many rows in one statement: a batch job writing in
	 * chunks. An expert: "already batched; six round trips for six chunks is a design choice, not N+1".
	 */
	@Test
	void shouldNotCallChunkedBatchesNPlusOne() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "importer", "POST /import", 0, 70_000);
		// the same, said by OpenTelemetry's batch size instead of the statement
		TestSpan.Trace sized = TestSpan.trace().server("root", null, "importer", "POST /import", 0, 70_000);
		for (int i = 0; i < 6; i++) {
			trace.client("b" + i, "root", "importer", "db", "insert", 1_000 + i * 11_000L, 10_000, "db.statement",
					"insert into audit (id, what) values (?, ?), (?, ?), (?, ?)");
			sized.client("b" + i, "root", "importer", "db", "insert", 1_000 + i * 11_000L, 10_000, "db.statement",
					"insert into audit (id, what) values (?, ?)", "db.operation.batch.size", "100");
		}
		assertThat(ofKind(trace.findings(), Kind.N_PLUS_ONE)).isEmpty();
		assertThat(ofKind(sized.findings(), Kind.N_PLUS_ONE)).isEmpty();
	}

	/**
	 * Five attempts at one call, the first four failed, with back-off between them: a retry loop. An
	 * expert: "a retry; the question is why the first four failed, not the number of calls".
	 */
	@Test
	void shouldNotCallRetryLoopNPlusOne() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "checkout", "POST /pay", 0, 30_000);
		for (int i = 0; i < 5; i++) {
			String[] tags = (i < 4) ? new String[] { "http.route", "/charge", "error", "HTTP 503" }
					: new String[] { "http.route", "/charge" };
			trace.client("r" + i, "root", "checkout", "payments", "POST /charge", 1_000 + i * 5_000L, 4_500, tags);
		}
		assertThat(ofKind(trace.findings(), Kind.N_PLUS_ONE)).isEmpty();
	}

	/**
	 * A poller: one call a second for five seconds, each a few ms. An expert: "spread out over time, the
	 * parent is waiting, not looping over round trips".
	 */
	@Test
	void shouldNotCallSpreadOutCallsNPlusOne() {
		TestSpan.Trace trace = TestSpan.trace().local("root", null, "worker", "poll", 0, 5_000_000);
		for (int i = 0; i < 5; i++) {
			trace.client("p" + i, "root", "worker", "queue", "receive", i * 1_000_000L, 5_000);
		}
		assertThat(ofKind(trace.findings(), Kind.N_PLUS_ONE)).isEmpty();
	}

	/** Four lookups: under {@code minRepeats} by default, found when the threshold is lowered. */
	@Test
	void shouldHonourTheRepeatThreshold() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "orders", "GET /orders", 0, 20_000);
		for (int i = 0; i < 4; i++) {
			trace.client("q" + i, "root", "orders", "db", "select", 1_000 + i * 4_100L, 4_000, "db.statement",
					"select * from item where id = " + i);
		}
		FindingRules four = new FindingRules(4, 10_000L, 0.6, 0.05, 2.0, 0.9, 20, 0.5, 3, 500);

		assertThat(ofKind(trace.findings(), Kind.N_PLUS_ONE)).isEmpty();
		assertThat(ofKind(trace.findings(four), Kind.N_PLUS_ONE)).hasSize(1);
	}

	/** Different statements under one parent (a save that touches several tables) are no repetition. */
	@Test
	void shouldNotGroupDifferentStatements() {
		TestSpan.Trace trace = TestSpan.trace().server("root", null, "books", "POST /book", 0, 30_000);
		String[] tables = { "book", "author", "revinfo", "book_aud", "author_aud", "tag" };
		for (int i = 0; i < tables.length; i++) {
			trace.client("i" + i, "root", "books", "db", "insert", 1_000 + i * 4_100L, 4_000, "db.statement",
					"insert into " + tables[i] + " (id) values (" + i + ")");
		}
		assertThat(ofKind(trace.findings(), Kind.N_PLUS_ONE)).isEmpty();
	}

	@Test
	void statement_literalsAndListsBecomeOneShape() {
		assertThat(CallShape.statement("SELECT *  FROM t WHERE a = 'it''s' AND b IN (1, 2, 3) AND c = $1"))
			.isEqualTo("select * from t where a = ? and b in (?) and c = ?");
		assertThat(CallShape.statement("select col1 from t2 where x = :name")).isEqualTo("select col1 from t2 where x = ?");
	}

	@Test
	void path_idsBecomePlaceholders() {
		assertThat(CallShape.path("/items/42/parts/3f2504e0-4f89-11d3-9a0c-0305e82c3301?full=1"))
			.isEqualTo("/items/{}/parts/{}");
		assertThat(CallShape.path("/api/v2/users")).isEqualTo("/api/v2/users");
	}

	static List<Finding> ofKind(List<Finding> findings, Kind kind) {
		return findings.stream().filter((f) -> f.kind() == kind).toList();
	}

	static Finding single(List<Finding> findings, Kind kind) {
		List<Finding> found = ofKind(findings, kind);
		assertThat(found).as("findings of kind %s in %s", kind, findings).hasSize(1);
		return found.get(0);
	}

}
