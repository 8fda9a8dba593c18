package dev.tracer.core.breaks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tracer.core.context.TraceTags;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The break analysis on traces that real instrumentation wrote (the corpus: {@code corpus/SOURCES.md}),
 * each held to what an expert reads in it ({@code corpus/expectations.json}): its breaks with their
 * confidence and link, its untraced calls by callee, its calls to an unknown callee, its orphans.
 * Each file is analysed alone, long after it settled, with the application's tolerances.
 */
class CorpusBreaksTest {

	private static final BreakAnalysis ANALYSIS = new BreakAnalysis(new BreakRules(5_000_000L, 50_000L));

	private static final long SETTLED = Long.MAX_VALUE / 2;

	private static final JsonNode EXPECTATIONS = expectations();

	static Stream<String> traces() {
		List<String> names = new ArrayList<>();
		EXPECTATIONS.get("traces").propertyNames().forEach(names::add);
		return names.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("traces")
	void analyze_corpusTrace_saysWhatAnExpertSays(String name) {
		JsonNode expected = EXPECTATIONS.get("traces").get(name);
		List<HopSpan> spans = spans(name);

		BreakReport report = ANALYSIS.analyze(spans, SETTLED);

		assertThat(spans.stream().filter(span -> span.kind() == HopSpan.Kind.CLIENT).count()).as("client calls")
			.isEqualTo(expected.get("client_calls").asLong());
		assertThat(described(report.breaks())).as("breaks").isEqualTo(expectedBreaks(expected.get("breaks")));
		assertThat(byCallee(report.untracedCalls())).as("untraced calls").isEqualTo(expectedCounts(expected.get("untraced_calls")));
		assertThat(report.unknownCalleeCalls()).as("calls to an unknown callee").hasSize(expected.get("unknown_callee_calls").asInt());
		assertThat(report.orphans()).as("orphans").hasSize(expected.get("orphans").asInt());
		assertThat(report.pendingCalls()).isZero();
	}

	/** Definite only on header evidence: a root that recorded a refused header, or the very header sent. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("traces")
	void analyze_corpusTrace_definiteOnlyWithHeaderEvidence(String name) {
		List<HopSpan> spans = spans(name);
		Set<String> sent = new HashSet<>();
		for (HopSpan span : spans) {
			if (span.tag(TraceTags.TRACEPARENT_SENT) != null) {
				sent.add(TraceTags.received(span.tag(TraceTags.TRACEPARENT_SENT)));
			}
		}

		for (Break b : ANALYSIS.analyze(spans, SETTLED).breaks()) {
			if (b.confidence() != Confidence.DEFINITE) {
				continue;
			}
			HopSpan root = find(spans, b.server());
			String received = root.tag(TraceTags.TRACEPARENT_RECEIVED);
			assertThat(received).as("%s: the root's received header", b).isNotNull();
			assertThat("false".equals(root.tag(TraceTags.TRACEPARENT_VALID)) || sent.contains(received))
				.as("%s: refused, or the very header sent", b).isTrue();
		}
	}

	/** A call is a break, an untraced call or a call to an unknown callee: never two of them. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("traces")
	void analyze_corpusTrace_untracedCallsNeverBreaks(String name) {
		BreakReport report = ANALYSIS.analyze(spans(name), SETTLED);

		Set<SpanRef> broken = new HashSet<>();
		report.breaks().stream().filter(b -> b.kind() == Break.Kind.LOST_DOWNSTREAM).forEach(b -> broken.add(b.span()));
		assertThat(report.untracedCalls()).noneMatch(call -> broken.contains(call.call()));
		assertThat(report.unknownCalleeCalls()).noneMatch(broken::contains);
	}

	/** The demo's propagation modes, recorded from the demo itself: each break found and linked. */
	@Test
	void analyze_demoModes_everyBreakFoundAndLinked() {
		for (String mode : List.of("dropped", "uppercase", "b3")) {
			BreakReport report = ANALYSIS.analyze(spans("demo/" + mode + ".json"), SETTLED);

			assertThat(report.breaks()).as(mode).hasSize(2).allSatisfy(b -> {
				assertThat(b.otherTraceId()).isNotNull();
				assertThat(b.otherTraceId()).isNotEqualTo(b.traceId());
			});
		}
	}

	/**
	 * What the corpus holds, as the issue asks: at least 20 traces, healthy and broken, with B3 shared
	 * spans, database and cache calls, third-party HTTP and messaging.
	 */
	@Test
	void corpus_coversTheShapesOfProduction() {
		Set<String> traceIds = new HashSet<>();
		Set<String> seen = new HashSet<>();
		traces().forEach(name -> {
			for (HopSpan span : spans(name)) {
				traceIds.add(name + "/" + span.traceId());
				if (span.kind() == HopSpan.Kind.SERVER && spans(name).stream()
					.anyMatch(other -> other.kind() == HopSpan.Kind.CLIENT && other.spanId().equals(span.spanId()))) {
					seen.add("shared span");
				}
				if (span.tag("sql.query") != null || span.tag("db.system") != null || span.tag("cassandra.query") != null) {
					seen.add("database");
				}
				if ("memcache".equals(span.remoteService()) || "redis".equals(span.remoteService())) {
					seen.add("cache");
				}
				if (span.tag("server.address") != null && span.tag("server.address").contains("stripe")) {
					seen.add("third party");
				}
				if (span.tag("messaging.system") != null || span.tag("kafka.topic") != null || span.tag("rabbit.queue") != null) {
					seen.add("messaging");
				}
			}
			if (!EXPECTATIONS.get("traces").get(name).get("breaks").isEmpty()) {
				seen.add("broken");
			}
		});

		assertThat(traceIds).hasSizeGreaterThanOrEqualTo(20);
		assertThat(seen).containsExactlyInAnyOrder("shared span", "database", "cache", "third party", "messaging", "broken");
	}

	static List<HopSpan> spans(String name) {
		var recorded = RecordedTraces.all().get(name);
		return (recorded != null) ? recorded.get() : CorpusSpan.read(name);
	}

	private static HopSpan find(List<HopSpan> spans, SpanRef ref) {
		return spans.stream()
			.filter(span -> span.traceId().equals(ref.traceId()) && span.spanId().equals(ref.spanId())
					&& span.kind() == HopSpan.Kind.SERVER)
			.findFirst()
			.orElseThrow();
	}

	/** {@code lost_downstream frontend probable/ambiguous 8} -> how many such breaks. */
	private static Map<String, Integer> described(List<Break> breaks) {
		Map<String, Integer> counts = new TreeMap<>();
		for (Break b : breaks) {
			counts.merge(describe(b.kind().name(), b.span().service(), b.confidence().name(), b.link().name(),
					b.candidateCount()), 1, Integer::sum);
		}
		return counts;
	}

	private static Map<String, Integer> expectedBreaks(JsonNode breaks) {
		Map<String, Integer> counts = new TreeMap<>();
		for (JsonNode b : breaks) {
			counts.merge(describe(b.get("kind").asString(), b.get("service").asString(), b.get("confidence").asString(),
					b.get("link").asString(), b.get("candidates").asInt()), b.has("times") ? b.get("times").asInt() : 1,
					Integer::sum);
		}
		return counts;
	}

	private static String describe(String kind, String service, String confidence, String link, int candidates) {
		return (kind + " " + service + " " + confidence + "/" + link + " " + candidates).toLowerCase(Locale.ROOT);
	}

	private static Map<String, Integer> byCallee(List<UntracedCall> calls) {
		Map<String, Integer> counts = new TreeMap<>();
		for (UntracedCall call : calls) {
			counts.merge(call.callee() + " (" + call.basis() + ")", 1, Integer::sum);
		}
		return counts;
	}

	private static Map<String, Integer> expectedCounts(JsonNode counts) {
		Map<String, Integer> map = new TreeMap<>();
		counts.propertyNames().forEach(key -> map.put(key, counts.get(key).asInt()));
		return map;
	}

	private static JsonNode expectations() {
		try (InputStream in = CorpusBreaksTest.class.getResourceAsStream("/corpus/expectations.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
