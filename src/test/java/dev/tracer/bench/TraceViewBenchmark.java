package dev.tracer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.api.TraceView;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;
import dev.tracer.testing.W3CSamples;

/**
 * The server's cost of the viewer's document, {@code GET /api/traces/{id}/view} without the HTTP: the
 * stored spans as the store hands them out, to the tree ({@link TraceTree#build}), the critical path and
 * the flat document ({@link TraceView#of}), and ({@code json}) on to the JSON bytes Jackson writes, with
 * the application's snake_case names.
 *
 * <pre>{@code
 * wide     a 10-ary tree, input in order
 * chain    each span the child of the one before
 * random   parent of s(i) a random s(j), j < i, input shuffled
 * }</pre>
 *
 * Spans are Zipkin spans with 16-hex ids, five services, fifty names and starts inside their parent's
 * window. Settings as {@code TraceTreeBenchmark}: average ms/op, one fork with {@code -Xmx4g}, 3 warm-up
 * and 5 measured iterations of 2 s.
 */
public class TraceViewBenchmark extends BigInputBenchmark {

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final long START_MICROS = 1_700_000_000_000_000L;

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	@Param({ "100000", "1000000" })
	int size;

	@Param({ "wide", "chain", "random" })
	String shape;

	private List<StoredSpan> spans;

	@Setup(Level.Trial)
	public void prepare() {
		spans = spans(shape, size, new Random(42));
		TraceView view = view();
		if (view.spanCount() != size || view.rows().parent()[0] != -1) {
			throw new IllegalStateException(shape + " " + size + ": " + view.spanCount() + " rows");
		}
	}

	@Benchmark
	public TraceView view() {
		return TraceView.of(TraceTree.build(spans));
	}

	@Benchmark
	public byte[] json() {
		return JSON.writeValueAsBytes(TraceView.of(TraceTree.build(spans)));
	}

	static List<StoredSpan> spans(String shape, int size, Random random) {
		Endpoint[] services = new Endpoint[5];
		for (int i = 0; i < services.length; i++) {
			services[i] = Endpoint.newBuilder().serviceName("service-" + i).build();
		}
		int[] parent = new int[size];
		long[] start = new long[size];
		long[] duration = new long[size];
		parent[0] = -1;
		duration[0] = 60_000_000L;
		for (int i = 1; i < size; i++) {
			int p = TraceShapes.parent(shape, i, random);
			parent[i] = p;
			start[i] = start[p] + random.nextLong(Math.max(1, duration[p] / 2));
			duration[i] = Math.max(1, (start[p] + duration[p] - start[i]) / 2);
		}
		List<StoredSpan> spans = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			spans.add(new StoredSpan(Span.newBuilder()
				.traceId(TRACE_ID)
				.id(String.format("%016x", i + 1))
				.parentId((parent[i] < 0) ? null : String.format("%016x", parent[i] + 1))
				.localEndpoint(services[i % services.length])
				.name("op-" + (i % 50))
				.timestamp(START_MICROS + start[i])
				.duration(duration[i])
				.build()));
		}
		if (shape.equals("random")) {
			Collections.shuffle(spans, random);
		}
		return spans;
	}

}
