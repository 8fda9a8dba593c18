package dev.tracer.core.tree;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tracer.core.tree.SharedSpans.Side;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The merge rule on small lists; the real B3 traces are in {@code store.SharedSpanCorpusTest}. */
class SharedSpansTest {

	/** A span with a side; a joined one names both halves' labels. */
	record Half(String spanId, String parentId, Side side, String label) implements SpanLink {

		@Override
		public String traceId() {
			return "t";
		}

	}

	private static final SharedSpans.Halves<Half> HALVES = new SharedSpans.Halves<>() {

		@Override
		public Side side(Half span) {
			return span.side();
		}

		@Override
		public Half join(Half client, Half server) {
			return new Half(client.spanId(), client.parentId(), Side.CLIENT, client.label() + "->" + server.label());
		}

	};

	private static List<String> labels(List<Half> spans) {
		return spans.stream().map(Half::label).toList();
	}

	@Test
	void merge_clientAndServerWithOneId_areOneSpanAtTheFirstHalfsPlace() {
		List<Half> merged = SharedSpans.merge(List.of(new Half("a", null, Side.SERVER, "a"),
				new Half("b", "a", Side.SERVER, "payments"), new Half("c", "b", Side.OTHER, "c"),
				new Half("b", "a", Side.CLIENT, "orders")), HALVES);

		assertThat(labels(merged)).containsExactly("a", "orders->payments", "c");
	}

	@Test
	void merge_secondCopyOfOneKind_isLeftToBeADuplicate() {
		List<Half> merged = SharedSpans.merge(List.of(new Half("b", null, Side.CLIENT, "client1"),
				new Half("b", null, Side.SERVER, "server1"), new Half("b", null, Side.CLIENT, "client2"),
				new Half("b", null, Side.SERVER, "server2")), HALVES);

		assertThat(labels(merged)).containsExactly("client1->server1", "client2", "server2");
		assertThat(TraceTree.build(merged).duplicateIds()).containsExactly("b");
	}

	@Test
	void merge_twoClientsWithOneId_areNotAnRpc() {
		List<Half> spans = List.of(new Half("b", null, Side.CLIENT, "x"), new Half("b", null, Side.CLIENT, "y"),
				new Half("b", null, Side.OTHER, "z"));

		assertThat(SharedSpans.merge(spans, HALVES)).isSameAs(spans);
	}

	@Test
	void merge_serverHalfAlone_staysAsItCame() {
		List<Half> spans = List.of(new Half("r", null, Side.SERVER, "root"), new Half("s", "r", Side.CLIENT, "call"));

		assertThat(SharedSpans.merge(spans, HALVES)).isSameAs(spans);
	}

	@Test
	void merge_nulls() {
		assertThatNullPointerException().isThrownBy(() -> SharedSpans.merge(null, HALVES)).withMessage("spans == null");
		assertThatNullPointerException().isThrownBy(() -> SharedSpans.merge(List.<Half>of(), null))
			.withMessage("halves == null");
	}

}
