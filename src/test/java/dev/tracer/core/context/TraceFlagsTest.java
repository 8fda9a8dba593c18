package dev.tracer.core.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceFlagsTest {

	@Test
	void constants_haveTheirBits() {
		assertThat(TraceFlags.NONE.bits()).isZero();
		assertThat(TraceFlags.NONE.sampled()).isFalse();
		assertThat(TraceFlags.SAMPLED.bits()).isEqualTo(1);
		assertThat(TraceFlags.SAMPLED.sampled()).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0x00 | false | false | 00
			0x01 | true  | false | 01
			0x02 | false | true  | 02
			0x03 | true  | true  | 03
			0x08 | false | false | 08
			0x09 | true  | false | 09
			0xfe | false | true  | fe
			0xff | true  | true  | ff
			""")
	void bits_areReadByMask(String bits, boolean sampled, boolean random, String hex) {
		TraceFlags flags = TraceFlags.of(Integer.decode(bits));

		assertThat(flags.sampled()).isEqualTo(sampled);
		assertThat(flags.random()).isEqualTo(random);
		assertThat(flags.hex()).isEqualTo(hex);
	}

	@Test
	void of_returnsSharedInstances() {
		assertThat(TraceFlags.of(0)).isSameAs(TraceFlags.NONE);
		assertThat(TraceFlags.of(1)).isSameAs(TraceFlags.SAMPLED);
		assertThat(TraceFlags.of(0x42)).isSameAs(TraceFlags.of(0x42)).isEqualTo(new TraceFlags(0x42));
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 256, Integer.MIN_VALUE, Integer.MAX_VALUE })
	void new_outOfRange_throwsIllegalArgumentExceptionNamingField(int bits) {
		String message = "trace-flags must be between 0 and 255 (0x00 to 0xff), was " + bits;
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceFlags(bits)).withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFlags.of(bits)).withMessage(message);
	}

	@ParameterizedTest
	@CsvSource({ "00, 00", "01, 01", "02, 02", "03, 03", "04, 00", "fd, 01", "fe, 02", "ff, 03" })
	void known_keepsOnlySampledAndRandom(String received, String sent) {
		assertThat(TraceFlags.of(Integer.parseInt(received, 16)).known().hex()).isEqualTo(sent);
	}

	@ParameterizedTest
	@CsvSource({ "false, false, 00", "true, false, 01", "false, true, 02", "true, true, 03" })
	void of_sampledAndRandom(boolean sampled, boolean random, String hex) {
		TraceFlags flags = TraceFlags.of(sampled, random);
		assertThat(flags.hex()).isEqualTo(hex);
		assertThat(flags.sampled()).isEqualTo(sampled);
		assertThat(flags.random()).isEqualTo(random);
	}

}
