package dev.tracer.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.tree.SimpleSpan;

/**
 * A message as the node understands it, once {@link MessageDecoder} has read and checked it: who sent
 * it, its {@code msg_id}, and what it asks for. Nothing in it needs checking again.
 *
 * <pre>
 * {"src": "a", "dest": "b", "body": {"type": "http_request", "msg_id": 1, "path": "/", "headers": {...}}}
 * Message("a", "b", 1, HttpRequest("/", {traceparent=[00-...]}))
 *
 * {"type": "init", "msg_id": 1, "node_id": "n1"}                      a bare body: no addresses
 * Message(null, null, 1, Init("n1"))
 *
 * {"src": "a", "dest": "b", "body": {"type": "echo", "msg_id": 7}}
 * Message("a", "b", 7, Refused(code 10, "unsupported message type 'echo'"))
 * </pre>
 *
 * @param src the envelope's {@code src}, or null for a bare body (answered as if from the last envelope)
 * @param dest the envelope's {@code dest}, null exactly when {@code src} is
 * @param msgId Maelstrom's integer {@code msg_id}: a {@link Long}, a {@link java.math.BigInteger} past
 * its range, or null when absent (or when it was not an integer, which the request then says)
 * @param request what the body asks for
 */
record Message(String src, String dest, Number msgId, Request request) implements Decoded {

	/** A body without an envelope. */
	boolean isBare() {
		return src == null;
	}

	/** What a body asks for, one kind per {@code type} the node answers, or why it cannot be answered. */
	sealed interface Request permits Init, HttpRequest, ParseTraceparent, ReconstructTrace, Refused {
	}

	/** {@code init}: the node answers as {@code nodeId} from then on. */
	record Init(String nodeId) implements Request {
	}

	/**
	 * {@code http_request}: a request arriving at this node.
	 * @param path the request's path
	 * @param headers the request's {@code traceparent} headers, named as sent (in any case), each with its
	 * values: a header given as a list has several, one given as null has none
	 */
	record HttpRequest(String path, Map<String, List<String>> headers) implements Request {

		HttpRequest {
			headers = Map.copyOf(headers);
		}

		/** The values of every header called {@code name}, names compared ignoring case as HTTP does. */
		Iterable<String> headerValues(String name) {
			List<String> values = new ArrayList<>(1);
			headers.forEach((header, valuesOfHeader) -> {
				if (header.equalsIgnoreCase(name)) {
					values.addAll(valuesOfHeader);
				}
			});
			return values;
		}

	}

	/**
	 * {@code parse_traceparent}.
	 * @param traceparent the header value to parse
	 * @param policy the policy the request names, or null for the node's own
	 */
	record ParseTraceparent(String traceparent, ParsePolicy policy) implements Request {
	}

	/** {@code reconstruct_trace}: the spans as the core's {@code SpanListReader} read them. */
	record ReconstructTrace(List<SimpleSpan> spans) implements Request {

		ReconstructTrace {
			spans = List.copyOf(spans);
		}

	}

	/**
	 * A body the node will not answer as asked: an unknown type (code 10), or a member missing or of the
	 * wrong kind (code 12). The reply is the error.
	 */
	record Refused(NodeError error) implements Request {
	}

}
