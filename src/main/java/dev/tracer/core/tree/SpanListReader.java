package dev.tracer.core.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one reading of a span list as the node's {@code reconstruct_trace} and the web's
 * {@code POST /api/traces/reconstruct} receive it, so the two cannot differ. Each caller decodes JSON
 * its own way and hands the values over as they are (a string, a number, a boolean, a list, null or an
 * object); this class decides what they mean:
 *
 * <pre>
 * {"trace_id": "t1", "span_id": "s2", "parent": "s1"}          SimpleSpan(t1, s2, s1)
 * {"span_id": "s2", "parent_span_id": "s1"}                    SimpleSpan(null, s2, s1)
 * {"span_id": "s2", "parent": null, "parent_span_id": "s1"}    a root: a parent member, even null, wins
 * {"span_id": 5}                                               spans[0].span_id: expected a string, found a number
 * {"span_id": ""}                                              spans[0].span_id: must not be empty
 * {"trace_id": true, "span_id": "s1"}                          spans[0].trace_id: expected a string or null, found a boolean
 * </pre>
 *
 * A value is never converted: {@code 5} is not the span id {@code "5"}. A null or absent
 * {@code trace_id} is unknown, and {@link TraceTree} counts no trace id for it. The texts are the node's
 * error replies, byte for byte.
 */
public final class SpanListReader {

	private SpanListReader() {
	}

	/** One element of the list as its caller decoded it. */
	public interface Element {

		/** Whether the member is present, even with a null value. */
		boolean has(String member);

		/** The member's value as decoded (String, Number, Boolean, List, another object), or null. */
		Object get(String member);

		/**
		 * A list item as a JSON mapper decodes an object without a target type (a {@code Map}), for
		 * {@link #read}'s {@code asElement}.
		 *
		 * @param item the decoded item
		 * @return its element view, or null when the item is not an object
		 */
		static Element ofMap(Object item) {
			if (!(item instanceof Map<?, ?> members)) {
				return null;
			}
			return new Element() {

				@Override
				public boolean has(String member) {
					return members.containsKey(member);
				}

				@Override
				public Object get(String member) {
					return members.get(member);
				}

			};
		}

	}

	/**
	 * The spans, or why the list cannot be read.
	 * @param spans the spans in list order; null when {@code problem} is not
	 * @param problem the field at fault and why, such as {@code spans[1].span_id: missing}; null when read
	 */
	public record Result(List<SimpleSpan> spans, String problem) {

		public boolean isRead() {
			return problem == null;
		}

	}

	/**
	 * @param spans the value of {@code spans} as decoded, or null when absent
	 * @param asElement the element view of a list item, or null when the item is not a JSON object
	 */
	public static Result read(Object spans, Function<Object, Element> asElement) {
		if (!(spans instanceof List<?> items)) {
			return problem((spans == null) ? "spans: missing" : "spans: expected a list, found " + kindOf(spans));
		}
		List<SimpleSpan> read = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			Element element = (items.get(i) != null) ? asElement.apply(items.get(i)) : null;
			if (element == null) {
				return problem("spans[" + i + "]: expected an object, found " + kindOf(items.get(i)));
			}
			String where = "spans[" + i + "].";
			Object spanId = element.get("span_id");
			if (!(spanId instanceof String id)) {
				return problem(where + "span_id: " + ((spanId == null) ? "missing" : "expected a string, found " + kindOf(spanId)));
			}
			if (id.isEmpty()) {
				return problem(where + "span_id: must not be empty");
			}
			String parentMember = element.has("parent") ? "parent" : "parent_span_id";
			Object parent = element.get(parentMember);
			Object traceId = element.get("trace_id");
			if (!isStringOrNull(parent)) {
				return problem(where + parentMember + ": expected a string or null, found " + kindOf(parent));
			}
			if (!isStringOrNull(traceId)) {
				return problem(where + "trace_id: expected a string or null, found " + kindOf(traceId));
			}
			read.add(new SimpleSpan((String) traceId, id, (String) parent));
		}
		return new Result(read, null);
	}

	/** The kind of a decoded JSON value, as error texts name it: {@code a string}, {@code a number}... */
	public static String kindOf(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		if (value instanceof Number) {
			return "a number";
		}
		if (value instanceof List) {
			return "a list";
		}
		return "an object";
	}

	private static boolean isStringOrNull(Object value) {
		return value == null || value instanceof String;
	}

	private static Result problem(String problem) {
		return new Result(null, problem);
	}

}
