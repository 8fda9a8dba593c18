package dev.tracer.store;

import org.junit.jupiter.api.Test;
import zipkin2.Span;

import dev.tracer.core.breaks.HopSpan;
import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.DB_SPAN;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.TRACE_ID;
import static dev.tracer.testing.TestObjects.span;
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
	void hop_kindServicesAndTags_fromZipkin() {
		StoredSpan span = new StoredSpan(CLIENT_SPAN);

		assertThat(span.kind()).isEqualTo(HopSpan.Kind.CLIENT);
		assertThat(span.localService()).isEqualTo("frontend");
		assertThat(span.remoteService()).isEqualTo("backend");
		assertThat(span.tag("http.path")).isEqualTo("/api");
		assertThat(span.tag("http.url")).isNull();
		assertThat(new StoredSpan(SERVER_SPAN).kind()).isEqualTo(HopSpan.Kind.SERVER);
		assertThat(new StoredSpan(DB_SPAN).remoteService()).isEqualTo("db");
	}

	@Test
	void hop_producerOrNoKind_other() {
		Span producer = Span.newBuilder().traceId(TRACE_ID).id("1").kind(Span.Kind.PRODUCER).build();
		Span local = Span.newBuilder().traceId(TRACE_ID).id("2").build();

		assertThat(new StoredSpan(producer).kind()).isEqualTo(HopSpan.Kind.OTHER);
		assertThat(new StoredSpan(local).kind()).isEqualTo(HopSpan.Kind.OTHER);
		assertThat(new StoredSpan(local).localService()).isNull();
	}

	@Test
	void constructor_null_throws() {
		assertThatNullPointerException().isThrownBy(() -> new StoredSpan(null)).withMessage("span");
	}

}
