package dev.tracer.node;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSinkTest {

	@Test
	void decimal_likeLongToString() {
		ByteSink sink = new ByteSink(new ByteArrayOutputStream());
		long[] values = { 0, 7, -7, 10, 99, 100, -100, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1 };
		StringBuilder expected = new StringBuilder();
		for (long value : values) {
			sink.decimal(value);
			sink.write(' ');
			expected.append(value).append(' ');
		}
		assertThat(sink.toString()).isEqualTo(expected.toString());
	}

	@Test
	void ascii_growsTheBufferPastItsSize() {
		ByteSink sink = new ByteSink(new ByteArrayOutputStream());
		String big = "x".repeat(200_000);
		sink.write('[');
		sink.ascii(big);
		sink.ascii("abcdef", 2, 4);
		sink.decimal(Long.MIN_VALUE);
		assertThat(sink.toString()).isEqualTo("[" + big + "cd" + Long.MIN_VALUE);
	}

	@Test
	void decimal_atTheEndOfAFullBuffer() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteSink sink = new ByteSink(out);
		String filler = "y".repeat(64 * 1024 - 3);
		sink.ascii(filler);
		sink.decimal(-9_000_000_000_000_000_000L);
		sink.flush();
		assertThat(out.toString()).isEqualTo(filler + "-9000000000000000000");
	}

}
