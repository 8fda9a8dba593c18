package dev.tracer.core.context;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random input never throws. Headers are valid ones mutated a few times (so they get past the first
 * checks) plus plain random strings, drawn from a seeded generator so a failure repeats.
 */
class TraceParentParserRandomInputTest {

	private static final int RUNS = 200_000;

	private static final String[] SEEDS = { W3CSamples.TRACEPARENT,
			"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", "00-trace123-span_a-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01", " \t00-00000000000000000000000000000001-0000000000000001-ff\t " };

	// Characters that sit on the rules' edges, plus whatever the generator draws.
	private static final String ALPHABET = "0123456789abcdefABCDEFgGzZ-- \t_.\u0000\n\r\u00a0\u00e9\u2003\uff10\ud83d\ude00";

	private static final Set<String> FIELDS = Set.of("traceparent", "version", "trace-id", "parent-id",
			"trace-flags");

	@Test
	void parse_randomInput_neverThrowsAndAcceptedValuesRoundTrip() {
		RandomText random = new RandomText(20240611L, ALPHABET);
		int[] accepted = new int[ParsePolicy.values().length];
		int[] rejected = new int[ParsePolicy.values().length];
		for (int run = 0; run < RUNS; run++) {
			String header = (run % 4 == 0) ? random.string(70) : random.mutate(SEEDS[random.nextInt(SEEDS.length)], false);
			for (ParsePolicy policy : ParsePolicy.values()) {
				ParseResult<TraceParent> result = TraceParentParser.parse(header, policy);
				assertThat(result).as("%s %s", policy, header).isNotNull();
				if (result.isAccepted()) {
					accepted[policy.ordinal()]++;
					assertRoundTrips(header, policy, result.value());
				}
				else {
					rejected[policy.ordinal()]++;
					assertSensible(header, result.rejection());
				}
			}
		}
		// Guard against a generator that never reaches the interesting paths.
		for (ParsePolicy policy : ParsePolicy.values()) {
			assertThat(accepted[policy.ordinal()]).as("%s accepted", policy).isGreaterThan(RUNS / 100);
			assertThat(rejected[policy.ordinal()]).as("%s rejected", policy).isGreaterThan(RUNS / 10);
		}
	}

	/**
	 * Every character at every position of a valid header, and every UTF-16 character at the first and
	 * last position of each id, against the grammar written out here position by position: the header is
	 * accepted exactly when the character belongs where it stands, and otherwise refused at that index.
	 * Ids are read eight characters at a time, packed a byte each, so a character above 0xff must not pass
	 * as its low byte ({@code U+0130} ends in {@code 0x30}, a '0').
	 */
	@Test
	void parse_strict_everySingleCharacterChange_acceptedExactlyWhereTheGrammarAllowsIt() {
		String valid = SEEDS[0];
		for (int position = 0; position < valid.length(); position++) {
			for (char c = 0; c < 0x200; c++) {
				assertSingleChange(valid, position, c);
			}
		}
		for (int position : new int[] { 3, 34, 36, 51 }) {
			for (int c = 0; c <= Character.MAX_VALUE; c++) {
				assertSingleChange(valid, position, (char) c);
			}
		}
		assertThat(TraceParentParser.parse(replace(valid, 3, '\u0134'), ParsePolicy.STRICT).rejection().reason())
			.isEqualTo("expected 32 lowercase hex characters, found '\\u0134' at index 3");
	}

	/** {@code valid} with {@code c} at {@code position}, read STRICT, against what the grammar says of it. */
	private static void assertSingleChange(String valid, int position, char c) {
		boolean atAnEnd = position == 0 || position == valid.length() - 1;
		if (atAnEnd && Chars.isOws(c)) {
			return; // trimmed as optional whitespace: the header is then a character short, another rule
		}
		String header = replace(valid, position, c);
		boolean dash = position == 2 || position == 35 || position == 52;
		boolean belongs = dash ? c == '-' : (char) (c - '0') <= 9 || (char) (c - 'a') <= 5;
		ParseResult<TraceParent> result = TraceParentParser.parse(header, ParsePolicy.STRICT);
		if (!belongs) {
			assertThat(result.isAccepted()).as(header).isFalse();
			assertThat(result.rejection().index()).as(header).isEqualTo(position);
			return;
		}
		assertThat(result.isAccepted()).as(header).isTrue();
		TraceParent parent = result.value();
		assertThat(parent.version()).as(header).isEqualTo(header.substring(0, 2));
		assertThat(parent.traceId().value()).as(header).isEqualTo(header.substring(3, 35));
		assertThat(parent.parentId().value()).as(header).isEqualTo(header.substring(36, 52));
		assertThat(parent.flags().hex()).as(header).isEqualTo(header.substring(53, 55));
	}

	private static String replace(String header, int position, char c) {
		return header.substring(0, position) + c + header.substring(position + 1);
	}

	private static void assertRoundTrips(String header, ParsePolicy policy, TraceParent parent) {
		String formatted = parent.format();
		TraceParent again = TraceParentParser.parse(formatted, policy).value();
		assertThat(again.traceId()).as(header).isEqualTo(parent.traceId());
		assertThat(again.parentId()).as(header).isEqualTo(parent.parentId());
		assertThat(again.flags()).as(header).isEqualTo(parent.flags());
		assertThat(again.version()).isEqualTo("00");
		if (policy == ParsePolicy.STRICT) {
			assertThat(parent.traceId().isW3C()).as(header).isTrue();
			assertThat(parent.parentId().isW3C()).as(header).isTrue();
			assertThat(formatted).hasSize(55);
			// Anything STRICT accepts, formatted, is a lenient header too.
			assertThat(TraceParentParser.parse(formatted, ParsePolicy.LENIENT).value()).isEqualTo(again);
		}
	}

	private static void assertSensible(String header, Rejection rejection) {
		assertThat(FIELDS).as(header).contains(rejection.field());
		assertThat(rejection.index()).as(header).isBetween(0, header.length());
		assertThat(rejection.message()).as(header).startsWith(rejection.field() + ": ");
		// Messages stay printable ASCII whatever the header held.
		assertThat(rejection.message().chars().allMatch((c) -> c >= 0x20 && c < 0x7f)).as(header).isTrue();
	}

}
