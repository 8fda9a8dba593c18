package dev.tracer.core.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tracer.core.tree.TraceTree.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The skew rule, each case drawn as a timeline in milliseconds of the recording. A span's host is the
 * part of its label before the colon.
 */
class ClockSkewTest {

	/** A span on a host; {@code server} is an RPC's server half, {@code async} one that need not fit. */
	record Hosted(String spanId, String parentId, String host, long startMicros, long durationMicros, Hosted server,
			boolean async) implements SpanLink {

		@Override
		public String traceId() {
			return "t";
		}

	}

	private static final ClockSkew.Clocks<Hosted> CLOCKS = new ClockSkew.Clocks<>() {

		@Override
		public String host(Hosted span) {
			return span.host();
		}

		@Override
		public boolean fitsParent(Hosted span) {
			return !span.async();
		}

		@Override
		public Hosted serverHalf(Hosted span) {
			return span.server();
		}

	};

	private static Hosted span(String id, String parent, String host, long startMillis, long durationMillis) {
		return new Hosted(id, parent, host, startMillis * 1000, durationMillis * 1000, null, false);
	}

	/** Every span's shift in microseconds, by span id. */
	private static Map<String, Long> shifts(ClockSkew<Hosted> skew, TraceTree<Hosted> tree) {
		Map<String, Long> shifts = new java.util.TreeMap<>();
		List<Node<Hosted>> todo = new ArrayList<>(tree.roots());
		while (!todo.isEmpty()) {
			Node<Hosted> node = todo.remove(todo.size() - 1);
			shifts.put(node.span().spanId(), skew.shift(node));
			todo.addAll(node.children());
		}
		return shifts;
	}

	/**
	 * <pre>
	 * ms        100       110       120       130       140
	 * root   orders    [=======================================]  100..140
	 * pay    payments  [=====]                                     88..98 recorded: 12 ms early
	 * db     payments  (child of pay) [==]                          90..93
	 * </pre>
	 * pay is centred in root: (40 - 10) / 2 = 15 ms in, so +27 ms; db, on pay's host, moves with it.
	 */
	@Test
	void of_childEarlyOnAnotherHost_isCentredAndItsHostsSpansFollow() {
		TraceTree<Hosted> tree = TraceTree.build(List.of(span("root", null, "orders", 100, 40),
				span("pay", "root", "payments", 88, 10), span("db", "pay", "payments", 90, 3)));

		ClockSkew<Hosted> skew = ClockSkew.of(tree, CLOCKS);

		assertThat(shifts(skew, tree)).containsExactlyInAnyOrderEntriesOf(Map.of("root", 0L, "pay", 27_000L, "db", 27_000L));
		assertThat(skew.skews()).singleElement().satisfies((moved) -> {
			assertThat(moved.node().span().spanId()).isEqualTo("pay");
			assertThat(moved.serverHalf()).isFalse();
			assertThat(moved.shiftMicros()).isEqualTo(27_000L);
			assertThat(moved.parentHost()).isEqualTo("orders");
			assertThat(moved.host()).isEqualTo("payments");
		});
		Node<Hosted> pay = tree.roots().get(0).children().get(0);
		assertThat(skew.start(pay)).isEqualTo(115_000L);
		assertThat(skew.end(pay)).isEqualTo(125_000L);
	}

	/** A child on another host that lies within its parent is not moved: its clock is trusted. */
	@Test
	void of_childInsideOnAnotherHost_keepsItsTimes() {
		TraceTree<Hosted> tree = TraceTree.build(List.of(span("root", null, "orders", 100, 40),
				span("pay", "root", "payments", 101, 38)));

		ClockSkew<Hosted> skew = ClockSkew.of(tree, CLOCKS);

		assertThat(shifts(skew, tree)).containsEntry("pay", 0L);
		assertThat(skew.skews()).isEmpty();
	}

