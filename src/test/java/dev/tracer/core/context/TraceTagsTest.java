package dev.tracer.core.context;

import org.junit.jupiter.api.Test;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TraceTagsTest {

	@Test
	void received_printableAscii_asIs() {
		String header = W3CSamples.TRACEPARENT;

		assertThat(TraceTags.received(header)).isEqualTo(header);
	}

	@Test
	void received_controlAndNonAscii_escapedAsTheParserQuotesThem() {
		assertThat(TraceTags.received("00-ab\ncd-\u00e9\u0000")).isEqualTo("00-ab\\u000acd-\\u00e9\\u0000");
	}

	@Test
	void received_long_cutWithCount() {
		String tagged = TraceTags.received("a".repeat(10_000));

		assertThat(tagged).isEqualTo("a".repeat(TraceTags.MAX_RECEIVED_CHARS) + "... (9488 more characters)");
	}

	/** 32 members of the longest the spec allows in a header we pass on fit whole. */
	@Test
	void received_atTheLimit_whole() {
		String value = "k".repeat(TraceTags.MAX_RECEIVED_CHARS);

		assertThat(TraceTags.received(value)).isEqualTo(value);
	}

	@Test
	void received_null() {
		assertThatNullPointerException().isThrownBy(() -> TraceTags.received(null)).withMessage("value == null");
	}

}
