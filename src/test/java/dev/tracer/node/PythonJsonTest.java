package dev.tracer.node;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Expected strings are what CPython 3.11's {@code json.dumps} printed for the same values. */
class PythonJsonTest {

	@Test
	void write_escapesLikeEnsureAscii() {
		// json.dumps("é☃😀\x00\x7f\t\n\"\\/")
		assertThat(write("\u00e9\u2603\ud83d\ude00\u0000\u007f\t\n\"\\/"))
			.isEqualTo("\"\\u00e9\\u2603\\ud83d\\ude00\\u0000\\u007f\\t\\n\\\"\\\\/\"");
	}

	@Test
	void write_literalsAndIntegersAsPythonPrintsThem() {
		// json.dumps(True), json.dumps(False), json.dumps(None), json.dumps(1)
		assertThat(write(true)).isEqualTo("true");
		assertThat(write(false)).isEqualTo("false");
		assertThat(write(null)).isEqualTo("null");
		assertThat(write(1)).isEqualTo("1");
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
	void write_refusesContainers_theSessionWritesEachReplyMemberByMember() {
		assertThatIllegalArgumentException().isThrownBy(() -> write(List.of())).withMessageContaining("List");
		assertThatIllegalArgumentException().isThrownBy(() -> write(Map.of())).withMessageContaining("Map");
	}

	private static String write(Object value) {
		ByteSink sink = new ByteSink(new ByteArrayOutputStream());
		PythonJson.write(value, sink);
		return sink.toString();
	}

}