	/** On the same host a child outside its parent is what the host recorded: not skew, not moved. */
	@Test
	void of_childOutsideOnTheSameHost_isNotMoved() {
		TraceTree<Hosted> tree = TraceTree.build(List.of(span("root", null, "orders", 100, 40),
				span("late", "root", "orders", 130, 40), span("unknown", "root", null, 10, 1)));

		ClockSkew<Hosted> skew = ClockSkew.of(tree, CLOCKS);

		assertThat(shifts(skew, tree)).containsEntry("late", 0L).containsEntry("unknown", 0L);
		assertThat(skew.skews()).isEmpty();
	}

	/** Longer than its parent, a child cannot fit: it is moved to start with it. */
	@Test
	void of_childLongerThanItsParent_startsWithIt() {
		TraceTree<Hosted> tree = TraceTree.build(List.of(span("root", null, "orders", 100, 40),
				span("pay", "root", "payments", 90, 50)));

		assertThat(shifts(ClockSkew.of(tree, CLOCKS), tree)).containsEntry("pay", 10_000L);
	}

	/** A consumer runs after its producer ended: not skew. */
	@Test
	void of_asyncChildAfterItsParent_isNotMoved() {
		TraceTree<Hosted> tree = TraceTree.build(List.of(span("send", null, "orders", 100, 2),
				new Hosted("receive", "send", "billing", 150_000, 5_000, null, true)));

		ClockSkew<Hosted> skew = ClockSkew.of(tree, CLOCKS);

		assertThat(shifts(skew, tree)).containsEntry("receive", 0L);
		assertThat(skew.skews()).isEmpty();
	}

	/**
	 * An RPC's server half is placed within its client half; the RPC's children, the server's work,
	 * move with the server half, not with the client.
	 * <pre>
	 * ms       100       110       120
	 * rpc   client orders   [====================]   100..120
	 *       server payments [============]              60..76 recorded: 40 ms early
	 * work  payments  (child)  [====]                   62..67
	 * </pre>
	 * The server half is centred: (20 - 16) / 2 = 2 ms in, so +42 ms; work moves +42 ms too.
	 */
	@Test
	void of_rpcServerHalfEarly_isCentredInItsClientAndItsChildrenFollow() {
		Hosted server = span("rpc", null, "payments", 60, 16);
		TraceTree<Hosted> tree = TraceTree.build(List.of(
				new Hosted("rpc", null, "orders", 100_000, 20_000, server, false), span("work", "rpc", "payments", 62, 5)));

		ClockSkew<Hosted> skew = ClockSkew.of(tree, CLOCKS);

		Node<Hosted> rpc = tree.roots().get(0);
		assertThat(skew.shift(rpc)).isZero();
		assertThat(skew.serverShift(rpc)).isEqualTo(42_000L);
		assertThat(shifts(skew, tree)).containsEntry("work", 42_000L);
		assertThat(skew.skews()).singleElement().satisfies((moved) -> {
			assertThat(moved.serverHalf()).isTrue();
			assertThat(moved.parentHost()).isEqualTo("orders");
			assertThat(moved.host()).isEqualTo("payments");
		});
	}

	/**
	 * The critical path counts a skewed child where it is placed: recorded, pay (88..98) lies before
	 * root and is not on the path at all.
	 */
	@Test
	void criticalPath_withSkew_countsTheChildWhereItIsPlaced() {
		TraceTree<Hosted> tree = TraceTree.build(List.of(span("root", null, "orders", 100, 40),
				span("pay", "root", "payments", 88, 10)));

		assertThat(CriticalPath.of(tree).toString()).isEqualTo("CriticalPath root[100000..140000]");
		assertThat(CriticalPath.of(tree, ClockSkew.of(tree, CLOCKS)).toString())
			.isEqualTo("CriticalPath root[100000..115000] pay[115000..125000] root[125000..140000]");
	}

	@Test
	void none_shiftsNothing() {
		TraceTree<Hosted> tree = TraceTree.build(List.of(span("root", null, "orders", 100, 40),
				span("pay", "root", "payments", 88, 10)));

		assertThat(shifts(ClockSkew.none(), tree)).containsOnly(Map.entry("root", 0L), Map.entry("pay", 0L));
	}

}
