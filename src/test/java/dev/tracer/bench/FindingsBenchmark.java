package dev.tracer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.core.findings.Finding;
import dev.tracer.core.findings.FindingAnalysis;
import dev.tracer.core.findings.FindingRules;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;
import dev.tracer.testing.W3CSamples;

/**
 * {@link FindingAnalysis#analyze} over one trace of {@code size} store spans ({@link StoredSpan} over
 * Zipkin's model, as the API analyses them), beside the tree build it needs.
 *
 * <pre>{@code
 * wide   a 10-ary tree, input shuffled; every span a client call to "db" with one of 50 statement
 *        shapes (literal values differ), one in 7 failed under a root that did not: many groups to
 *        key, many swallowed causes to climb
 * flat   one root and size - 1 calls of one statement under it, one after another: one N+1 group of
 *        all the spans, the worst case for grouping and the evidence
 * }</pre>
 *
 * {@code findings} analyses a prepared tree; {@code tree} builds it from the prepared list;
 * {@code treeAndFindings} does both, what the API does per request. Average time in ms/op, one fork
 * with {@code -Xmx4g}, 3 warm-up and 5 measured iterations of 2 s.
 */
public class FindingsBenchmark extends BigInputBenchmark {

	private static final long START_MICROS = 1_700_000_000_000_000L;

	private static final Endpoint APP = Endpoint.newBuilder().serviceName("app").build();

	private static final Endpoint DB = Endpoint.newBuilder().serviceName("db").build();

	@Param({ "100000" })
	int size;

	@Param({ "wide", "flat" })
	String shape;

	private List<StoredSpan> spans;

	private TraceTree<StoredSpan> tree;

	private FindingAnalysis analysis;

	@Setup(Level.Trial)
	public void prepare() {
		spans = shape.equals("flat") ? flat(size) : wide(size, new Random(42));
		tree = TraceTree.build(spans);
		analysis = new FindingAnalysis(FindingRules.DEFAULTS);
		List<Finding> findings = analysis.analyze(tree);
		boolean expected = shape.equals("flat")
				? findings.stream().anyMatch((f) -> f.kind() == Finding.Kind.N_PLUS_ONE
						&& ((Finding.NPlusOne) f.facts()).count() == size - 1)
				: findings.stream().anyMatch((f) -> f.kind() == Finding.Kind.SWALLOWED_ERROR);
		if (tree.spanCount() != size || !expected) {
			throw new IllegalStateException(shape + " " + size + ": " + tree.spanCount() + " spans, findings "
					+ findings.stream().map(Finding::kind).toList());
		}
	}

	@Benchmark
	public List<Finding> findings() {
		return analysis.analyze(tree);
	}

	@Benchmark
	public TraceTree<StoredSpan> tree() {
		return TraceTree.build(spans);
	}

	@Benchmark
	public List<Finding> treeAndFindings() {
		return analysis.analyze(TraceTree.build(spans));
	}

	static List<StoredSpan> wide(int size, Random random) {
		List<StoredSpan> spans = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			Span.Builder span = Span.newBuilder()
				.traceId(W3CSamples.TRACE_ID)
				.id(i + 1L)
				.name("select")
				.kind(Span.Kind.CLIENT)
				.localEndpoint(APP)
				.remoteEndpoint(DB)
				.timestamp(START_MICROS + i * 10L)
				.duration(1_000L + random.nextInt(1_000))
				.putTag("db.statement", "select * from t" + (i % 50) + " where id = " + random.nextInt(1_000_000));
			if (i > 0) {
				span.parentId((i - 1) / 10 + 1L);
			}
			if (i % 7 == 3) {
				span.putTag("error", "boom");
			}
			spans.add(new StoredSpan(span.build()));
		}
		Collections.shuffle(spans, random);
		return spans;
	}

	static List<StoredSpan> flat(int size) {
		List<StoredSpan> spans = new ArrayList<>(size);
		spans.add(new StoredSpan(Span.newBuilder().traceId(W3CSamples.TRACE_ID).id(1L).name("get /all")
			.kind(Span.Kind.SERVER).localEndpoint(APP).timestamp(START_MICROS).duration(size * 110L).build()));
		for (int i = 1; i < size; i++) {
			spans.add(new StoredSpan(Span.newBuilder().traceId(W3CSamples.TRACE_ID).id(i + 1L).parentId(1L)
				.name("select").kind(Span.Kind.CLIENT).localEndpoint(APP).remoteEndpoint(DB)
				.timestamp(START_MICROS + i * 110L).duration(100L)
				.putTag("db.statement", "select * from item where id = " + i).build()));
		}
		return spans;
	}

}
