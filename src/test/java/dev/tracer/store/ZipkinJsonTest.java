package dev.tracer.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zipkin2.Span;

import dev.tracer.testing.TestObjects;

import static dev.tracer.testing.TestObjects.TRACE;
import static dev.tracer.testing.TestObjects.span;
import static dev.tracer.testing.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

class ZipkinJsonTest {

	/** Bytes that change a JSON document's structure or an id's validity. */
	static final String MUTATIONS = "[]{}\":,0a-Z";

	@Test
	void encode_decode_roundTrip() {
		assertThat(ZipkinJson.decode(ZipkinJson.encode(TRACE))).isEqualTo(TRACE);
	}

	@Test
	void decode_zipkinReporterJson() {
		String json = """
				[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","parentId":"00f067aa0ba902b7",
				  "id":"b7ad6b7169203331","kind":"CLIENT","name":"get /api",
				  "timestamp":1700000000050000,"duration":200000,
				  "localEndpoint":{"serviceName":"frontend","ipv4":"127.0.0.1"},
				  "remoteEndpoint":{"serviceName":"backend","ipv4":"192.168.99.101","port":9000},
				  "tags":{"http.method":"GET","http.path":"/api"}}]
				""";

		assertThat(ZipkinJson.decode(utf8(json))).containsExactly(TestObjects.CLIENT_SPAN);
	}

	@Test
	void decode_emptyArray_emptyList() {
		assertThat(ZipkinJson.decode(utf8("[]"))).isEmpty();
		assertThat(ZipkinJson.decode(utf8(" [ ] "))).isEmpty();
	}

	@Test
	void encode_emptyList_emptyArray() {
		assertThat(ZipkinJson.encode(List.of())).asString(StandardCharsets.UTF_8).isEqualTo("[]");
	}

	/** Zipkin pads short ids on the left, so a 64-bit trace id and its 16-hex form are the same. */
	@Test
	void decode_shortIds_padded() {
		Span span = ZipkinJson.decode(utf8("[{\"traceId\":\"a\",\"id\":\"b\"}]")).get(0);

		assertThat(span.traceId()).isEqualTo("000000000000000a");
		assertThat(span.id()).isEqualTo("000000000000000b");
	}

	/** The codec keeps the empty-input case to itself (it returns no spans); an empty body is refused. */
	@Test
	void decode_noBytes_throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> ZipkinJson.decode(new byte[0]))
			.withMessage("invalid Zipkin v2 JSON: no content (expected a JSON array of Zipkin v2 spans, such as [])");
	}

	/** Each message says what was wrong and where, without the codec's internals or gson's links. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			# input                                   | what the message says
			{"traceId":"a","id":"b"}                  | Expected BEGIN_ARRAY but was BEGIN_OBJECT at line 1 column 2
			[1]                                       | Expected BEGIN_OBJECT but was NUMBER at line 1 column 3
			[null]                                    | Expected BEGIN_OBJECT but was NULL at line 1 column 6 path $[0]
			[{"traceId":"a","id":"b"},]               | malformed JSON at line 1 column 28 path $[1]
			[{"traceId":"a","id":"b"}                 | End of input at line 1 column 26 path $[1]
			`  `                                      | End of input at line 1 column 3 path $
			not json                                  | malformed JSON
			[{"id":"b"}]                              | Missing : traceId
			[{}]                                      | Missing : traceId id
			[{"traceId":"ZZ","id":"b"}]               | ZZ should be lower-hex encoded with no prefix
			[{"traceId":"A","id":"b"}]                | A should be lower-hex encoded with no prefix
			[{"traceId":"a","id":"b","kind":"BOGUS"}] | No enum constant zipkin2.Span.Kind.BOGUS
			[{"traceId":"a","id":"b","timestamp":"x"}] | For input string: "x"
			""")
	void decode_malformed_throwsWithReason(String json, String reason) {
		Throwable thrown = catchThrowable(() -> ZipkinJson.decode(utf8(json)));

		assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("invalid Zipkin v2 JSON (expected a JSON array of Zipkin v2 spans): ")
			.hasMessageContaining(reason)
			.hasMessageNotContaining("\n")
			.hasMessageNotContaining("reading List<Span>")
			.hasMessageNotContaining("setStrictness");
		assertThat(thrown.getCause()).isNotNull();
	}

	/** Any bytes at all: spans or an IllegalArgumentException, never anything else. */
	@Test
	void decode_randomInput_onlyThrowsIllegalArgument() {
		Random random = new Random(42);
		byte[] valid = ZipkinJson.encode(TRACE);
		for (int i = 0; i < 10_000; i++) {
			byte[] input;
			if (i % 2 == 0) {
				input = new byte[1 + random.nextInt(64)];
				random.nextBytes(input);
			}
			else {
				// Valid JSON with a few bytes changed or cut short finds the deeper paths of the parser.
				input = Arrays.copyOf(valid, 1 + random.nextInt(valid.length));
				for (int k = 0; k < 3; k++) {
					input[random.nextInt(input.length)] = (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
				}
			}
			byte[] given = input;
			Throwable thrown = catchThrowable(() -> ZipkinJson.decode(given));
			if (thrown != null) {
				assertThat(thrown).as(new String(given, StandardCharsets.UTF_8))
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageStartingWith("invalid Zipkin v2 JSON");
			}
		}
	}

	@Test
	void decode_null_throws() {
		assertThatNullPointerException().isThrownBy(() -> ZipkinJson.decode(null)).withMessage("json == null");
	}

	@Test
	void encode_null_throws() {
		assertThatNullPointerException().isThrownBy(() -> ZipkinJson.encode(null)).withMessage("spans == null");
		assertThatNullPointerException().isThrownBy(() -> ZipkinJson.encode(Arrays.asList(TRACE.get(0), null)))
			.withMessage("spans[1] == null");
	}

	static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}
