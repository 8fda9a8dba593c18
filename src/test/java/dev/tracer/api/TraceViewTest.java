package dev.tracer.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;
import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.BACKEND_SPAN;
import static dev.tracer.testing.TestObjects.CLIENT_SPAN;
import static dev.tracer.testing.TestObjects.DB_SPAN;
import static dev.tracer.testing.TestObjects.SERVER_SPAN;
import static dev.tracer.testing.TestObjects.TODAY;
import static dev.tracer.testing.TestObjects.TRACE;
import static dev.tracer.testing.TestObjects.TRACE_ID;
import static dev.tracer.testing.TestObjects.span;
import static dev.tracer.testing.TestObjects.spanId;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TraceViewTest {

	@Test
	void of_nullTree() {
		assertThatNullPointerException().isThrownBy(() -> TraceView.of(null)).withMessage("tree == null");
	}

	/**
	 * {@link TestObjects#TRACE}, arriving out of order: rows come back in tree order.
	 * <pre>{@code
	 * row 0  frontend  get /hello  server  0 .. 350 ms      critical
	 * row 1  frontend  get /api    client  50 .. 250        critical
	 * row 2  backend   get /api    server  100 .. 250       critical
	 * row 3  backend   query       client  150 .. 200 error critical
	 * }</pre>
	 */
	@Test
	void of_trace_rowsInTreeOrder_columnsAndTables() {
		TraceView view = view(List.of(DB_SPAN, BACKEND_SPAN, SERVER_SPAN, CLIENT_SPAN));
		TraceView.Rows rows = view.rows();

		assertThat(view.traceId()).isEqualTo(TRACE_ID);
		assertThat(view.spanCount()).isEqualTo(4);
		assertThat(view.depth()).isEqualTo(4);
		assertThat(view.start()).isEqualTo(TODAY);
		assertThat(view.duration()).isEqualTo(350_000L);
		assertThat(rows.spanIds()).isEqualTo(SERVER_SPAN.id() + CLIENT_SPAN.id() + BACKEND_SPAN.id() + DB_SPAN.id());
		assertThat(rows.depth()).containsExactly(1, 2, 3, 4);
		assertThat(rows.parent()).containsExactly(-1, 0, 1, 2);
		assertThat(rows.start()).containsExactly(0L, 50_000L, 100_000L, 150_000L);
		assertThat(rows.duration()).containsExactly(350_000L, 200_000L, 150_000L, 50_000L);
		assertThat(view.services()).as("the callee db joins the services").containsExactly("frontend", "backend", "db");
		assertThat(rows.service()).containsExactly(0, 0, 1, 1);
		assertThat(rows.remote()).as("the client spans' callees; a server span names none")
			.containsExactly(-1, 1, -1, 2);
		assertThat(view.names()).containsExactly("get /hello", "get /api", "query");
		assertThat(rows.name()).containsExactly(0, 1, 1, 2);
		assertThat(view.kinds()).containsExactly("", "server", "client");
		assertThat(rows.kind()).containsExactly(1, 2, 1, 2);
		int critical = TraceView.CRITICAL;
		assertThat(rows.flags()).containsExactly(critical, critical, critical, critical | TraceView.ERROR);
		assertThat(view.orphans()).isZero();
		assertThat(view.duplicates()).isEmpty();
		assertThat(view.cycles()).isEmpty();
	}

	/** The client span ends with the backend's server span: it owns no time after it. */
	@Test
	void of_trace_criticalPathSegments() {
		TraceView.Segments path = view(TestObjects.TRACE).criticalPath();

		assertThat(path.row()).containsExactly(0, 1, 2, 3, 2, 0);
		assertThat(path.start()).containsExactly(0L, 50_000L, 100_000L, 150_000L, 200_000L, 250_000L);
		assertThat(path.end()).containsExactly(50_000L, 100_000L, 150_000L, 200_000L, 250_000L, 350_000L);
	}

	/**
	 * Everything the tree tolerates is flagged on its row, never hidden:
	 * <pre>{@code
	 * row 0  s1                 root
	 * row 1  +-- s2             duplicate (came twice)
	 * row 2  s3                 orphan (parent s9 absent)
	 * row 3  s4                 cycle member, cut here: a root
	 * row 4  +-- s5             cycle member
	 * }</pre>
	 */
	@Test
	void of_incomplete_flagsOnRows() {
		String t = traceId(1);
		TraceView view = view(List.of(span(t, 1, null, TODAY), span(t, 2, 1L, TODAY + 1), span(t, 2, 1L, TODAY + 1),
				span(t, 3, 9L, TODAY + 2), span(t, 4, 5L, TODAY + 3), span(t, 5, 4L, TODAY + 4)));

		assertThat(view.rows().spanIds()).isEqualTo(spanId(1) + spanId(2) + spanId(3) + spanId(4) + spanId(5));
		assertThat(view.rows().parent()).containsExactly(-1, 0, -1, -1, 3);
		int[] flags = view.rows().flags();
		assertThat(flags[1] & TraceView.DUPLICATE).isNotZero();
		assertThat(flags[2] & TraceView.ORPHAN).isNotZero();
		assertThat(flags[3] & (TraceView.CYCLE | TraceView.CYCLE_CUT)).isEqualTo(TraceView.CYCLE | TraceView.CYCLE_CUT);
		assertThat(flags[4] & (TraceView.CYCLE | TraceView.CYCLE_CUT)).isEqualTo(TraceView.CYCLE);
		assertThat(flags[0] & (TraceView.DUPLICATE | TraceView.ORPHAN | TraceView.CYCLE)).isZero();
		assertThat(view.orphans()).isEqualTo(1);
		assertThat(view.duplicates()).containsExactly(spanId(2));
		assertThat(view.cycles()).containsExactly(List.of(spanId(4), spanId(5)));
	}

	/** An untimed span stays at the trace's start instead of 1970. */
	@Test
	void of_untimedSpan_startsAtZero() {
		TraceView view = view(List.of(span(traceId(1), 1, null, TODAY + 10), span(traceId(1), 2, 1L, 0)));

		assertThat(view.start()).isEqualTo(TODAY + 10);
		assertThat(view.rows().start()).containsExactly(0L, 0L);
	}

	/** A chain far deeper than the nested document allows: built without recursion. */
	@Test
	void of_deepChain_noRecursion() {
		int n = 200_000;
		List<Span> spans = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			spans.add(span(traceId(1), i, (i == 0) ? null : (long) (i - 1), TODAY + i));
		}

		TraceView view = view(spans);

		assertThat(view.depth()).isEqualTo(n);
		assertThat(view.rows().parent()[n - 1]).isEqualTo(n - 2);
		assertThat(view.rows().depth()[n - 1]).isEqualTo(n);
	}

	/**
	 * Zipkin's Kafka sample (corpus/zipkin/messaging-kafka.json): a consumer's poll of 26 µs is the
	 * root and the messages' handling runs for 649 ms under it. Clipped to the poll, the path was its 26
	 * µs; it now follows the hand-offs to the span that ends last.
	 */
	@Test
	void of_kafkaCorpus_criticalPathFollowsTheHandOffs() {
		TraceView view = corpusView("zipkin/messaging-kafka.json");
		TraceView.Segments path = view.criticalPath();

		long onPath = 0;
		for (int i = 0; i < path.row().length; i++) {
			onPath += path.end()[i] - path.start()[i];
		}
		assertThat(view.duration()).isEqualTo(649_065L);
		assertThat(onPath).as("more than the root poll's 26 µs").isGreaterThan(view.duration() / 4);
		assertThat(path.end()[path.end().length - 1]).as("it ends where the trace ends").isEqualTo(view.duration());
		assertThat(path.handedOff()).contains(true);
		assertThat(view.services()).contains("kafka");
	}

	/** Yelp's sample: memcache and mysql are named on the rows that called them, and annotations kept. */
	@Test
	void of_yelpCorpus_calleesAndAnnotations() {
		TraceView view = corpusView("zipkin/yelp.json");
		TraceView.Rows rows = view.rows();

		List<String> callees = new ArrayList<>();
		for (int remote : rows.remote()) {
			if (remote >= 0) {
				callees.add(view.services().get(remote));
			}
		}
		assertThat(callees).contains("memcache", "mysql", "spectre");
		assertThat(view.annotationValues()).contains("py_zipkin.logging_end");
		TraceView.Annotations annotations = view.annotations();
		assertThat(annotations.row()).hasSameSizeAs(annotations.at());
		for (int i = 0; i < annotations.row().length; i++) {
			int row = annotations.row()[i];
			assertThat(annotations.at()[i]).as("an annotation lies within the trace")
				.isBetween(0L, view.duration());
			assertThat(row).isBetween(0, view.spanCount() - 1);
		}
	}

	/** An annotation's time is after the trace's start, its value in the table. */
	@Test
	void of_annotation_relativeToTheTrace() {
		Span annotated = SERVER_SPAN.toBuilder().addAnnotation(TODAY + 1_000, "ws").build();

		TraceView view = view(List.of(annotated, CLIENT_SPAN));

		assertThat(view.annotations().row()).containsExactly(0);
		assertThat(view.annotations().at()).containsExactly(1_000L);
		assertThat(view.annotationValues().get(view.annotations().value()[0])).isEqualTo("ws");
		assertThat(view.annotations().serverHalf()).containsExactly(false);
	}

	private static TraceView corpusView(String resource) {
		try (InputStream in = TraceViewTest.class.getResourceAsStream("/corpus/" + resource)) {
			List<Span> spans = SpanBytesDecoder.JSON_V2.decodeList(in.readAllBytes());
			return TraceView.of(TraceTree.build(StoredSpan.rpcs(spans)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static TraceView view(List<Span> spans) {
		return TraceView.of(TraceTree.build(spans.stream().map(StoredSpan::new).toList()));
	}

}
