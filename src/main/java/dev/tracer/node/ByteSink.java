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

	/** Writes characters that are all ASCII (a caller's promise: each is cut to its low byte). */
	void ascii(String s) {
		ascii(s, 0, s.length());
	}

	/** Writes {@code s[from, to)}, characters that are all ASCII like those of {@link #ascii(String)}. */
	@SuppressWarnings("deprecation") // the one String method that copies Latin-1 characters into our array as is
	void ascii(String s, int from, int to) {
		int length = to - from;
		ensureCapacity(length);
		s.getBytes(from, to, buffer, size);
		size += length;
	}

	/** Writes a number's decimal digits, as {@link Long#toString(long)} would, without the String. */
	void decimal(long value) {
		if (value == Long.MIN_VALUE) {
			ascii(Long.toString(value)); // its magnitude does not fit a long
			return;
		}
		ensureCapacity(20);
		if (value < 0) {
			buffer[size++] = '-';
			value = -value;
		}
		int digits = 1;
		for (long rest = value / 10; rest != 0; rest /= 10) {
			digits++;
		}
		for (int i = size + digits - 1; i >= size; i--) {
			buffer[i] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		size += digits;
	}

	private void ensureCapacity(int more) {
		if (more > buffer.length - size) {
			buffer = Arrays.copyOf(buffer, (int) Math.max(size + (long) more, 2L * buffer.length));
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
