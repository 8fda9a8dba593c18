package dev.tracer.core.hex;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every byte value at every position of a word, against the character-by-character answer. */
class HexWordsTest {

	private static final String HEX = "0123456789abcdef";

	@Test
	void lowerDigits_everyByteAtEveryPosition_digitsExactlyWhereLowercaseHex() {
		String valid = "00f067aa";
		for (int position = 0; position < 8; position++) {
			for (int b = 0; b < 256; b++) {
				long word = word(valid) & ~(0xffL << (56 - 8 * position)) | ((long) b << (56 - 8 * position));
				boolean hex = HEX.indexOf(b) >= 0;

				assertThat(HexWords.lowerDigits(word) == HexWords.ALL_DIGITS).as("byte 0x%02x at %d", b, position)
					.isEqualTo(hex);
				if (hex) {
					String text = valid.substring(0, position) + (char) b + valid.substring(position + 1);
					assertThat(HexWords.value(word)).as(text).isEqualTo(Long.parseLong(text, 16));
				}
			}
		}
	}

	@Test
	void value_extremes() {
		assertThat(HexWords.value(word("00000000"))).isZero();
		assertThat(HexWords.value(word("ffffffff"))).isEqualTo(0xffffffffL);
		assertThat(HexWords.value(word("4bf92f35"))).isEqualTo(0x4bf92f35L);
	}

	@Test
	void valueOf_readsEightCharactersOfAString() {
		assertThat(HexWords.valueOf("00f067aa", 0)).isEqualTo(0x00f067aaL);
		assertThat(HexWords.valueOf("--ffffffff", 2)).isEqualTo(0xffffffffL);
	}

	@Test
	void valueOf_anythingButLowercaseHex_isMinusOne() {
		assertThat(HexWords.valueOf("00F067aa", 0)).isEqualTo(-1);
		assertThat(HexWords.valueOf("00f067a-", 0)).isEqualTo(-1);
		// U+0130's low byte is 0x30, a '0': the packing must not let it pass as one
		assertThat(HexWords.valueOf("00f067a\u0130", 0)).isEqualTo(-1);
		assertThat(HexWords.valueOf("\u0161\u0130f067aa", 0)).isEqualTo(-1);
	}

	private static long word(String eight) {
		long word = 0;
		for (int i = 0; i < 8; i++) {
			word = (word << 8) | eight.charAt(i);
		}
		return word;
	}

}
