package dev.tracer.core.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.tracer.testing.W3CSamples;

import static dev.tracer.core.tree.TraceTreeTest.build;
import static dev.tracer.core.tree.TraceTreeTest.checked;
import static dev.tracer.core.tree.TraceTreeTest.render;
import static dev.tracer.core.tree.TraceTreeTest.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nearly all real span ids are 16 lowercase hex characters (W3C, Zipkin), which invites indexing them
 * as numbers and every other id as text. The tree must not be able to tell: these tests mix the two,
 * and put next to a hex id the tokens a careless decoder would take for it.
 */
class TraceTreeHexIdsTest {

	static final String HEX = W3CSamples.PARENT_ID;

	@Test
	void build_hexAndTextIdsInOneTrace() {
		TraceTree<SimpleSpan> tree = build(span(HEX, null, 1), span("span_a", HEX, 2),
				span("4bf92f3577b34da6", "span_a", 3), span("span_b", "4bf92f3577b34da6", 4),
				span("a3ce929d0e0e4736", HEX, 5), span("span_c", "a3ce929d0e0e4736", 6));

		assertThat(tree.spanCount()).isEqualTo(6);
		assertThat(tree.depth()).isEqualTo(4);
		assertThat(tree.orphans()).isEmpty();
		assertThat(render(tree)).isEqualTo("""
				00f067aa0ba902b7
				  span_a
				    4bf92f3577b34da6
				      span_b
				  a3ce929d0e0e4736
				    span_c
				""");
	}

	/**
	 * Each of these is another span than {@link #HEX}, though a decoder that ignored case, length, the
	 * high bits of a character or the gap between {@code 9} and {@code a} would read the same number.
	 */
	@Test
	void build_hexIdAndLookalikeTokens_stayDistinct() {
		List<String> lookalikes = List.of(HEX.toUpperCase(Locale.ROOT), "\u00b00f067aa0ba902b7",
				"\u01300f067aa0ba902b7", "00f067aa0ba902b7\u0000", "00f067aa0ba902b70", "0f067aa0ba902b7",
				"00f067aa0ba902b:", "00f067aa0ba902b" + (char) ('7' + 0x80), "00f067aa0ba902b" + (char) ('7' + 0x100));
		List<SimpleSpan> spans = new ArrayList<>();
		spans.add(span(HEX, null, 0));
		spans.add(span("child of hex", new String(HEX), 1));
		for (int i = 0; i < lookalikes.size(); i++) {
			spans.add(span(lookalikes.get(i), null, 10 + i));
			spans.add(span("child " + i, new String(lookalikes.get(i)), 10 + i));
		}

		TraceTree<SimpleSpan> tree = checked(TraceTree.build(spans));

		assertThat(tree.spanCount()).isEqualTo(spans.size());
		assertThat(tree.duplicateIds()).isEmpty();
		assertThat(tree.orphans()).isEmpty();
		assertThat(tree.roots()).hasSize(1 + lookalikes.size()).allSatisfy(root -> {
			assertThat(root.children()).hasSize(1);
			assertThat(root.children().get(0).span().parentId()).isEqualTo(root.span().spanId());
		});
	}

	/** Only one of the pair is present: a child naming the other is an orphan, in both directions. */
	@Test
	void build_parentIsLookalikeOfPresentId_orphan() {
		SimpleSpan upperChild = span("u", HEX.toUpperCase(Locale.ROOT));
		SimpleSpan hexChild = span("h", "4bf92f3577b34da6");

		TraceTree<SimpleSpan> tree = build(span(HEX, null), upperChild, span("4BF92F3577B34DA6", null), hexChild);

		assertThat(tree.orphans()).containsExactly(upperChild, hexChild);
		assertThat(tree.roots()).hasSize(4);
	}

	@Test
	void build_uppercaseHexIds() {
		TraceTree<SimpleSpan> tree = build(span("00F067AA0BA902B7", null), span("4BF92F3577B34DA6", "00F067AA0BA902B7"),
				span("A3CE929D0E0E4736", "4BF92F3577B34DA6"), span("4BF92F3577B34DA6", null));

		assertThat(tree.depth()).isEqualTo(3);
		assertThat(tree.duplicateIds()).containsExactly("4BF92F3577B34DA6");
		assertThat(render(tree)).isEqualTo("""
				00F067AA0BA902B7
				  4BF92F3577B34DA6
				    A3CE929D0E0E4736
				""");
	}

