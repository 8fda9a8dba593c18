package dev.tracer.core.context;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random input never throws. Inputs are valid lists mutated a few times (so they reach the member
 * rules), lists split into several fields, and plain random strings, drawn from a seeded generator so
 * a failure repeats. Whatever is accepted formats with {@link TraceState#header()} to a header that
 * parses back to an equal value.
 */
class TraceStateRandomInputTest {

	private static final int RUNS = 100_000;

	private static final String[] SEEDS = { "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", "congo=t61rcWkgMzE",
			" , rojo=00f067aa0ba902b7 ,\t,congo= ucfJifl5GOE \t", "fw529a3039@dt=-1,1@b=x,a*b/c_d-e=!\"#$%&'()*+-./:;<>?@[\\]^_`{|}~",
			"", ",", "k0=0,k1=1,k2=2,k3=3,k4=4,k5=5,k6=6,k7=7,k8=8,k9=9,k10=10,k11=11,k12=12,k13=13,k14=14,k15=15,"
					+ "k16=16,k17=17,k18=18,k19=19,k20=20,k21=21,k22=22,k23=23,k24=24,k25=25,k26=26,k27=27,k28=28,"
					+ "k29=29,k30=30,k31=31" };

	// Characters that sit on the rules' edges, plus whatever the generator draws.
	private static final String ALPHABET = "az09_-*/@=,, \t~!\"AZ.\u0000\n\r\u007f\u00a0\u00e9\u2003\ud83d\ude00";

	@Test
	void parse_randomInput_neverThrowsAndAcceptedValuesRoundTrip() {
		RandomText random = new RandomText(20240611L, ALPHABET);
		int accepted = 0;
		int rejected = 0;
		for (int run = 0; run < RUNS; run++) {
			List<String> fields = new ArrayList<>();
			int shape = run % 4;
			if (shape == 0) {
				fields.add(random.string(80));
			}
			else {
				String header = random.mutate(SEEDS[random.nextInt(SEEDS.length)], true);
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

}
