package dev.tracer.core.context;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import dev.tracer.core.hex.Hex;
import dev.tracer.testing.MapCarrier;
import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Our {@link ParsePolicy#STRICT} parser against OpenTelemetry's {@link W3CTraceContextPropagator}
 * (opentelemetry-api, the version Spring Boot manages), header by header.
 *
 * <p>Agreement means both accept with the same trace-id, parent-id and trace-flags (OpenTelemetry keeps
 * all eight flag bits, as we do: {@code ff} stays {@code ff}), or both reject. Every disagreement must be
 * one of the {@link KnownDifference}s, each shown by a named test below with the spec sentence that
 * justifies our side; anything else counts as unexplained and fails the test.
 *
 * <pre>
 * " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"     we accept, OpenTelemetry rejects (OWS)
 * "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\uffff"  we reject, OpenTelemetry throws
 * </pre>
 *
 * The headers are seeded: well-formed ones (version 00 and future versions with extra fields) and
 * mutations of them, so both parsers are walked past their first checks.
 */
class OpenTelemetryDifferentialTest {

	private static final int CASES = 300_000;

	private static final long SEED = 0x7e3c_2a1dL;

	private static final String TRACE_ID = W3CSamples.TRACE_ID;

	private static final String PARENT_ID = W3CSamples.PARENT_ID;

	private static final String HEADER = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	/** Characters on the edges of the rules, plus whatever else the generator draws. */
	private static final char[] ALPHABET = ("0123456789abcdef" + "ABCDEFgGxzZ" + "---" + " \t" + "._+,;=/"
			+ "\u0000\n\r\u000b\u007f\u00a0\u00e9\u2003\u0660\uff10\uff41\ud83d\ude00\uffff\ufffe").toCharArray();

	/**
	 * The deliberate differences, each with the predicate that recognises it. A predicate sees the
	 * header and both outcomes, and must be narrow: it explains a disagreement only when the stated cause
	 * is present and removing the cause makes the two parsers agree.
	 */
	enum KnownDifference {

		/**
		 * Spaces and tabs around the value: we trim them (HTTP optional whitespace is not part of a field
		 * value), OpenTelemetry reads the raw string and rejects. Without the whitespace the two agree.
		 */
		SURROUNDING_OWS((header, outcomes) -> {
			String trimmed = trimOws(header);
			return !trimmed.equals(header) && outcomes.ours().accepted() && !outcomes.theirs().accepted()
					&& outcomes.ours().equals(otel(trimmed));
		}),

		/**
		 * U+FFFF in the trace-id, parent-id or trace-flags positions: OpenTelemetry's hex table has 65535
		 * entries, so {@code '\uffff'} indexes past its end and {@code extract} throws
		 * {@link ArrayIndexOutOfBoundsException}. We reject the header as invalid. Fixed upstream
		 * (open-telemetry/opentelemetry-java#8797, pull request #8748; 1.66.0 no longer throws): once Boot
		 * manages such a version, this difference is no longer seen and the tests say so; then remove it.
		 */
		OTEL_THROWS_ON_U_FFFF((header, outcomes) -> !outcomes.ours().accepted()
				&& outcomes.theirs().thrown() instanceof ArrayIndexOutOfBoundsException && header.indexOf('\uffff') >= 0);

		private final BiPredicate<String, Outcomes> explains;

		KnownDifference(BiPredicate<String, Outcomes> explains) {
			this.explains = explains;
		}

	}

	/** One parser's verdict: accepted with ids and flags, rejected, or an exception. */
	record Outcome(boolean accepted, String traceId, String parentId, int flags, RuntimeException thrown) {

		static final Outcome REJECTED = new Outcome(false, null, null, -1, null);

		static Outcome of(String traceId, String parentId, int flags) {
			return new Outcome(true, traceId, parentId, flags, null);
		}

		static Outcome threw(RuntimeException e) {
			return new Outcome(false, null, null, -1, e);
		}

		@Override
		public boolean equals(Object other) {
			// An exception never agrees with anything, not even another exception.
			return (other instanceof Outcome that) && this.thrown == null && that.thrown == null
					&& this.accepted == that.accepted && java.util.Objects.equals(this.traceId, that.traceId)
					&& java.util.Objects.equals(this.parentId, that.parentId) && this.flags == that.flags;
		}

		@Override
		public int hashCode() {
			return java.util.Objects.hash(this.accepted, this.traceId, this.parentId, this.flags);
		}

		@Override
		public String toString() {
			if (this.thrown != null) {
				return "threw " + this.thrown;
			}
			return this.accepted ? "accepted(" + this.traceId + ", " + this.parentId + ", " + Hex.byteToHex(this.flags) + ")"
					: "rejected";
		}

	}

	record Outcomes(Outcome ours, Outcome theirs) {
	}

	@Test
	void strictParser_agreesWithOpenTelemetry_exceptForKnownDifferences() {
		SplittableRandom random = new SplittableRandom(SEED);
		int bothAccepted = 0;
		int bothRejected = 0;
		Map<KnownDifference, Integer> known = new EnumMap<>(KnownDifference.class);
		int unexplained = 0;
		int zeroHalves = 0;
		List<String> examples = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			String header = (i % 10 == 0) ? wellFormed(random) : mutate(wellFormed(random), random);
			Outcomes outcomes = new Outcomes(ours(header), otel(header));
			if (outcomes.ours().equals(outcomes.theirs())) {
				if (outcomes.ours().accepted()) {
					bothAccepted++;
					zeroHalves += hasZeroHalf(outcomes.ours().traceId()) ? 1 : 0;
					String ours = ourWritten(header);
					String theirs = otelWritten(header);
					if (!ours.equals(theirs) && examples.size() < 20) {
						examples.add(escape(header) + "  written back, ours: " + ours + "  otel: " + theirs);
					}
				}
				else {
					bothRejected++;
				}
				continue;
			}
			KnownDifference difference = classify(header, outcomes);
			if (difference != null) {
				known.merge(difference, 1, Integer::sum);
			}
			else {
				unexplained++;
				if (examples.size() < 20) {
					examples.add(escape(header) + "  ours: " + outcomes.ours() + "  otel: " + outcomes.theirs());
				}
			}
		}

		StringBuilder summary = new StringBuilder("OpenTelemetry differential (seed 0x" + Long.toHexString(SEED) + "): "
				+ CASES + " headers, " + (bothAccepted + bothRejected) + " agreements (" + bothAccepted + " both accepted, "
				+ bothRejected + " both rejected)");
		for (KnownDifference difference : KnownDifference.values()) {
			summary.append(", ").append(difference).append(' ').append(known.getOrDefault(difference, 0));
		}
		summary.append(", unexplained ").append(unexplained);
		System.out.println(summary);
		examples.forEach((example) -> System.out.println("  unexplained: " + example));

		assertThat(examples).as("unexplained disagreements").isEmpty();
		// The generator must reach both verdicts and every known difference, or the comparison proves little.
		assertThat(bothAccepted).isGreaterThan(CASES / 20);
		// ids with an all-zero half once broke in the engine behind the parser: they must be generated
		assertThat(zeroHalves).as("accepted trace ids with an all-zero half").isGreaterThan(100);
		assertThat(bothRejected).isGreaterThan(CASES / 5);
		for (KnownDifference difference : KnownDifference.values()) {
			assertThat(known.getOrDefault(difference, 0)).as("%s seen", difference).isPositive();
		}
	}

	/**
	 * Spec, 20-http_request_header_format.md (tracestate header field values): "It also includes the
	 * {@code OWS} rule from RFC7230 section 3.2.3." RFC 7230 section 3.2.4 defines a field value without
	 * its leading and trailing OWS, and the W3C test suite ({@code test/test.py},
	 * {@code test_traceparent_ows_handling}) "sends an valid traceparent with heading and trailing OWS"
	 * and "expects a valid traceparent from the output header". A servlet container usually trims it
	 * already; we do not rely on that.
	 */
	@Test
	void surroundingOws_weTrim_openTelemetryRejects() {
		for (String header : List.of(" " + HEADER, "\t" + HEADER, HEADER + " ", HEADER + "\t", " \t" + HEADER + "\t ")) {
			Outcomes outcomes = new Outcomes(ours(header), otel(header));
			assertThat(outcomes.ours()).as(escape(header)).isEqualTo(Outcome.of(TRACE_ID, PARENT_ID, 1));
			assertThat(outcomes.theirs()).as(escape(header)).isEqualTo(Outcome.REJECTED);
			assertThat(classify(header, outcomes)).isEqualTo(KnownDifference.SURROUNDING_OWS);
		}
	}

	/**
	 * Spec, 20-http_request_header_format.md (trace-id): "If the {@code trace-id} value is invalid (for
	 * example if it contains non-allowed characters or all zeros), vendors MUST ignore the
	 * {@code traceparent}." and (parent-id): "Vendors MUST ignore the {@code traceparent} when the
	 * {@code parent-id} is invalid (for example, if it contains non-lowercase hex characters)." Ignoring
	 * is what we do; OpenTelemetry 1.62.0 throws out of {@code extract} instead (an upstream bug, fixed in
	 * later versions).
	 */
	@Test
	void uFfffInIdsOrFlags_weReject_openTelemetryThrows() {
		List<String> headers = List.of("00-" + TRACE_ID.substring(0, 31) + "\uffff-" + PARENT_ID + "-01",
				"00-" + TRACE_ID + "-\uffff" + PARENT_ID.substring(1) + "-01", HEADER.substring(0, 54) + "\uffff");
		for (String header : headers) {
			assertThat(TraceParentParser.parse(header, ParsePolicy.STRICT).isAccepted()).isFalse();
			assertThatExceptionOfType(ArrayIndexOutOfBoundsException.class).isThrownBy(() -> W3CTraceContextPropagator
				.getInstance()
				.extract(Context.root(), Map.of("traceparent", header), MapCarrier.GETTER));
			assertThat(classify(header, new Outcomes(ours(header), otel(header))))
				.isEqualTo(KnownDifference.OTEL_THROWS_ON_U_FFFF);
		}
	}

	/**
	 * Candidates for a difference that turned out to be agreements; kept so that a change on either side
	 * shows up here by name. Spec: "Version {@code ff} is invalid." (version); "If a higher version is
	 * detected, the implementation SHOULD try to parse it" with the trace-flags "either at the end of the
	 * string or followed by a dash" (versioning of traceparent); {@code trace-flags = 2HEXDIGLC}; version 00
	 * is exactly 55 characters.
	 */
	@Test
	void candidatesThatAgree() {
		String future = "cc-" + TRACE_ID + "-" + PARENT_ID + "-01";
		Map<String, Outcome> expected = Map.ofEntries(
				Map.entry("ff-" + TRACE_ID + "-" + PARENT_ID + "-01", Outcome.REJECTED),
				Map.entry(HEADER + "-future", Outcome.REJECTED), Map.entry(HEADER + "-", Outcome.REJECTED),
				Map.entry(HEADER + ".", Outcome.REJECTED), Map.entry(future, Outcome.of(TRACE_ID, PARENT_ID, 1)),
				Map.entry(future + "-what-the-future-will-be-like", Outcome.of(TRACE_ID, PARENT_ID, 1)),
				Map.entry(future + "-", Outcome.of(TRACE_ID, PARENT_ID, 1)),
				Map.entry(future + ".what-the-future-will-be-like", Outcome.REJECTED),
				Map.entry("cc-" + TRACE_ID + "-" + PARENT_ID + "-0", Outcome.REJECTED),
				Map.entry("00-" + TRACE_ID + "-" + PARENT_ID + "-0A", Outcome.REJECTED),
				Map.entry("00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01", Outcome.REJECTED),
				Map.entry("0A-" + TRACE_ID + "-" + PARENT_ID + "-01", Outcome.REJECTED),
				// all eight flag bits are kept by both, also for a future version
				Map.entry("00-" + TRACE_ID + "-" + PARENT_ID + "-ff", Outcome.of(TRACE_ID, PARENT_ID, 0xff)),
				Map.entry("00-" + TRACE_ID + "-" + PARENT_ID + "-fe", Outcome.of(TRACE_ID, PARENT_ID, 0xfe)),
				Map.entry(future.substring(0, 53) + "f7-x", Outcome.of(TRACE_ID, PARENT_ID, 0xf7)),
				Map.entry("00-" + "0".repeat(32) + "-" + PARENT_ID + "-01", Outcome.REJECTED),
				Map.entry("00-" + TRACE_ID + "-" + "0".repeat(16) + "-01", Outcome.REJECTED));
		expected.forEach((header, outcome) -> {
			assertThat(ours(header)).as("ours %s", header).isEqualTo(outcome);
			assertThat(otel(header)).as("otel %s", header).isEqualTo(outcome);
		});
	}

	/**
	 * For the fuzzer ({@code TraceParentFuzzTests#strict}): the two parsers agree on {@code header}, or
	 * disagree in a known way.
	 */
	static void assertAgreesOrKnown(String header) {
		Outcomes outcomes = new Outcomes(ours(header), otel(header));
		if (!outcomes.ours().equals(outcomes.theirs())) {
			assertThat(classify(header, outcomes)).as("unexplained: %s  ours: %s  otel: %s", escape(header),
					outcomes.ours(), outcomes.theirs())
				.isNotNull();
		}
		else if (outcomes.ours().accepted()) {
			assertThat(ourWritten(header)).as("written back for %s", escape(header)).isEqualTo(otelWritten(header));
		}
	}

	/**
	 * The header we write back for an accepted one. Comparing only what is parsed once let this through:
	 * the parser was right about {@code 0000000000000000abcdef0123456789} and the service wrote back 16
	 * hex. {@code web/TraceIdRoundTripTests} follows the same ids through the tracing engine.
	 */
	private static String ourWritten(String header) {
		return TraceParentParser.parse(header, ParsePolicy.STRICT).value().format();
	}

	/** What OpenTelemetry injects for the context it extracted: version 00, every flag bit kept, as ours. */
	private static String otelWritten(String header) {
		W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();
		Map<String, String> written = new java.util.HashMap<>();
		propagator.inject(propagator.extract(Context.root(), Map.of("traceparent", header), MapCarrier.GETTER), written, Map::put);
		return written.get("traceparent");
	}

	private static boolean hasZeroHalf(String traceId) {
		return traceId.startsWith("0000000000000000") || traceId.endsWith("0000000000000000");
	}

	private static KnownDifference classify(String header, Outcomes outcomes) {
		for (KnownDifference difference : KnownDifference.values()) {
			if (difference.explains.test(header, outcomes)) {
				return difference;
			}
		}
		return null;
	}

	private static Outcome ours(String header) {
		ParseResult<TraceParent> result = TraceParentParser.parse(header, ParsePolicy.STRICT);
		if (!result.isAccepted()) {
			return Outcome.REJECTED;
		}
		TraceParent parent = result.value();
		return Outcome.of(parent.traceId().value(), parent.parentId().value(), parent.flags().bits());
	}

	private static Outcome otel(String header) {
		SpanContext context;
		try {
			context = Span
				.fromContext(W3CTraceContextPropagator.getInstance()
					.extract(Context.root(), Map.of("traceparent", header), MapCarrier.GETTER))
				.getSpanContext();
		}
		catch (RuntimeException ex) {
			return Outcome.threw(ex);
		}
		if (!context.isValid()) {
			return Outcome.REJECTED;
		}
		return Outcome.of(context.getTraceId(), context.getSpanId(), context.getTraceFlags().asByte() & 0xff);
	}

	private static String trimOws(String header) {
		int start = 0;
		int end = header.length();
		while (start < end && (header.charAt(start) == ' ' || header.charAt(start) == '\t')) {
			start++;
		}
		while (end > start && (header.charAt(end - 1) == ' ' || header.charAt(end - 1) == '\t')) {
			end--;
		}
		return header.substring(start, end);
	}

	// ---- generation

	private static String wellFormed(SplittableRandom random) {
		StringBuilder out = new StringBuilder(80);
		boolean future = random.nextInt(4) == 0;
		if (future) {
			int version;
			do {
				version = 1 + random.nextInt(254);
			}
			while (version == 0xff);
			out.append(Hex.byteToHex(version));
		}
		else {
			out.append("00");
		}
		out.append('-').append(hexId(random, 32)).append('-').append(hexId(random, 16)).append('-');
		out.append(Hex.byteToHex(randomFlags(random)));
		if (future) {
			int fields = random.nextInt(4);
			for (int f = 0; f < fields; f++) {
				out.append('-').append(token(random));
			}
		}
		return out.toString();
	}

	private static String hexId(SplittableRandom random, int length) {
		StringBuilder out = new StringBuilder(length);
		boolean sparse = random.nextInt(8) == 0; // mostly zeros: close to the all-zeros rule
		for (int i = 0; i < length; i++) {
			int digit = (sparse && random.nextInt(length) != 0) ? 0 : random.nextInt(16);
			out.append(Character.forDigit(digit, 16));
		}
		return out.toString();
	}

	private static int randomFlags(SplittableRandom random) {
		return switch (random.nextInt(4)) {
			case 0 -> 0;
			case 1 -> 1;
			default -> random.nextInt(256);
		};
	}

	private static String token(SplittableRandom random) {
		int length = random.nextInt(12);
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append((char) (0x21 + random.nextInt(0x5e)));
		}
		return out.toString();
	}

	private static String mutate(String header, SplittableRandom random) {
		StringBuilder out = new StringBuilder(header);
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			int at = out.isEmpty() ? 0 : random.nextInt(out.length());
			switch (random.nextInt(14)) {
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
				case 3 -> {
					// uppercase one character or the whole header
					if (random.nextBoolean()) {
						String upper = out.toString().toUpperCase(java.util.Locale.ROOT);
						out.setLength(0);
						out.append(upper);
					}
					else if (!out.isEmpty()) {
						out.setCharAt(at, Character.toUpperCase(out.charAt(at)));
					}
				}
				case 4 -> zeroField(out, random);
				case 5 -> {
					// a separator replaced by something else
					int dash = out.indexOf("-", at);
					if (dash >= 0) {
						out.setCharAt(dash, "_ .+\t=".charAt(random.nextInt(6)));
					}
				}
				case 6 -> out.setLength(at); // truncated
				case 7 -> {
					// optional whitespace, or other whitespace, around the value
					String[] spaces = { " ", "\t", "  ", " \t", "\t ", "\n", "\r\n", "\u00a0", "\u000b" };
					String space = spaces[random.nextInt(spaces.length)];
					switch (random.nextInt(3)) {
						case 0 -> out.insert(0, space);
						case 1 -> out.append(space);
						default -> out.insert(0, space).append(spaces[random.nextInt(spaces.length)]);
					}
				}
				case 8 -> {
					// a version: ff, 00, another one, or not hex
					String[] versions = { "ff", "00", "01", "fe", "cc", "0g", "FF", "0A", "000", "0" };
					int dash = out.indexOf("-");
					out.replace(0, (dash >= 0) ? dash : Math.min(2, out.length()), versions[random.nextInt(versions.length)]);
				}
				case 9 -> {
					// trailing data: a field, a bare dash, or other characters
					String[] tails = { "-", "-x", "-future-fields", ".", "x", " -x", "--", "-\uffff", "0" };
					out.append(tails[random.nextInt(tails.length)]);
				}
				case 10 -> out.insert(at, '-');
				case 11 -> {
					// a field one character longer or shorter
					int dash = out.indexOf("-", at);
					if (dash > 0) {
						if (random.nextBoolean()) {
							out.insert(dash, Character.forDigit(random.nextInt(16), 16));
						}
						else {
							out.deleteCharAt(dash - 1);
						}
					}
				}
				case 12 -> {
					// a non-ASCII look-alike of a hex digit or dash
					char[] lookalikes = { '\uff10', '\uff41', '\u0660', '\u2010', '\u2011', '\u00ad', '\ufe63',
							'\uff0d', '\u0430', '\uffff', '\ud83d' };
					if (!out.isEmpty()) {
						out.setCharAt(at, lookalikes[random.nextInt(lookalikes.length)]);
					}
				}
				default -> {
					// duplicated or removed range
					int end = Math.min(out.length(), at + 1 + random.nextInt(20));
					if (random.nextBoolean()) {
						out.insert(at, out.substring(at, end));
					}
					else {
						out.delete(at, end);
					}
				}
			}
		}
		return out.toString();
	}

	private static void zeroField(StringBuilder out, SplittableRandom random) {
		// trace-id (3..35) or parent-id (36..52) of a version-00 layout, when present
		boolean traceId = random.nextBoolean();
		int from = traceId ? 3 : 36;
		int to = Math.min(out.length(), traceId ? 35 : 52);
		for (int i = from; i < to; i++) {
			out.setCharAt(i, '0');
		}
	}

	private static char randomChar(SplittableRandom random) {
		return (random.nextInt(10) == 0) ? (char) random.nextInt(Character.MAX_VALUE + 1)
				: ALPHABET[random.nextInt(ALPHABET.length)];
	}

	private static String escape(String header) {
		StringBuilder out = new StringBuilder(header.length() + 2).append('"');
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			out.append((c >= 0x20 && c < 0x7f) ? String.valueOf(c) : Chars.quote(c).replace("'", ""));
		}
		return out.append('"').toString();
	}

}