	@Test
	void build_seventeenAndFifteenHexCharacters() {
		TraceTree<SimpleSpan> tree = build(span("00f067aa0ba902b70", null), span("0f067aa0ba902b7", "00f067aa0ba902b70"),
				span(HEX, "0f067aa0ba902b7"), span("4bf92f3577b34da6a", HEX));

		assertThat(tree.depth()).isEqualTo(4);
		assertThat(render(tree)).isEqualTo("""
				00f067aa0ba902b70
				  0f067aa0ba902b7
				    00f067aa0ba902b7
				      4bf92f3577b34da6a
				""");
	}

	/**
	 * <pre>{@code
	 * 0..01                     root
	 * 0..02  parent 0..01       first 0..02 wins
	 * 0..02  parent 0..03       dropped, reported once
	 * 0..04  parent 0..09       orphan: 0..09 is absent
	 * 0..05 -> 0..06 -> 0..07 -> 0..05, and 0..08 -> 0..08: cycles, cut at 0..05 and 0..08
	 * }</pre>
	 */
	@Test
	void build_hexDuplicatesOrphansCycles() {
		SimpleSpan orphan = span(hex(4), hex(9), 40);

		TraceTree<SimpleSpan> tree = build(span(hex(1), null, 10), span(hex(2), hex(1), 20),
				span(hex(2), hex(3), 21), orphan, span(hex(6), hex(5), 60), span(hex(5), hex(7), 50),
				span(hex(7), hex(6), 70), span(hex(2), null, 22), span(hex(8), hex(8), 80));

		assertThat(tree.spanCount()).isEqualTo(7);
		assertThat(tree.duplicateIds()).containsExactly(hex(2));
		assertThat(tree.orphans()).containsExactly(orphan);
		assertThat(tree.cycles()).containsExactly(List.of(hex(6), hex(7), hex(5)), List.of(hex(8)));
		assertThat(render(tree)).isEqualTo("""
				0000000000000001
				  0000000000000002
				0000000000000004 (orphan)
				0000000000000006
				  0000000000000007
				    0000000000000005
				0000000000000008
				""");
	}

	/**
	 * Dirty random traces, several blocks of spans long, built once with hex ids and once with some or
	 * all of them rewritten to text that no decoder accepts: the trees must be the same, id for id.
	 */
	@Test
	void build_randomTraces_sameTreeWhateverTheIdShape() {
		Random random = new Random(7);
		for (int round = 0; round < 200; round++) {
			int size = 1 + random.nextInt((round % 10 == 0) ? 1500 : 80);
			List<SimpleSpan> hexSpans = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				String id = hex(random.nextInt(size));
				int pick = random.nextInt(10);
				String parentId = (pick == 0) ? null : (pick == 1) ? hex(size + i) : hex(random.nextInt(size));
				hexSpans.add(span(id, parentId, random.nextInt(5)));
			}
			boolean all = random.nextBoolean();
			UnaryOperator<String> toText = (id) -> (id == null || !all && (id.hashCode() & 1) == 0) ? id
					: id.toUpperCase(Locale.ROOT).replace('0', 'O');
			List<SimpleSpan> textSpans = new ArrayList<>();
			for (SimpleSpan span : hexSpans) {
				textSpans.add(new SimpleSpan(span.traceId(), toText.apply(span.spanId()), toText.apply(span.parentId()),
						span.startMicros()));
			}

			TraceTree<SimpleSpan> hexTree = checked(TraceTree.build(hexSpans));
			TraceTree<SimpleSpan> textTree = checked(TraceTree.build(textSpans));

			assertThat(textTree.spanCount()).isEqualTo(hexTree.spanCount());
			assertThat(textTree.depth()).isEqualTo(hexTree.depth());
			assertThat(render(textTree)).as("round %s", round).isEqualTo(renderAs(hexTree, toText));
			assertThat(textTree.duplicateIds()).isEqualTo(hexTree.duplicateIds().stream().map(toText).toList());
			assertThat(textTree.cycles())
				.isEqualTo(hexTree.cycles().stream().map(cycle -> cycle.stream().map(toText).toList()).toList());
			assertThat(textTree.orphans()).extracting(SimpleSpan::spanId)
				.isEqualTo(hexTree.orphans().stream().map(orphan -> toText.apply(orphan.spanId())).toList());
		}
	}

	/** {@link TraceTreeTest#render} with each id rewritten; ids hold no space, so each line's id is its first word. */
	private static String renderAs(TraceTree<?> tree, UnaryOperator<String> rename) {
		StringBuilder result = new StringBuilder();
		for (String line : render(tree).split("\n")) {
			String id = line.strip().split(" ")[0];
			int indent = line.indexOf(id);
			result.append(line, 0, indent).append(rename.apply(id)).append(line.substring(indent + id.length()))
				.append('\n');
		}
		return result.toString();
	}

	private static String hex(long value) {
		return String.format("%016x", value);
	}

}
