package dev.tracer.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Big generated traces, each span timed inside its parent's window so the critical path is
 * meaningful. Spans are made a batch at a time: a million need not be held at once.
 *
 * <pre>
 * fan-out   a root, then 10-wide subtrees 4 levels deep (1 + 10 + 100 + 1000 spans) repeated: depth 5
 * chain     each span the child of the one before: depth n
 * random    each span the child of a random earlier one (seeded)
 * leaves    a random tree of n - k spans, then k CLIENT leaves calling "stock", spread over it: the
 *           shape of a service that makes many calls nothing traced answered
 * </pre>
 */
final class TraceShapes {

	private static final long NOW = System.currentTimeMillis() * 1000;

	private static final Endpoint[] SERVICES = { service("gateway"), service("orders"), service("payments"),
			service("stock"), service("mail") };

	final String name;

	final String traceId;

	final int size;

	private final int[] parent;

	private final long[] start;

	private final long[] duration;

	/** Spans from here on are CLIENT leaves with a remote service; size when there are none. */
	private final int firstLeaf;

	private TraceShapes(String name, String traceId, int size, IntFunction<Integer> parentOf) {
		this(name, traceId, size, size, parentOf);
	}

	private TraceShapes(String name, String traceId, int size, int firstLeaf, IntFunction<Integer> parentOf) {
		this.firstLeaf = firstLeaf;
		this.name = name;
		this.traceId = traceId;
		this.size = size;
		this.parent = new int[size];
		this.start = new long[size];
		this.duration = new long[size];
		parent[0] = -1;
		duration[0] = 60_000_000L;
		int[] childrenSoFar = new int[size];
		for (int i = 1; i < size; i++) {
			int p = parentOf.apply(i);
			parent[i] = p;
			// the k-th child of a parent takes the next slot of its window, a tenth of what is left
			int k = childrenSoFar[p]++;
			long slot = Math.max(1, duration[p] / 12);
			start[i] = start[p] + Math.min(duration[p] - 1, 1 + (k % 11) * slot);
			duration[i] = Math.max(0, Math.min(slot - 1, start[p] + duration[p] - start[i]));
		}
	}

	static TraceShapes fanOut(int size) {
		return new TraceShapes("fan-out 10 wide, 5 deep", traceId(1, size), size, (i) -> {
			int local = (i - 1) % 1111;
			int block = (i - 1) / 1111;
			return (local == 0) ? 0 : 1 + block * 1111 + (local - 1) / 10;
		});
	}

	static TraceShapes chain(int size) {
		return new TraceShapes("chain", traceId(2, size), size, (i) -> i - 1);
	}

	static TraceShapes random(int size) {
		Random random = new Random(11);
		return new TraceShapes("random parents", traceId(3, size), size, (i) -> random.nextInt(i));
	}

	static TraceShapes clientLeaves(int size, int leaves) {
		Random random = new Random(13);
		int inner = size - leaves;
		return new TraceShapes(String.format("%,d client leaves", leaves), traceId(4, size), size, inner,
				(i) -> (i < inner) ? random.nextInt(i) : (i - inner) % inner);
	}

	List<Span> spans(int from, int to) {
		List<Span> spans = new ArrayList<>(to - from);
		for (int i = from; i < to; i++) {
			Span.Builder span = Span.newBuilder()
				.traceId(traceId)
				.id(String.format("%016x", i + 1))
				.parentId((parent[i] < 0) ? null : String.format("%016x", parent[i] + 1))
				.localEndpoint(SERVICES[i % SERVICES.length])
				.name("op-" + (i % 50))
				.kind((i % 2 == 0) ? Span.Kind.SERVER : Span.Kind.CLIENT)
				.timestamp(NOW + start[i])
				.duration(Math.max(1, duration[i]));
			if (i % 1000 == 999) {
				span.putTag("error", "generated");
			}
			if (i >= firstLeaf) {
				span.kind(Span.Kind.CLIENT).remoteEndpoint(service("stock")).name("get /stock/" + (i % 7));
			}
			spans.add(span.build());
		}
		return spans;
	}

	private static String traceId(int shape, int size) {
		return String.format("5ca1e%011x%016x", shape, size);
	}

	private static Endpoint service(String name) {
		return Endpoint.newBuilder().serviceName(name).build();
	}

}
