package dev.tracer.node;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer in front of the node's stdout. Replies are ASCII (see {@link PythonJson}), so
 * characters are written as single bytes.
 */
final class ByteSink {

	private static final int FLUSH_THRESHOLD = 32 * 1024;

	private final OutputStream out;

	private byte[] buffer = new byte[64 * 1024];

	private int size;

	ByteSink(OutputStream out) {
		this.out = out;
	}

	void write(int b) {
		if (size == buffer.length) {
			buffer = Arrays.copyOf(buffer, buffer.length * 2);
		}
		buffer[size++] = (byte) b;
	}

	void ascii(String s) {
		for (int i = 0; i < s.length(); i++) {
			write(s.charAt(i));
		}
	}

	/** Flushes once enough is pending that one system call carries many replies. */
	void flushIfFull() {
		if (size >= FLUSH_THRESHOLD) {
			flush();
		}
	}

	/** Hands what is buffered to the stream and flushes it, so the peer sees complete replies. */
	void flush() {
		if (size == 0) {
			return;
		}
		try {
			out.write(buffer, 0, size);
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			size = 0;
			if (buffer.length > 1024 * 1024) {
				// a huge reply should not pin its buffer for the rest of the process
				buffer = new byte[64 * 1024];
			}
		}
	}

	@Override
	public String toString() {
		return new String(buffer, 0, size, StandardCharsets.US_ASCII);
	}

}
