package dev.tracer.api;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Span;

import dev.tracer.core.tree.SimpleSpan;
import dev.tracer.core.tree.SpanLink;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;
import dev.tracer.testing.TestObjects;
import dev.tracer.testing.W3CSamples;

import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.DB_SPAN;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.TRACE;
import static dev.tracer.testing.TestObjects.TRACE_ID;
import static dev.tracer.testing.TestObjects.call;
import static dev.tracer.testing.TestObjects.span;
import static dev.tracer.testing.TestObjects.spanId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceDocumentsTest {

	/** The start of a span as its only field, so expected nodes stay short. */
	static Map<String, Object> start(SimpleSpan span) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("start", span.startMicros());
		return fields;
	}

	/**
	 * A small trace with an orphan, a duplicate and a cycle:
	 *
	 * <pre>{@code
	 * input                          tree (roots by start)
	 * s1  parent -   start 10        s5 (orphan)        start 5
	 * s2  parent s1  start 20        s1                 start 10
	 * s3  parent s2  start 30        +-- s2             start 20
	 * s4  parent s1  start 25        |   +-- s3         start 30
	 * s5  parent s9  start 5         +-- s4             start 25
	 * s2  parent s4  start 99        c1 (cycle cut)     start 40
	 * c1  parent c2  start 40        +-- c2             start 50
	 * c2  parent c1  start 50
	 * }</pre>
	 */
	private static TraceTree<SimpleSpan> dirtyTree() {
		return TraceTree.build(List.of(new SimpleSpan("t1", "s1", null, 10), new SimpleSpan("t1", "s2", "s1", 20),
				new SimpleSpan("t1", "s3", "s2", 30), new SimpleSpan("t1", "s4", "s1", 25),
				new SimpleSpan("t1", "s5", "s9", 5), new SimpleSpan("t1", "s2", "s4", 99),
				new SimpleSpan("t1", "c1", "c2", 40), new SimpleSpan("t1", "c2", "c1", 50)));
	}

	/** {@link #dirtyTree()}: each node as the document writes it. */
	@Test
	void of_smallTree_exactDocument() {
		Map<String, Object> document = TraceDocuments.of(dirtyTree(), TraceDocumentsTest::start);

		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("trace_id", "t1");
		expected.put("span_count", 7);
		expected.put("depth", 3);
		expected.put("roots", List.of("s5", "s1", "c1"));
		expected.put("orphans", List.of("s5"));
		expected.put("duplicates", List.of("s2"));
		expected.put("cycles", List.of(List.of("c1", "c2")));
		expected.put("tree", List.of(node("s5", "s9", 1, true, 5),
				node("s1", null, 1, false, 10, node("s2", "s1", 2, false, 20, node("s3", "s2", 3, false, 30)),
						node("s4", "s1", 2, false, 25)),
				// The cut root keeps the parent its data names: the cycles list explains it.
				node("c1", "c2", 1, false, 40, node("c2", "c1", 2, false, 50))));
		assertThat(document).isEqualTo(expected);
	}

	@Test
	void of_keysInOrder() {
		TraceTree<SimpleSpan> tree = TraceTree.build(List.of(new SimpleSpan("t1", "s1", null),
				new SimpleSpan("t1", "s2", "s1")));

		Map<String, Object> document = TraceDocuments.of(tree, span -> {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("zeta", 1);
			fields.put("alpha", 2);
			return fields;
		});

		assertThat(document).isInstanceOf(LinkedHashMap.class);
		assertThat(document.keySet()).containsExactly("trace_id", "span_count", "depth", "roots", "orphans",
				"duplicates", "cycles", "tree");
		Map<String, Object> root = nodes(document.get("tree")).get(0);
		assertThat(root).isInstanceOf(LinkedHashMap.class);
		assertThat(root.keySet()).containsExactly("span_id", "parent_span_id", "depth", "orphan", "zeta", "alpha",
				"children");
		assertThat(nodes(root.get("children")).get(0).keySet()).containsExactly("span_id", "parent_span_id",
				"depth", "orphan", "zeta", "alpha", "children");
	}

	/** The web layer's Jackson writes these as they are: plain mutable JDK collections, nothing of the core. */
	@Test
	void of_plainCollections() {
		TraceTree<SimpleSpan> tree = TraceTree.build(List.of(new SimpleSpan("t1", "s1", null),
				new SimpleSpan("t1", "s1", null), new SimpleSpan("t1", "s2", "s9")));

		Map<String, Object> document = TraceDocuments.of(tree, span -> Map.of());

		for (String key : List.of("roots", "orphans", "duplicates", "cycles", "tree")) {
			assertThat(document.get(key)).as(key).isInstanceOf(ArrayList.class);
		}
		assertThat(nodes(document.get("tree")).get(0).get("children")).isInstanceOf(ArrayList.class);
	}

	@Test
	void of_noSpans() {
		Map<String, Object> document = TraceDocuments.of(TraceTree.build(List.<SimpleSpan>of()),
				TraceDocumentsTest::start);

		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("trace_id", null);
		expected.put("span_count", 0);
		expected.put("depth", 0);
		expected.put("roots", List.of());
		expected.put("orphans", List.of());
		expected.put("duplicates", List.of());
		expected.put("cycles", List.of());
		expected.put("tree", List.of());
		assertThat(document).isEqualTo(expected);
	}

	@Test
	void of_noTraceId_null() {
		TraceTree<SimpleSpan> tree = TraceTree.build(List.of(new SimpleSpan(null, "s1", null)));

		assertThat(TraceDocuments.of(tree, TraceDocumentsTest::start)).containsEntry("trace_id", null);
	}

	@Test
	void of_severalTraceIds_first() {
		TraceTree<SimpleSpan> tree = TraceTree.build(List.of(new SimpleSpan("t2", "s1", null),
				new SimpleSpan("t1", "s2", null)));

		assertThat(TraceDocuments.of(tree, TraceDocumentsTest::start)).containsEntry("trace_id", "t2");
	}

	@Test
	void of_chainAtMaxDepth_servedNested() {
		TraceTree<SimpleSpan> tree = TraceTree.build(chain(TraceDocuments.MAX_NESTED_DEPTH));

		Map<String, Object> document = TraceDocuments.of(tree, TraceDocumentsTest::start);

		assertThat(document).containsEntry("depth", 400);
		Map<String, Object> node = nodes(document.get("tree")).get(0);
		for (int depth = 1; depth < 400; depth++) {
			assertThat(node).containsEntry("depth", depth).containsEntry("span_id", "s" + depth);
			node = nodes(node.get("children")).get(0);
		}
		assertThat(node).containsEntry("depth", 400).containsEntry("span_id", "s400")
			.containsEntry("parent_span_id", "s399");
		assertThat(nodes(node.get("children"))).isEmpty();
	}

	@Test
	void of_chainDeeperThanMax_throws() {
		TraceTree<SimpleSpan> tree = TraceTree.build(chain(TraceDocuments.MAX_NESTED_DEPTH + 1));

		assertThatThrownBy(() -> TraceDocuments.of(tree, TraceDocumentsTest::start))
			.isInstanceOfSatisfying(TraceTooDeepException.class, ex -> {
				assertThat(ex.depth()).isEqualTo(401);
				assertThat(ex.maxDepth()).isEqualTo(400);
			})
			.hasMessage("trace depth 401 is deeper than the 400 levels a nested tree can be served with");
	}

	/** Deep trees are refused before spanFields is asked about any span. */
	@Test
	void of_chainDeeperThanMax_spanFieldsNotCalled() {
		TraceTree<SimpleSpan> tree = TraceTree.build(chain(1_000));

		assertThatThrownBy(() -> TraceDocuments.of(tree, span -> {
			throw new AssertionError("called for " + span.spanId());
		})).isInstanceOf(TraceTooDeepException.class);
	}

	/** One root with 100,000 children: siblings are a loop, never a call per sibling. */
	@Test
	void of_wideTree() {
		int width = 100_000;
		List<SimpleSpan> spans = new ArrayList<>(width + 1);
		spans.add(new SimpleSpan("t1", "root", null, 0));
		for (int i = 0; i < width; i++) {
			spans.add(new SimpleSpan("t1", "c" + i, "root", i));
		}

		Map<String, Object> document = TraceDocuments.of(TraceTree.build(spans), TraceDocumentsTest::start);

		assertThat(document).containsEntry("span_count", width + 1).containsEntry("depth", 2);
		List<Map<String, Object>> children = nodes(nodes(document.get("tree")).get(0).get("children"));
		assertThat(children).hasSize(width);
		for (int i = 0; i < width; i += 9_999) {
			assertThat(children.get(i)).containsEntry("span_id", "c" + i).containsEntry("start", (long) i);
		}
	}

	@Test
	void of_spanFieldsReuseNodeKey_throws() {
		TraceTree<SimpleSpan> tree = TraceTree.build(List.of(new SimpleSpan("t1", "s1", null)));

		assertThatIllegalArgumentException().isThrownBy(() -> TraceDocuments.of(tree, span -> Map.of("children", 1)))
			.withMessage("spanFields returned \"children\", a key every node already has, for span s1");
	}

	@Test
	void of_nulls_throw() {
		TraceTree<SimpleSpan> tree = TraceTree.build(List.of(new SimpleSpan("t1", "s1", null)));

		assertThatNullPointerException().isThrownBy(() -> TraceDocuments.of(null, TraceDocumentsTest::start));
		assertThatNullPointerException().isThrownBy(() -> TraceDocuments.of(tree, null));
		assertThatNullPointerException().isThrownBy(() -> TraceDocuments.of(tree, span -> null))
			.withMessage("spanFields returned null for span s1");
	}

	/** See {@link TestObjects#TRACE}. */
	@Test
	void of_zipkinTrace() {
		List<StoredSpan> spans = TRACE.stream().map(StoredSpan::new).toList();

		Map<String, Object> document = TraceDocuments.of(TraceTree.build(spans), TraceDocuments::zipkinFields);

		assertThat(document).containsEntry("trace_id", TRACE_ID).containsEntry("span_count", 4)
			.containsEntry("depth", 4).containsEntry("roots", List.of(SERVER_SPAN.id()));
		Map<String, Object> root = nodes(document.get("tree")).get(0);
		assertThat(root.keySet()).containsExactly("span_id", "parent_span_id", "depth", "orphan", "service", "name",
				"kind", "start", "duration", "tags", "error", "children");
		Map<String, Object> db = nodes(nodes(nodes(root.get("children")).get(0).get("children")).get(0)
			.get("children")).get(0);
		assertThat(db).containsEntry("span_id", DB_SPAN.id()).containsEntry("depth", 4).containsEntry("error", true);
	}

	@Test
	void zipkinFields_allFields() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("service", "frontend");
		expected.put("name", "get /api");
		expected.put("kind", "client");
		expected.put("start", TODAY + 50_000L);
		expected.put("duration", 200_000L);
		expected.put("tags", Map.of("http.method", "GET", "http.path", "/api"));
		expected.put("error", false);

		Map<String, Object> fields = TraceDocuments.zipkinFields(new StoredSpan(CLIENT_SPAN));

		assertThat(fields).isEqualTo(expected);
		assertThat(fields.keySet()).containsExactlyElementsOf(expected.keySet());
		assertThat(fields.get("tags")).isInstanceOf(LinkedHashMap.class);
	}

	@Test
	void zipkinFields_errorTag() {
		assertThat(TraceDocuments.zipkinFields(new StoredSpan(DB_SPAN))).containsEntry("error", true)
			.containsEntry("tags", Map.of("error", "timeout"));
	}

	@Test
	void zipkinFields_absent_null() {
		Span bare = Span.newBuilder().traceId(TRACE_ID).id(W3CSamples.PARENT_ID).build();

		Map<String, Object> fields = TraceDocuments.zipkinFields(new StoredSpan(bare));

		assertThat(fields.keySet()).containsExactly("service", "name", "kind", "start", "duration", "tags", "error");
		assertThat(fields.get("service")).isNull();
		assertThat(fields.get("name")).isNull();
		assertThat(fields.get("kind")).isNull();
		assertThat(fields.get("start")).isNull();
		assertThat(fields.get("duration")).isNull();
		assertThat(fields.get("tags")).isEqualTo(Map.of());
		assertThat(fields.get("error")).isEqualTo(false);
	}

	/** s1 -> s2 -> ... -> sN, each starting at its number. */
	static List<SimpleSpan> chain(int length) {
		List<SimpleSpan> spans = new ArrayList<>(length);
		for (int i = 1; i <= length; i++) {
			spans.add(new SimpleSpan("t1", "s" + i, (i == 1) ? null : "s" + (i - 1), i));
		}
		return spans;
	}

	/** A node as the document should hold it, with {@link #start} as its only span field. */
	static Map<String, Object> node(String spanId, String parentId, int depth, boolean orphan, long start,
			Map<?, ?>... children) {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("span_id", spanId);
		node.put("parent_span_id", parentId);
		node.put("depth", depth);
		node.put("orphan", orphan);
		node.put("start", start);
		node.put("children", Arrays.asList(children));
		return node;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> nodes(Object list) {
		return (List<Map<String, Object>>) list;
	}

	// write: the same document, written as the tree is walked

	/** As {@code application.yml} configures the application's mapper. */
	private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
		.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(1000).build())
		.build()).propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

	@Test
	void write_dirtyTree_sameBytesAsTheBuiltDocument() {
		assertWrittenAsBuilt(dirtyTree(), "t1", TraceDocumentsTest::start);
	}

	/** Every kind of field value a stored span has: strings, null kind, longs, tag maps, booleans. */
	@Test
	void write_zipkinTrace_sameBytesAsTheBuiltDocument() {
		List<StoredSpan> spans = new ArrayList<>(TRACE.stream().map(StoredSpan::new).toList());
		spans.add(new StoredSpan(Span.newBuilder().traceId(TRACE_ID).id(spanId(99)).parentId(spanId(98))
			.putTag("quote\"and\\back", "line\nbreak \u00e9\u0000").build()));

		assertWrittenAsBuilt(TraceTree.build(spans), TRACE_ID, TraceDocuments::zipkinFields);
	}

	@Test
	void write_asDeepAsServable_sameBytesAsTheBuiltDocument() {
		assertWrittenAsBuilt(TraceTree.build(chain(TraceDocuments.MAX_NESTED_DEPTH)), "t1", TraceDocumentsTest::start);
	}

	@Test
	void write_wideTree_sameBytesAsTheBuiltDocument() {
		List<SimpleSpan> spans = new ArrayList<>();
		spans.add(new SimpleSpan("t1", "root", null, 0));
		for (int i = 0; i < 10_000; i++) {
			spans.add(new SimpleSpan("t1", "c" + i, (i % 3 == 0) ? "root" : "c" + (i - 1), i));
		}

		assertWrittenAsBuilt(TraceTree.build(spans), "t1", TraceDocumentsTest::start);
	}

	@Test
	void write_empty_sameBytesAsTheBuiltDocument() {
		assertWrittenAsBuilt(TraceTree.build(List.<SimpleSpan>of()), null, TraceDocumentsTest::start);
	}

	@Test
	void write_deeperThanServable_throwsBeforeWritingAnything() {
		TraceTree<SimpleSpan> tree = TraceTree.build(chain(TraceDocuments.MAX_NESTED_DEPTH + 1));
		StringWriter text = new StringWriter();

		try (JsonGenerator out = JSON.createGenerator(text)) {
			assertThatThrownBy(() -> TraceDocuments.write(tree, "t1", span -> {
				throw new AssertionError("called for " + span.spanId());
			}, Map.of(), out)).isInstanceOf(TraceTooDeepException.class);
		}

		assertThat(text.toString()).isEmpty();
	}

	@Test
	void write_spanFieldsReuseNodeKey_throws() {
		TraceTree<SimpleSpan> tree = TraceTree.build(List.of(new SimpleSpan("t1", "s1", null)));

		try (JsonGenerator out = JSON.createGenerator(new StringWriter())) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> TraceDocuments.write(tree, "t1", span -> Map.of("depth", 1), Map.of(), out))
				.withMessage("spanFields returned \"depth\", a key every node already has, for span s1");
		}
	}

	/**
	 * The streamed document equals, byte for byte, what the application's mapper writes of the built
	 * document with its {@code trace_id} set and the trailing members appended, as the trace API served
	 * it before it streamed.
	 */
	private static <S extends SpanLink> void assertWrittenAsBuilt(TraceTree<S> tree,
			String traceId, Function<S, Map<String, Object>> fields) {
		Map<String, Object> trailing = new LinkedHashMap<>();
		trailing.put("breaks", List.of(Map.of("kind", "lost_context", "span_id", "s1")));
		Map<String, Object> built = TraceDocuments.of(tree, fields);
		built.put("trace_id", traceId);
		built.putAll(trailing);
		StringWriter text = new StringWriter();

		try (JsonGenerator out = JSON.createGenerator(text)) {
			TraceDocuments.write(tree, traceId, fields, trailing, out);
		}

		assertThat(text.toString()).isEqualTo(JSON.writeValueAsString(built));
	}

}
