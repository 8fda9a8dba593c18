package dev.tracer.store;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemorySpanStoreTest extends SpanStoreContractTest {

	@Override
	SpanStore newStore(int maxSpans) {
		return new InMemorySpanStore(maxSpans);
	}

	@Test
	void constructor_maxSpansBelowOne_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemorySpanStore(0))
			.withMessage("maxSpans < 1: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemorySpanStore(-5))
			.withMessage("maxSpans < 1: -5");
	}

	@Test
	void constructor_maxSpansOne_holdsOneSpan() {
		InMemorySpanStore store = new InMemorySpanStore(1);
		store.accept(List.of(TestObjects.SERVER_SPAN));

		assertThat(store.stats()).isEqualTo(new StoreStats(1, 1, 1, 0, 0, 1));
	}

}
