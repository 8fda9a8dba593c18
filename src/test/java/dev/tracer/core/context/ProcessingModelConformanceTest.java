package dev.tracer.core.context;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C Trace Context, section "Processing Model" ({@code spec/30-processing-model.md}) and the
 * "Mutating the traceparent Field" / "Mutating the tracestate Field" rules it refers to, as far as the
 * core shows them: the parsing decisions, the trace-flags, and the tracestate mutations of
 * {@link TraceState#withEntry}. Sending headers is the web layer's part.
 *
 * <pre>
 * receive(traceparent, tracestate)
 *   traceparent rejected  -> new trace, tracestate not parsed, EMPTY
 *   traceparent accepted  -> tracestate parsed; rejected -> EMPTY, the traceparent is kept
 * </pre>
 */
class ProcessingModelConformanceTest {

	static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	/** What a receiver continues with: the parent (or null for a new trace) and the tracestate. */
	record Received(TraceParent parent, TraceState state) {
	}

	/** Steps 1 to 3 of "A traceparent is Received", with the core's parsers. */
	static Received receive(String traceparent, List<String> tracestate) {
		ParseResult<TraceParent> parent = TraceParentParser.parse(traceparent, ParsePolicy.STRICT);
		if (!parent.isAccepted()) {
			// "If the vendor failed to parse traceparent, it MUST NOT attempt to parse tracestate."
			return new Received(null, TraceState.EMPTY);
		}
		ParseResult<TraceState> state = TraceState.parse(tracestate);
		return new Received(parent.value(), state.isAccepted() ? state.value() : TraceState.EMPTY);
	}

	static TraceState state(String header) {
		return TraceState.parse(header).value();
	}

	@Nested
	@DisplayName("No traceparent Received")
	class NoTraceparent {

		@Test
		@DisplayName("\"Because the traceparent header is not received, the vendor creates a new trace-id and parent-id\"")
		void missingTraceparent_isRejectedAsMissing() {
			assertThat(TraceParentParser.parse(null, ParsePolicy.STRICT).rejection().message())
				.isEqualTo("traceparent: header is missing");
		}

		@Test
		@DisplayName("\"If a tracestate header is received without an accompanying traceparent header, it is invalid and MUST be discarded\"")
		void tracestateWithoutTraceparent_isDiscarded() {
			Received received = receive(null, List.of("congo=t61rcWkgMzE"));

			assertThat(received.parent()).isNull();
			assertThat(received.state()).isSameAs(TraceState.EMPTY);
		}

		@Test
		@DisplayName("\"The vendor SHOULD create a new tracestate header and add a new key/value pair\"")
		void newTrace_startsTracestateWithOurEntryOnly() {
			assertThat(TraceState.EMPTY.withEntry("rojo", W3CSamples.PARENT_ID).header()).isEqualTo("rojo=00f067aa0ba902b7");
		}

	}

	@Nested
	@DisplayName("A traceparent is Received")
	class TraceparentReceived {

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"If the version cannot be parsed\" or \"If either trace-id, parent-id or trace-flags are invalid, the vendor creates a new traceparent header and deletes tracestate\"")
		@CsvSource(textBlock = """
				# the version cannot be parsed
				0x-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
				ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
				0-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
				# trace-id, parent-id or trace-flags invalid
				00-00000000000000000000000000000000-b7ad6b7169203331-01
				00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01
				00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0x
				""")
		void unparsableVersionOrInvalidField_startsANewTraceWithoutTracestate(String traceparent) {
			Received received = receive(traceparent, List.of("congo=t61rcWkgMzE"));

			assertThat(received.parent()).isNull();
			assertThat(received.state()).isSameAs(TraceState.EMPTY);
		}

		@ParameterizedTest(name = "[{index}] {0}")
		@DisplayName("\"If the version number is higher than supported by the tracer, the vendor uses the format defined in this specification (00) to parse trace-id and parent-id ... If parsing fails, the vendor creates a new traceparent header and deletes the tracestate\"")
		@CsvSource(textBlock = """
				cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra      | true
				cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01            | true
				cc-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333-01-extra       | false
				cc-00000000000000000000000000000000-b7ad6b7169203331-01            | false
				""", delimiter = '|')
		void higherVersion_isReadAsVersion00OrRestarted(String traceparent, boolean continued) {
			Received received = receive(traceparent, List.of("congo=t61rcWkgMzE"));

			assertThat(received.parent() != null).isEqualTo(continued);
			assertThat(received.state().isEmpty()).isEqualTo(!continued);
		}

		@Test
		@DisplayName("\"The vendor MAY validate the tracestate header. If the tracestate header cannot be parsed the vendor MAY discard the entire header\": we validate and discard it whole")
		void invalidTracestate_isDiscardedWholeAndTheTraceparentKept() {
			Received received = receive(TRACEPARENT, List.of("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,Bad=1"));

			assertThat(received.parent().format()).isEqualTo(TRACEPARENT);
			assertThat(received.state()).isSameAs(TraceState.EMPTY);
		}

		@Test
		@DisplayName("a valid tracestate travels with the accepted traceparent")
		void validTracestate_isKept() {
			Received received = receive(TRACEPARENT, List.of("rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE"));

			assertThat(received.state().header()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
		}

	}

	@Nested
	@DisplayName("trace-flags on receipt: sampled and the Level 2 random-trace-id flag")
	class Flags {

		@ParameterizedTest(name = "[{index}] flags {0}: sampled {1}, random {2}")
		@DisplayName("\"The value of the sampled flag of trace-flags MAY be set to 1 if the trace data is likely to be recorded or to 0 otherwise\": the received decision is readable by mask; Level 2: \"The second least significant bit of the trace-flags field denotes the random-trace-id flag\"; it is kept from the incoming header so a participant continuing the trace can send it on unchanged")
		@CsvSource(textBlock = """
				00 | false | false
				01 | true  | false
				02 | false | true
				03 | true  | true
				""", delimiter = '|')
		void sampled_isTheLowestBit_random_isTheSecondBitAndIsKept(String flags, boolean sampled, boolean random) {
			TraceParent parent = receive("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-" + flags, null).parent();
			TraceParent child = new TraceParent("00", parent.traceId(), SpanId.random(new SplittableRandom(7)),
					parent.flags());

			assertThat(parent.sampled()).isEqualTo(sampled);
			assertThat(parent.flags().random()).isEqualTo(random);
			assertThat(TraceParentParser.parse(child.format(), ParsePolicy.STRICT).value().flags().random())
				.isEqualTo(random);
		}

		@Test
		@DisplayName("Level 2: \"Implementers SHOULD use a trace-id generation method which randomly (or pseudo-randomly) generates at least the right-most 7 bytes of the ID\": TraceId.random draws all 16 bytes")
		void randomTraceId_isRandomAcrossTheRightMost7Bytes() {
			SplittableRandom random = new SplittableRandom(42);
			java.util.Set<String> tails = new java.util.HashSet<>();
			for (int i = 0; i < 1000; i++) {
				TraceId id = TraceId.random(random);
				assertThat(id.isW3C()).isTrue();
				tails.add(id.value().substring(18));
			}
			assertThat(tails).hasSize(1000);
		}

	}

	@Test
	@DisplayName("\"Vendors will set all unparsed / unknown trace-flags to 0 on outgoing requests\" (and \"Other Flags ... Vendors MUST set those to zero\")")
	void unknownFlags_areZeroOnOutgoingRequests() {
		TraceParent parent = receive("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-ff", null).parent();
		TraceParent child = parent.childOf(new SpanId(W3CSamples.PARENT_ID));

		assertThat(child.format()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-03");
	}

	@Nested
	@DisplayName("Mutating the traceparent Field")
	class MutatingTraceparent {

		@Test
		@DisplayName("\"Update parent-id: The value of the parent-id field can be set to the new value representing the ID of the current operation\"")
		void updateParentId_keepsTraceIdAndFlags() {
			TraceParent parent = receive(TRACEPARENT, null).parent();
			SpanId ours = new SpanId(W3CSamples.PARENT_ID);

			TraceParent next = new TraceParent("00", parent.traceId(), ours, parent.flags());

			assertThat(next.format()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01");
		}

		@Test
		@DisplayName("\"Downgrade the version: ... the first mutation is to downgrade the version of the header\"")
		void higherVersion_isDowngradedTo00() {
			TraceParent parent = receive("cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-will-be-like",
					null)
				.parent();

			assertThat(parent.format()).isEqualTo(TRACEPARENT);
		}

		@Test
		@DisplayName("\"Restart trace: ... Vendors SHOULD clean up tracestate collection on traceparent restart\": a restart starts from EMPTY")
		void restart_startsFromAnEmptyTracestate() {
			TraceState restarted = TraceState.EMPTY.withEntry("rojo", W3CSamples.PARENT_ID);

			assertThat(restarted.members()).containsExactly(new TraceState.Member("rojo", W3CSamples.PARENT_ID));
		}

	}

	@Nested
	@DisplayName("Mutating the tracestate Field")
	class MutatingTracestate {

		@Test
		@DisplayName("\"Vendors receiving a tracestate request header MUST send it to outgoing requests\": what we send holds every entry received, in order")
		void unmodified_isSentOnWithEveryEntryInOrder() {
			TraceState received = state(" rojo=00f067aa0ba902b7 ,, congo=t61rcWkgMzE\t");

			assertThat(received.header()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
			assertThat(state(received.header())).isEqualTo(received);
		}

		@Test
		@DisplayName("\"Vendors receiving a tracestate request header MUST send it to outgoing requests\": a received list longer than 512 characters is not cut when not mutated")
		void unmodifiedLongList_isNotTruncated() {
			String header = entries(32, 40);

			assertThat(header.length()).isGreaterThan(TraceState.MAX_LENGTH);
			assertThat(state(header).header()).isEqualTo(header);
		}

		@Test
		@DisplayName("\"Update key value. The value of any key can be updated. Modified keys MUST be moved to the beginning (left) of the list\"")
		void updateKeyValue_movesTheKeyToTheLeft() {
			assertThat(state("rojo=1,congo=2,fw529a3039@dt=3").withEntry("congo", "22").header())
				.isEqualTo("congo=22,rojo=1,fw529a3039@dt=3");
		}

		@Test
		@DisplayName("\"Add a new key/value pair. The new key-value pair SHOULD be added to the beginning of the list\"")
		void addKey_goesToTheLeft() {
			assertThat(state("rojo=1,congo=2").withEntry("new", "3").header()).isEqualTo("new=3,rojo=1,congo=2");
		}

		@Test
		@DisplayName("\"When mutating tracestate, the order of unmodified key/value pairs MUST be preserved\"")
		void mutation_preservesTheOrderOfTheOthers() {
			TraceState before = state("a=1,b=2,c=3,d=4,e=5");
			TraceState after = before.withEntry("c", "33");

			assertThat(after.members().subList(1, 5)).containsExactly(before.members().get(0),
					before.members().get(1), before.members().get(3), before.members().get(4));
		}

		@Test
		@DisplayName("\"There can be a maximum of 32 list-members in a list\": adding a 33rd removes the right-most")
		void adding33rd_removesTheRightMost() {
			TraceState full = state(entries(32, 2));

			TraceState after = full.withEntry("new", "1");

			assertThat(after.members()).hasSize(32);
			assertThat(after.members().get(0)).isEqualTo(new TraceState.Member("new", "1"));
			assertThat(after.members().subList(1, 32)).isEqualTo(full.members().subList(0, 31));
		}

		@Test
		@DisplayName("\"Entries larger than 128 characters long SHOULD be removed first\": with 33 members, the large one goes, not the right-most")
		void adding33rd_removesALargeEntryFirst() {
			List<String> parts = new ArrayList<>(List.of(entries(32, 2).split(",")));
			parts.set(5, "large=" + "x".repeat(130));
			TraceState full = state(String.join(",", parts));

			TraceState after = full.withEntry("new", "1");

			assertThat(after.members()).hasSize(32);
			assertThat(after.get("large")).isNull();
			assertThat(after.get("k31")).isNotNull();
		}

		@Test
		@DisplayName("\"the vendor MUST truncate whole entries. Entries larger than 128 characters long SHOULD be removed first\": the right-most large entry goes first, then the next")
		void overMaxLength_removesLargeEntriesFromTheRightFirst() {
			String large1 = "largea=" + "a".repeat(130);
			String large2 = "largeb=" + "b".repeat(130);
			TraceState received = state("s1=1," + large1 + ",s2=2," + large2 + ",s3=3," + "pad=" + "p".repeat(100));

			TraceState after = received.withEntry("new", "x".repeat(120));

			// 124 + 4 + 137 + 4 + 137 + 4 + 104 + 6 commas = 520: over 512; the right-most large one (largeb) goes.
			assertThat(after.get("largeb")).isNull();
			assertThat(after.get("largea")).isNotNull();
			assertThat(after.get("pad")).isNotNull();
			assertThat(after.header().length()).isLessThanOrEqualTo(TraceState.MAX_LENGTH);
			assertThat(after.header()).isEqualTo("new=" + "x".repeat(120) + ",s1=1," + large1 + ",s2=2,s3=3,pad="
					+ "p".repeat(100));
		}

		@Test
		@DisplayName("\"Then entries SHOULD be removed starting from the end of tracestate\"")
		void overMaxLengthWithoutLargeEntries_removesFromTheEnd() {
			TraceState received = state(entries(8, 60));

			TraceState after = received.withEntry("new", "1");

			assertThat(after.header().length()).isLessThanOrEqualTo(TraceState.MAX_LENGTH);
			assertThat(after.members().subList(1, after.members().size()))
				.isEqualTo(received.members().subList(0, after.members().size() - 1));
			assertThat(after.members()).hasSize(8);
		}

		@Test
		@DisplayName("our own new entry is never truncated, even when it alone is over 512 characters")
		void maximalOwnEntry_isKeptAlone() {
			TraceState after = state("rojo=1,congo=2").withEntry("k".repeat(256), "v".repeat(256));

			assertThat(after.members()).hasSize(1);
			assertThat(after.header()).hasSize(513);
		}

		@Test
		@DisplayName("\"Vendors SHOULD NOT delete keys that were not generated by them\": nothing is removed while the list fits")
		void fittingList_losesNothing() {
			TraceState received = state("a=" + "x".repeat(200) + ",b=2");

			assertThat(received.withEntry("new", "1").members()).hasSize(3);
		}

	}

	/** {@code count} members {@code k0=vvv...}, each value {@code valueLength} characters. */
	static String entries(int count, int valueLength) {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			out.add("k" + i + "=" + "v".repeat(valueLength));
		}
		return String.join(",", out);
	}

}
