package dev.tracer.core.context;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random input never throws. Inputs are valid lists mutated a few times (so they reach the member
 * rules), lists split into several fields, and plain random strings, drawn from a seeded generator so
 * a failure repeats. Whatever is accepted formats with {@link TraceState#header()} to a header that
 * parses back to an equal value.
 */
class TraceStateFuzzTest {

	private static final int RUNS = 100_000;

	private static final String[] SEEDS = { "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", "congo=t61rcWkgMzE",
			" , rojo=00f067aa0ba902b7 ,\t,congo= ucfJifl5GOE \t", "fw529a3039@dt=-1,1@b=x,a*b/c_d-e=!\"#$%&'()*+-./:;<>?@[\\]^_`{|}~",
			"", ",", "k0=0,k1=1,k2=2,k3=3,k4=4,k5=5,k6=6,k7=7,k8=8,k9=9,k10=10,k11=11,k12=12,k13=13,k14=14,k15=15,"
					+ "k16=16,k17=17,k18=18,k19=19,k20=20,k21=21,k22=22,k23=23,k24=24,k25=25,k26=26,k27=27,k28=28,"
					+ "k29=29,k30=30,k31=31" };

	// Characters that sit on the rules' edges, plus whatever the generator draws.
	private static final char[] ALPHABET = "az09_-*/@=,, \t~!\"AZ.\u0000\n\r\u007f\u00a0\u00e9\u2003\ud83d\ude00"
		.toCharArray();

	@Test
	void parse_randomInput_neverThrowsAndAcceptedValuesRoundTrip() {
		SplittableRandom random = new SplittableRandom(20240611L);
		int accepted = 0;
		int rejected = 0;
		for (int run = 0; run < RUNS; run++) {
			List<String> fields = new ArrayList<>();
			int shape = run % 4;
			if (shape == 0) {
				fields.add(randomString(random));
			}
			else {
				String header = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
				if (shape == 3 && header.length() > 1) {
					int cut = random.nextInt(header.length());
					fields.add(header.substring(0, cut));
					fields.add(header.substring(cut));
				}
				else {
					fields.add(header);
				}
			}
			String joined = String.join(",", fields);
			ParseResult<TraceState> result = TraceState.parse(fields);
			assertThat(result).as(joined).isNotNull().isEqualTo(TraceState.parse(joined));
			if (result.isAccepted()) {
				accepted++;
				TraceState state = result.value();
				assertThat(TraceState.parse(state.header()).value()).as(joined).isEqualTo(state);
				assertThat(state.members()).as(joined).hasSizeLessThanOrEqualTo(TraceState.MAX_MEMBERS);
			}
			else {
				rejected++;
				Rejection rejection = result.rejection();
				assertThat(rejection.field()).as(joined).isEqualTo("tracestate");
				assertThat(rejection.index()).as(joined).isBetween(0, joined.length());
				assertThat(rejection.message().chars().allMatch((c) -> c >= 0x20 && c < 0x7f)).as(joined).isTrue();
			}
		}
		// Guard against a generator that never reaches the interesting paths.
		assertThat(accepted).isGreaterThan(RUNS / 10);
		assertThat(rejected).isGreaterThan(RUNS / 10);
	}

	private static String randomString(SplittableRandom random) {
		int length = random.nextInt(80);
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(randomChar(random));
		}
		return out.toString();
	}

	private static String mutate(String seed, SplittableRandom random) {
		StringBuilder out = new StringBuilder(seed);
		int mutations = random.nextInt(4);
		for (int m = 0; m < mutations; m++) {
			int at = out.isEmpty() ? 0 : random.nextInt(out.length());
			switch (random.nextInt(6)) {
				case 0 -> {
					if (!out.isEmpty()) {
						out.setCharAt(at, randomChar(random));
					}
				}
				case 1 -> out.insert(at, randomChar(random));
				case 2 -> {
					if (!out.isEmpty()) {
						out.deleteCharAt(at);
					}
				}
				case 3 -> out.setLength(at);
				case 4 -> out.insert(at, "x".repeat(random.nextInt(300)));
				default -> out.append(randomChar(random));
			}
		}
		return out.toString();
	}

	private static char randomChar(SplittableRandom random) {
		return (random.nextInt(8) == 0) ? (char) random.nextInt(Character.MAX_VALUE + 1)
				: ALPHABET[random.nextInt(ALPHABET.length)];
	}

}
