package dev.tracer.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

import zipkin2.Span;

import dev.tracer.core.tree.TraceTree;
import dev.tracer.store.StoredSpan;

/**
 * Find in a trace, for the viewer: which rows of its {@link TraceView} match a query. Tags are not in
 * the flat document, so the search runs where the spans are.
 *
 * <pre>{@code
 * http.status_code=500   a tag with that key and exactly that value
 * 00f067aa0ba902b7       a span id (16 hex), or a name or service containing it
 * get /api               name or service containing the text, ignoring case
 * memcache               also the callee a row names ({@link TraceView#callee}: the row's remote service)
 * }</pre>
 *
 * @param rows the matching rows, ascending, at most {@link #MAX_ROWS}
 * @param total how many rows match, all of them counted
 */
public record SpanFind(int[] rows, int total) {

	/** Rows answered at most: a query such as "a" may match every span of a million. */
	public static final int MAX_ROWS = 10_000;

	/**
	 * @param tree the trace's tree, never null
	 * @param query the text typed, never null; blank matches nothing
	 * @return the matching rows in {@link TraceTree#inRowOrder} numbering
	 */
	public static SpanFind of(TraceTree<StoredSpan> tree, String query) {
		if (tree == null || query == null) {
			throw new NullPointerException((tree == null) ? "tree == null" : "query == null");
		}
		Predicate<Span> matcher = matcher(query.strip());
		// a tag query (key=value) is about tags only; any other text also finds the callee
		String stripped = query.strip().toLowerCase(Locale.ROOT);
		String text = (stripped.isEmpty() || stripped.indexOf('=') > 0) ? null : stripped;
		int[] rows = new int[Math.min(tree.spanCount(), MAX_ROWS)];
		int[] total = { 0 };
		tree.inRowOrder((row, parentRow, node) -> {
			StoredSpan span = node.span();
			// an RPC is found by either half: its server's service, name and tags are the row's too
			if (matcher.test(span.span()) || (span.rpc() && matcher.test(span.server()))
					|| (text != null && contains(TraceView.callee(span), text))) {
				if (total[0] < rows.length) {
					rows[total[0]] = row;
				}
				total[0]++;
			}
		});
		return new SpanFind(Arrays.copyOf(rows, Math.min(total[0], rows.length)), total[0]);
	}

	private static Predicate<Span> matcher(String query) {
		if (query.isEmpty()) {
			return (span) -> false;
		}
		int equals = query.indexOf('=');
		if (equals > 0) {
			String key = query.substring(0, equals).strip();
			String value = query.substring(equals + 1).strip();
			return (span) -> value.equals(span.tags().get(key));
		}
		String text = query.toLowerCase(Locale.ROOT);
		return (span) -> span.id().equals(text) || contains(span.name(), text) || contains(span.localServiceName(), text);
	}

	private static boolean contains(String value, String lowercase) {
		return value != null && value.toLowerCase(Locale.ROOT).contains(lowercase);
	}

}
