package dev.tracer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.api.TraceView;
import dev.tracer.core.tree.ClockSkew;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;

/**
 * What the shared-span and skew rules add to the viewer's document, in one run: the tree alone, the
 * tree of the spans as the API reads them ({@link StoredSpan#rpcs} first), the skew shifts of a built
 * tree, and the whole document ({@link TraceView#of}, which includes the shifts and the critical path).
 *
 * <pre>{@code
 * random  TraceViewBenchmark's random shape: no pair, no skew
 * shared  the same, and every second span also recorded as a SERVER half with its id on another
 *         service whose clock is 5 ms behind: half the rows are RPCs, and every one of them is shifted
 * }</pre>
 */
public class ViewRulesBenchmark extends BigInputBenchmark {

	@Param({ "100000" })
	int size;

	@Param({ "random", "shared" })
	String shape;

	private List<Span> stored;

	private List<StoredSpan> plain;

	private TraceTree<StoredSpan> tree;

	@Setup(Level.Trial)
	public void prepare() {
		List<StoredSpan> spans = TraceViewBenchmark.spans("random", size, new Random(42));
		stored = new ArrayList<>(spans.size() * 3 / 2);
		Endpoint callee = Endpoint.newBuilder().serviceName("callee").ip("10.0.0.2").build();
		for (StoredSpan span : spans) {
			Span client = span.span();
			if (shape.equals("shared") && client.parentId() != null && (Long.parseLong(client.id(), 16) % 2 == 0)) {
				client = client.toBuilder().kind(Span.Kind.CLIENT).build();
				stored.add(client);
				stored.add(client.toBuilder()
					.kind(Span.Kind.SERVER)
					.shared(true)
					.localEndpoint(callee)
					.timestamp(client.timestampAsLong() - 5_000)
					.duration(Math.max(1, client.durationAsLong() - 2))
					.build());
			}
			else {
				stored.add(client);
			}
		}
		plain = new ArrayList<>(stored.size());
		for (Span span : stored) {
			plain.add(new StoredSpan(span));
		}
		tree = TraceTree.build(StoredSpan.rpcs(stored));
		if (tree.spanCount() != size) {
			throw new IllegalStateException(shape + ": " + tree.spanCount() + " spans in the tree");
		}
	}

	/** The tree of the spans as stored, each half its own span (the duplicates of a shared id dropped). */
	@Benchmark
	public TraceTree<StoredSpan> treeOfStoredSpans() {
		return TraceTree.build(plain);
	}

	/** The tree as the API builds it: each RPC's halves joined first. */
	@Benchmark
	public TraceTree<StoredSpan> treeOfRpcs() {
		return TraceTree.build(StoredSpan.rpcs(stored));
	}

	@Benchmark
	public ClockSkew<StoredSpan> skew() {
		return ClockSkew.of(tree, StoredSpan.clocks());
	}

	@Benchmark
	public TraceView view() {
		return TraceView.of(tree);
	}

}
