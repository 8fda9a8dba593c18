package dev.tracer.core.tree;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SpanListReader}, with elements as maps (as the web decodes them). */
class SpanListReaderTest {

	@Test
	void read_stringsAndNulls_areTheSpans() {
		SpanListReader.Result result = read(List.of(span("trace_id", "t1", "span_id", "s1"),
				span("trace_id", "t1", "span_id", "s2", "parent", "s1"), span("span_id", "s3", "parent_span_id", "s2")));

		assertThat(result.isRead()).isTrue();
		assertThat(result.spans()).containsExactly(new SimpleSpan("t1", "s1", null), new SimpleSpan("t1", "s2", "s1"),
				new SimpleSpan(null, "s3", "s2"));
	}

	@Test
	void read_parentPresentAndNull_winsOverParentSpanId() {
		SpanListReader.Result result = read(List.of(span("span_id", "s1", "parent", null, "parent_span_id", "s0")));

		assertThat(result.spans()).containsExactly(new SimpleSpan(null, "s1", null));
	}

	@Test
	void read_numberOrBoolean_isNeverReadAsText() {
		assertThat(read(List.of(span("span_id", 5))).problem()).isEqualTo("spans[0].span_id: expected a string, found a number");
		assertThat(read(List.of(span("span_id", "s1", "trace_id", true))).problem())
			.isEqualTo("spans[0].trace_id: expected a string or null, found a boolean");
	}

	@Test
	void read_firstProblemInListOrder_namesItsField() {
		assertThat(read(List.of(span("span_id", "s1"), span("span_id", ""), span("span_id", 1))).problem())
			.isEqualTo("spans[1].span_id: must not be empty");
		assertThat(read(List.of(span("span_id", "s1"), span("parent", "s1"))).problem()).isEqualTo("spans[1].span_id: missing");
		assertThat(read(Arrays.asList(span("span_id", "s1"), null)).problem()).isEqualTo("spans[1]: expected an object, found null");
		assertThat(read(List.of(List.of())).problem()).isEqualTo("spans[0]: expected an object, found a list");
	}

	@Test
	void read_spansNotAList_isAProblem() {
		assertThat(read(null).problem()).isEqualTo("spans: missing");
		assertThat(read(Map.of()).problem()).isEqualTo("spans: expected a list, found an object");
		assertThat(read(5L).problem()).isEqualTo("spans: expected a list, found a number");
	}

	private static SpanListReader.Result read(Object spans) {
		return SpanListReader.read(spans, SpanListReader.Element::ofMap);
	}

	private static Map<String, Object> span(Object... members) {
		Map<String, Object> span = new HashMap<>();
		for (int i = 0; i < members.length; i += 2) {
			span.put((String) members[i], members[i + 1]);
		}
		return span;
	}

}
