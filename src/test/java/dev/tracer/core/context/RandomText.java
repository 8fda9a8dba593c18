package dev.tracer.core.context;

import java.util.SplittableRandom;

/**
 * Seeded random and mutated strings for the "random input never throws" tests: valid headers edited a
 * few times get past the first checks, plain random strings test the rest, and a seed makes any failure
 * repeat.
 */
final class RandomText {

	private final SplittableRandom random;

	private final char[] alphabet;

	/**
	 * @param alphabet characters that sit on the rules' edges; one draw in eight is any UTF-16 unit
	 * instead
	 */
	RandomText(long seed, String alphabet) {
		this.random = new SplittableRandom(seed);
		this.alphabet = alphabet.toCharArray();
	}

	int nextInt(int bound) {
		return random.nextInt(bound);
	}

	String string(int maxLength) {
		int length = random.nextInt(maxLength);
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(nextChar());
		}
		return out.toString();
	}

	/**
	 * Up to three edits: replace, insert or delete a character, cut the rest, or append; with
	 * {@code longRuns}, also insert a run of up to 300 characters (for length limits).
	 */
	String mutate(String seed, boolean longRuns) {
		StringBuilder out = new StringBuilder(seed);
		int mutations = random.nextInt(4);
		for (int m = 0; m < mutations; m++) {
			int at = (out.length() == 0) ? 0 : random.nextInt(out.length());
			switch (random.nextInt(longRuns ? 6 : 5)) {
				case 0 -> {
					if (out.length() > 0) {
						out.setCharAt(at, nextChar());
					}
				}
				case 1 -> out.insert(at, nextChar());
				case 2 -> {
					if (out.length() > 0) {
						out.deleteCharAt(at);
					}
				}
				case 3 -> out.setLength(at);
				case 4 -> out.append(nextChar());
				default -> out.insert(at, "x".repeat(random.nextInt(300)));
			}
		}
		return out.toString();
	}

	private char nextChar() {
		return (random.nextInt(8) == 0) ? (char) random.nextInt(Character.MAX_VALUE + 1)
				: alphabet[random.nextInt(alphabet.length)];
	}

}
