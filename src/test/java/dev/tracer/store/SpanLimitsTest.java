package dev.tracer.store;

import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.DB_SPAN;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpanLimitsTest {

	/** Names up to 8, values up to 10, 2 tags, 2 annotations. */
	private static final SpanLimits SMALL = new SpanLimits(8, 10, 2, 2);

	private static final Span BASE = Span.newBuilder().traceId(TestObjects.TRACE_ID).id(1).timestamp(TODAY).build();

	@Test
	void apply_withinLimits_sameSpan() {
		for (Span span : List.of(SERVER_SPAN, CLIENT_SPAN, DB_SPAN)) {
			assertThat(SpanLimits.DEFAULTS.apply(span)).isSameAs(span);
		}
	}

	@Test
	void apply_atEveryLimit_sameSpan() {
		Span span = BASE.toBuilder()
			.name("12345678")
			.putTag("k1", "0123456789")
			.putTag("k2", "v")
			.addAnnotation(TODAY, "0123456789")
			.addAnnotation(TODAY + 1, "b")
			.build();

		assertThat(SMALL.apply(span)).isSameAs(span);
	}

	/** The reproduction: one tag of a million characters is kept as its first 4,096 and the marker. */
	@Test
	void apply_defaults_megabyteTagCutTo4096AndMarked() {
		Span span = BASE.toBuilder().putTag("k", "a".repeat(1_000_000)).build();

		Span cut = SpanLimits.DEFAULTS.apply(span);

		assertThat(cut.tags()).containsOnlyKeys("k");
		assertThat(cut.tags().get("k")).isEqualTo("a".repeat(4096) + "...[truncated 995904 chars]");
		// the marker is ASCII, so the value stays one byte a character
		assertThat(SpanSizes.of(cut)).isLessThan(5_000);
	}

	@Test
	void apply_longTagValue_cutAndMarked_restUnchanged() {
		Span span = BASE.toBuilder().name("get").putTag("sql", "select * from t").putTag("ok", "short").build();

		Span cut = SMALL.apply(span);

		assertThat(cut.tags()).containsEntry("sql", "select * f...[truncated 5 chars]").containsEntry("ok", "short");
		assertThat(cut.toBuilder().clearTags().build()).isEqualTo(span.toBuilder().clearTags().build());
	}

	/** Zipkin keeps tags sorted by key: the first in key order stay, the count of the rest is a tag. */
	@Test
	void apply_tooManyTags_firstKeptAndDroppedCounted() {
		Span span = BASE.toBuilder().putTag("d", "4").putTag("a", "1").putTag("c", "3").putTag("b", "2").build();

		Span cut = SMALL.apply(span);

		assertThat(cut.tags()).containsExactly(entry("a", "1"), entry("b", "2"),
				entry(SpanLimits.DROPPED_TAGS, "2"));
	}

	/** An SDK that already dropped attributes says how many; what is dropped here is added to it. */
	@Test
	void apply_droppedCountCarried_added() {
		Span span = BASE.toBuilder()
			.putTag("a", "1")
			.putTag("b", "2")
			.putTag("c", "3")
			.putTag("d", "4")
			.putTag(SpanLimits.DROPPED_TAGS, "5")
			.build();

		Span cut = new SpanLimits(8, 10, 3, 2).apply(span);

		assertThat(cut.tags()).containsOnlyKeys("a", "b", "c", SpanLimits.DROPPED_TAGS)
			.containsEntry(SpanLimits.DROPPED_TAGS, "6");
	}

	/** A count that came with the span is a tag value like any other: never stored whole when too long. */
	@Test
	void apply_carriedCountTooLong_cut() {
		Span span = BASE.toBuilder().putTag(SpanLimits.DROPPED_TAGS, "1".repeat(20)).build();

		assertThat(SMALL.apply(span).tags()).containsExactly(entry(SpanLimits.DROPPED_TAGS, "1111111111...[truncated 10 chars]"));
	}

	@Test
	void apply_tooManyAnnotations_earliestKeptAndDroppedCounted() {
		Span span = BASE.toBuilder()
			.addAnnotation(TODAY + 3, "third")
			.addAnnotation(TODAY + 1, "first")
			.addAnnotation(TODAY + 2, "second")
			.build();

		Span cut = SMALL.apply(span);

		assertThat(cut.annotations()).containsExactly(Annotation.create(TODAY + 1, "first"),
				Annotation.create(TODAY + 2, "second"));
		assertThat(cut.tags()).containsEntry(SpanLimits.DROPPED_ANNOTATIONS, "1");
	}

	@Test
	void apply_longAnnotationValue_cut() {
		Span span = BASE.toBuilder().addAnnotation(TODAY, "exception: boom at line 7").build();

		assertThat(SMALL.apply(span).annotations()).extracting(Annotation::value)
			.containsExactly("exception:...[truncated 15 chars]");
	}

	@Test
	void apply_longNames_cut() {
		Span span = BASE.toBuilder()
			.name("get /a/very/long/path")
			.localEndpoint(Endpoint.newBuilder().serviceName("frontend-service").ip("127.0.0.1").build())
			.remoteEndpoint(Endpoint.newBuilder().serviceName("backend-service").port(8081).build())
			.putTag("http.request.header.x", "1")
			.build();

		Span cut = SMALL.apply(span);

		assertThat(cut.name()).isEqualTo("get /a/v...[truncated 13 chars]");
		assertThat(cut.localServiceName()).isEqualTo("frontend...[truncated 8 chars]");
		assertThat(cut.localEndpoint().ipv4()).isEqualTo("127.0.0.1");
		assertThat(cut.remoteServiceName()).isEqualTo("backend-...[truncated 7 chars]");
		assertThat(cut.remoteEndpoint().portAsInt()).isEqualTo(8081);
		assertThat(cut.tags()).containsOnlyKeys("http.req...[truncated 13 chars]");
	}

	/** Two keys alike up to the cut would be one key: the first keeps it, the second is dropped and counted. */
	@Test
	void apply_keysCollideAfterCut_secondDropped() {
		Span span = BASE.toBuilder().putTag("prefix__a", "1").putTag("prefix__b", "2").build();

		Span cut = SMALL.apply(span);

		assertThat(cut.tags()).containsExactly(entry(SpanLimits.DROPPED_TAGS, "1"),
				entry("prefix__...[truncated 1 chars]", "1"));
	}

	@Test
	void cut_neverSplitsSurrogatePair() {
		String text = "abc\uD83D\uDE00def";

		assertThat(SpanLimits.cut(text, 4)).isEqualTo("abc...[truncated 5 chars]");
		assertThat(SpanLimits.cut(text, 5)).isEqualTo("abc\uD83D\uDE00...[truncated 3 chars]");
		assertThat(SpanLimits.cut(text, 8)).isSameAs(text);
		assertThat(SpanLimits.cut(null, 1)).isNull();
	}

	@Test
	void constructor_outOfRange_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SpanLimits(0, 1, 0, 0))
			.withMessage("maxNameLength < 1: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new SpanLimits(1, 0, 0, 0))
			.withMessage("maxTagValueLength < 1: 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new SpanLimits(1, 1, -1, 0))
			.withMessage("maxTags < 0: -1");
		assertThatIllegalArgumentException().isThrownBy(() -> new SpanLimits(1, 1, 0, -1))
			.withMessage("maxAnnotations < 0: -1");
	}

	private static java.util.Map.Entry<String, String> entry(String key, String value) {
		return java.util.Map.entry(key, value);
	}

}
