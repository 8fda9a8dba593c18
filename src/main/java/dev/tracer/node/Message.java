package dev.tracer.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of one message that the node acts on, as {@link MessageDecoder} found them. A member is
 * kept as it came: a string as a {@link String}, an object the node looks into as one of the classes
 * below, and anything else as {@link JsonValues} reads it ({@code null} when absent or JSON null). So
 * nothing is judged while the message is read: {@link NodeSession} checks the shapes afterwards, in its
 * own order, and can name what it found instead.
 *
 * <pre>
 * {"src": "a", "dest": "b", "body": {"type": "http_request", "headers": {"traceparent": "00-..."}}}
 *  Message                           Body                                Headers
 * </pre>
 *
 * One instance serves every message of a session (they come one at a time): the decoder clears each
 * part before it fills it.
 */
final class Message {

	/** Whether the message has a {@code body} member, even a null one: then it is an envelope. */
	boolean hasBody;

	Object src;

	Object dest;

	/** The {@code body} member: {@link #envelopeBody} when it is an object. */
	Object body;

	/** The message's own members read as a body, for a message that is a bare body. */
	final Body bare = new Body();

	final Body envelopeBody = new Body();

	Message clear() {
		this.hasBody = false;
		this.src = null;
		this.dest = null;
		this.body = null;
		return this;
	}

	/** The members of a message body, whatever its type: the type may be its last member. */
	static final class Body {

		/** Whether the body has a {@code type} member, even a null one. */
		boolean hasType;

		Object type;

		Object msgId;

		Object nodeId;

		Object path;

		Object traceparent;

		Object policy;

		/** The {@code headers} member: {@link #headerValues} when it is an object. */
		Object headers;

		/** The {@code spans} member: when it is a list, of a {@link Span} for each object in it. */
		Object spans;

		final Headers headerValues = new Headers();

		Body clear() {
			this.hasType = false;
			this.type = null;
			this.msgId = null;
			this.nodeId = null;
			this.path = null;
			this.traceparent = null;
			this.policy = null;
			this.headers = null;
			this.spans = null;
			return this;
		}

	}

	/**
	 * The request headers named {@code traceparent} in any case, in the order they first appeared; a
	 * name given twice exactly keeps its last value, as a JSON object read into a map does.
	 */
	static final class Headers {

		private final List<String> names = new ArrayList<>(1);

		private final List<Object> values = new ArrayList<>(1);

		Headers clear() {
			this.names.clear();
			this.values.clear();
			return this;
		}

		void put(String name, Object value) {
			int index = this.names.indexOf(name);
			if (index >= 0) {
				this.values.set(index, value);
				return;
			}
			this.names.add(name);
			this.values.add(value);
		}

		int size() {
			return this.names.size();
		}

		String name(int index) {
			return this.names.get(index);
		}

		Object value(int index) {
			return this.values.get(index);
		}

	}

	/** The members of one element of {@code spans}. */
	static final class Span {

		Object traceId;

		Object spanId;

		/** Whether the span has a {@code parent} member, even a null one: then it wins over {@code parent_span_id}. */
		boolean hasParent;

		Object parent;

		Object parentSpanId;

	}

}
