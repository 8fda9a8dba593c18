package dev.tracer.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

import dev.tracer.core.tree.ClockSkew;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.core.tree.TraceTree.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared-span and skew rules on traces that real B3/Zipkin instrumentation wrote (OpenZipkin's UI
 * test data, src/test/resources/corpus-shared/SOURCE.md), each with what an expert reads in it.
 */
class SharedSpanCorpusTest {

	static List<Span> corpus(String name) {
		try (InputStream in = SharedSpanCorpusTest.class.getResourceAsStream("/corpus-shared/" + name)) {
			return SpanBytesDecoder.JSON_V2.decodeList(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Yelp: routing -> yelp_main/api_proxy -> mobile_api -> spectre (depth 4), with MySQL and
	 * memcache calls. Three calls are recorded as a client and a shared server half: 16 spans, 13 calls
	 * and spans, no duplicate, nothing incomplete, every service on the page, no skew.
	 */
	@Test
	void yelp_threeSharedPairs_areThirteenSpansWithNoDuplicate() {
		List<Span> spans = corpus("zipkin-lens-yelp.json");
		List<StoredSpan> read = StoredSpan.rpcs(spans);
		TraceTree<StoredSpan> tree = TraceTree.build(read);

		assertThat(spans).hasSize(16);
		assertThat(read).hasSize(13);
		assertThat(read.stream().filter(StoredSpan::rpc).map(StoredSpan::spanId))
			.containsExactlyInAnyOrder("7a778764a0d0b594", "f5f268651b2a2b34", "668ed78ad94b35a1");
		assertThat(tree.spanCount()).isEqualTo(13);
		assertThat(tree.duplicateIds()).isEmpty();
		assertThat(tree.orphans()).isEmpty();
		assertThat(tree.depth()).isEqualTo(4);
		StoredSpan spectre = read.stream().filter((s) -> s.spanId().equals("7a778764a0d0b594")).findFirst().orElseThrow();
		assertThat(spectre.localService()).isEqualTo("mobile_api");
		assertThat(spectre.server().localServiceName()).isEqualTo("spectre");
		assertThat(ClockSkew.of(tree, StoredSpan.clocks()).skews()).isEmpty();

		TraceSummary summary = TraceSummary.of("a03ee8fff1dcd9b9", spans);
		assertThat(summary.spanCount()).isEqualTo(13);
		assertThat(summary.duplicates()).isZero();
		assertThat(summary.incomplete()).isFalse();
		assertThat(summary.rootService()).isEqualTo("routing");
		assertThat(summary.services()).contains("spectre", "mobile_api", "yelp-main", "routing");
	}

	/**
	 * Zipkin's skew example: servicea (127.0.0.0) calls serviceb (192.0.0.0), whose clock is behind; the
	 * shared server half (8761..102338) and its "async" child (8762..73762) were recorded before the
	 * client half (74202..168741) began. The server half is centred in the client half:
	 * 74202 + (94539 - 93577) / 2 - 8761 = +65922 us; the child, on serviceb's host, follows.
	 */
	@Test
	void skew_serverHalfRecordedBeforeItsClient_isPlacedWithinIt() {
		List<StoredSpan> read = StoredSpan.rpcs(corpus("zipkin-lens-skew.json"));
		TraceTree<StoredSpan> tree = TraceTree.build(read);
		ClockSkew<StoredSpan> skew = ClockSkew.of(tree, StoredSpan.clocks());

		assertThat(tree.spanCount()).isEqualTo(3);
		assertThat(tree.duplicateIds()).isEmpty();
		Node<StoredSpan> root = tree.roots().get(0);
		Node<StoredSpan> post = root.children().get(0);
		Node<StoredSpan> async = post.children().get(0);
		assertThat(post.span().rpc()).isTrue();
		assertThat(skew.shift(post)).isZero();
		assertThat(skew.serverShift(post)).isEqualTo(65_922L);
		assertThat(skew.shift(async)).isEqualTo(65_922L);
		assertThat(skew.start(async)).isBetween(skew.start(post), skew.end(post));
		assertThat(skew.skews()).singleElement().satisfies((moved) -> {
			assertThat(moved.serverHalf()).isTrue();
			assertThat(moved.parentHost()).isEqualTo("servicea@127.0.0.0");
			assertThat(moved.host()).isEqualTo("serviceb@192.0.0.0");
		});
	}

	/**
	 * SmartThings' OAuth flow: 175 spans, 41 client/server pairs. One id, 9d2d35b746db84f3, is a "send"
	 * received by five pusher servers: the first pair is one RPC, the four other server spans with that
	 * id are the same kind as one already kept, so they stay duplicates, as the rule says.
	 */
	@Test
	void smartthings_fortyOnePairs_oneFanOutIdStaysADuplicate() {
		List<Span> spans = corpus("zipkin-lens-smartthings-oauth-authorization.json");
		TraceTree<StoredSpan> tree = TraceTree.build(StoredSpan.rpcs(spans));

		assertThat(StoredSpan.rpcs(spans)).hasSize(175 - 41);
		assertThat(tree.spanCount()).isEqualTo(130);
		assertThat(tree.duplicateIds()).containsExactly("9d2d35b746db84f3");
		assertThat(tree.orphans()).isEmpty();
	}

	/** Kafka: consumers run after their producers ended; that is how messaging works, not skew. */
	@Test
	void kafka_consumersAfterTheirProducers_areNotMoved() {
		TraceTree<StoredSpan> tree = TraceTree.build(StoredSpan.rpcs(corpus("zipkin-lens-messaging-kafka.json")));

		assertThat(tree.spanCount()).isEqualTo(28);
		assertThat(ClockSkew.of(tree, StoredSpan.clocks()).skews()).isEmpty();
	}

}
