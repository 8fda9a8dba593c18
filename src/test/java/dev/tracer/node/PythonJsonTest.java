package dev.tracer.node;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Expected strings are what CPython 3.11's {@code json.dumps} printed for the same values. */
class PythonJsonTest {

	@Test
	void write_escapesLikeEnsureAscii() {
		// json.dumps({"a": "é☃😀\x00\x7f\t\n\"\\/"})
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("a", "\u00e9\u2603\ud83d\ude00\u0000\u007f\t\n\"\\/");
		assertThat(write(map)).isEqualTo("{\"a\": \"\\u00e9\\u2603\\ud83d\\ude00\\u0000\\u007f\\t\\n\\\"\\\\/\"}");
	}

	@Test
	void write_usesPythonSeparatorsAndKeepsKeyOrder() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("z", 1);
		map.put("a", Arrays.asList(true, false, null));
		map.put("m", new LinkedHashMap<>());
		assertThat(write(map)).isEqualTo("{\"z\": 1, \"a\": [true, false, null], \"m\": {}}");
	}

	@Test
	void write_bigIntegerInFull() {
		assertThat(write(new BigInteger("123456789012345678901234567890")))
			.isEqualTo("123456789012345678901234567890");
		assertThat(write(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
	}

	@Test
	void write_escapesAfterAPlainStart() {
		// json.dumps("span_a\"b\\é~ \x7f"), json.dumps("~ !")
		assertThat(write("span_a\"b\\\u00e9~ \u007f")).isEqualTo("\"span_a\\\"b\\\\\\u00e9~ \\u007f\"");
		assertThat(write("~ !")).isEqualTo("\"~ !\"");
	}

	@Test
	void write_controlCharactersByName() {
		assertThat(write("\b\f\r")).isEqualTo("\"\\b\\f\\r\"");
	}

	@Test
	void write_refusesFractionalNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> write(1.5)).withMessageContaining("Double");
	}

	@Test
	void write_emptyList() {
		assertThat(write(List.of())).isEqualTo("[]");
	}

	private static String write(Object value) {
		ByteSink sink = new ByteSink(new ByteArrayOutputStream());
		PythonJson.write(value, sink);
		return sink.toString();
	}

}
