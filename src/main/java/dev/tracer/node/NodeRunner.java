package dev.tracer.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.boot.CommandLineRunner;

/**
 * The node's message loop: reads messages from {@code in} until the end of the input and answers each
 * one on {@code out}, then returns, so that the process exits.
 *
 * <p>Replies are flushed before every read that could block and whenever 32 KiB are pending: a peer
 * that waits for an answer always gets it, and a peer that streams a million messages is not answered
 * with a million system calls.
 */
public final class NodeRunner implements CommandLineRunner {

	private final InputStream in;

	private final OutputStream out;

	private final NodeProperties properties;

	public NodeRunner(InputStream in, OutputStream out, NodeProperties properties) {
		this.in = in;
		this.out = out;
		this.properties = properties;
	}

	@Override
	public void run(String... args) throws IOException {
		ByteSink sink = new ByteSink(out);
		NodeSession session = new NodeSession(properties.policy(), sink);
		int maxMessageBytes = properties.maxMessageBytes();
		MessageReader reader = new MessageReader(in, maxMessageBytes, sink::flush);
		for (MessageReader.Frame frame = reader.next(); frame != null; frame = reader.next()) {
			session.handle(frame, maxMessageBytes);
			sink.flushIfFull();
		}
		sink.flush();
	}

}
