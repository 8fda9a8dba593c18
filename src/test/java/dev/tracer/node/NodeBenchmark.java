package dev.tracer.node;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.tracer.core.context.ParsePolicy;

/**
 * The node's work for one message, without the process: {@link NodeSession#handle(byte[], int)} reads
 * one JSON line and writes its one reply line into a {@link ByteSink}. The goal: at least
 * 1,000,000 messages/s on one thread (docs/performance.md has the figures).
 *
 * <p>Each operation takes the next of three prebuilt messages in turn, the kinds the grader sends:
 * <pre>
 * http_request       with a traceparent header   -> http_response with the server span
 * parse_traceparent  a valid W3C header           -> parse_ok
 * reconstruct_trace  three spans in a chain      -> trace_tree_ok, span_count 3, depth 3
 * </pre>
 * The session reads with the node's default policy (LENIENT) and answered an {@code init} first, as a
 * node does. The sink stands for stdout over a null stream and is emptied after every message, so the
 * buffer stays small and no output is kept; reading stdin and the system call that writes a batch of
 * replies are left out (the process-level run under {@code src/test/bench/} measures those). The reply
 * of the first round is checked once, so a benchmark of error replies cannot pass unnoticed.
 *
 * <p>Settings: throughput in ops/s (one op = one message and its reply), one thread, one fork with the
 * JVM's defaults, 3 warm-up and 5 measured iterations of 1 s: about 10 s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NodeBenchmark {

	static final String[] MESSAGES = {
			"{\"src\": \"service_a\", \"dest\": \"service_b\", \"body\": {\"type\": \"http_request\", \"msg_id\": 2, "
					+ "\"path\": \"/api/data\", \"headers\": {\"traceparent\": "
					+ "\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}}}",
			"{\"src\": \"service\", \"dest\": \"parser\", \"body\": {\"type\": \"parse_traceparent\", \"msg_id\": 3, "
					+ "\"traceparent\": \"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}}",
			"{\"src\": \"collector\", \"dest\": \"tracer\", \"body\": {\"type\": \"reconstruct_trace\", \"msg_id\": 4, "
					+ "\"spans\": [{\"trace_id\": \"t1\", \"span_id\": \"s1\", \"parent\": null}, "
					+ "{\"trace_id\": \"t1\", \"span_id\": \"s2\", \"parent\": \"s1\"}, "
					+ "{\"trace_id\": \"t1\", \"span_id\": \"s3\", \"parent\": \"s2\"}]}}" };

	/** What each reply must contain: its type, and for the http_request the parent taken from the header. */
	static final String[] EXPECTED = { "\"parent_span_id\": \"00f067aa0ba902b7\"", "\"type\": \"parse_ok\"",
			"\"depth\": 3" };

	private static final String INIT = "{\"src\": \"c0\", \"dest\": \"n1\", \"body\": {\"type\": \"init\", "
			+ "\"msg_id\": 1, \"node_id\": \"n1\", \"node_ids\": [\"n1\"]}}";

	private final byte[][] messages = new byte[MESSAGES.length][];

	private ByteSink sink;

	private NodeSession session;

	private int next;

	@Setup
	public void prepare() {
		for (int i = 0; i < MESSAGES.length; i++) {
			messages[i] = MESSAGES[i].getBytes(StandardCharsets.UTF_8);
		}
		sink = new ByteSink(OutputStream.nullOutputStream());
		session = new NodeSession(ParsePolicy.LENIENT, sink);
		byte[] init = INIT.getBytes(StandardCharsets.UTF_8);
		session.handle(init, init.length);
		check("init", "\"type\": \"init_ok\"");
		for (int i = 0; i < messages.length; i++) {
			session.handle(messages[i], messages[i].length);
			check(MESSAGES[i], EXPECTED[i]);
		}
	}

	private void check(String message, String expected) {
		String reply = sink.toString();
		sink.flush();
		if (!reply.contains(expected) || reply.indexOf('\n') != reply.length() - 1) {
			throw new IllegalStateException("reply to " + message + " lacks " + expected + ": " + reply);
		}
	}

	@Benchmark
	public ByteSink handle() {
		byte[] message = messages[next];
		next = (next + 1) % messages.length;
		session.handle(message, message.length);
		sink.flush();
		return sink;
	}

}
