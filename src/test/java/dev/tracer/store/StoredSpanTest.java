package dev.tracer.store;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import static dev.tracer.store.TestObjects.CLIENT_SPAN;
import static dev.tracer.store.TestObjects.SERVER_SPAN;
import static dev.tracer.store.TestObjects.TODAY;
import static dev.tracer.store.TestObjects.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class StoredSpanTest {

	@Test
	void links_fromZipkinIds() {
		StoredSpan span = new StoredSpan(CLIENT_SPAN);

		assertThat(span.traceId()).isEqualTo(TRACE_ID);
		assertThat(span.spanId()).isEqualTo("b7ad6b7169203331");
		assertThat(span.parentId()).isEqualTo(SERVER_SPAN.id());
		assertThat(span.startMicros()).isEqualTo(TODAY + 50_000L);
	}

	@Test
	void links_root_nullParent() {
		assertThat(new StoredSpan(SERVER_SPAN).parentId()).isNull();
	}

	@Test
	void startMicros_noTimestamp_zero() {
		Span bare = Span.newBuilder().traceId(TRACE_ID).id("1").build();

		assertThat(new StoredSpan(bare).startMicros()).isZero();
	}

	@Test
	void constructor_null_throws() {
		assertThatNullPointerException().isThrownBy(() -> new StoredSpan(null)).withMessage("span");
	}

}
