package dev.tracer.intake.files;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import zipkin2.Annotation;
import zipkin2.Span;

import dev.tracer.testing.TraceFileFixtures;

import static dev.tracer.testing.TraceFileFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The three formats found from the content, read whole, and every refusal naming format, place and rule. */
class TraceFilesTest {

	private static Map<String, Span> byId(TraceFile file) {
		return file.spans().stream().collect(Collectors.toMap(Span::id, Function.identity()));
	}

	private static TraceFile read(String content) {
		return TraceFiles.read(content.getBytes(StandardCharsets.UTF_8));
	}

	private static TraceFileException refusal(String content) {
		return catchThrowableOfType(TraceFileException.class, () -> read(content));
	}

	// -- the fixtures: one scenario in each format --

	@Test
	void read_jaegerFile_mapsReferencesProcessesTagsAndLogs() {
		TraceFile file = TraceFiles.read(bytes(TraceFileFixtures.JAEGER));

		assertThat(file.format()).isEqualTo(TraceFileFormat.JAEGER);
		assertThat(file.spans()).hasSize(11);
		assertThat(file.traceIds()).containsExactly("1f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "1f0ebbbbbbbbbbbbbbbbbbbbbbbbbbbb");
		Map<String, Span> spans = byId(file);
		Span sql = spans.get("1f0e000000000004");
		assertThat(sql.parentId()).isEqualTo("1f0e000000000003");
		assertThat(sql.kind()).isEqualTo(Span.Kind.CLIENT);
		assertThat(sql.name()).isEqualTo("sql select");
		assertThat(sql.timestampAsLong()).isEqualTo(1767225600020000L);
		assertThat(sql.durationAsLong()).isEqualTo(270000L);
		assertThat(sql.localServiceName()).isEqualTo("customer");
		assertThat(sql.localEndpoint().ipv4()).isEqualTo("10.0.0.2");
		assertThat(sql.remoteServiceName()).isEqualTo("mysql");
		assertThat(sql.remoteEndpoint().ipv4()).isEqualTo("10.0.0.9");
		assertThat(sql.remoteEndpoint().portAsInt()).isEqualTo(3306);
		assertThat(sql.tags()).containsEntry("db.system", "mysql")
			.containsEntry("hostname", "customer-1")
			.doesNotContainKey("span.kind");
		assertThat(sql.annotations()).extracting(Annotation::value)
			.containsExactly("Waiting for lock behind 1 transactions", "Acquired lock");
		Span getDriver = spans.get("1f0e000000000008");
		assertThat(getDriver.tags()).containsEntry("error", "true");
		assertThat(getDriver.annotations()).singleElement()
			.satisfies((log) -> assertThat(log.value())
				.isEqualTo("\"error\": {\"message\":\"redis timeout\",\"driver_id\":\"T751767C\"}"));
		assertThat(spans.get("1f0e00000000000a").parentId()).isNull();
		assertThat(spans.get("1f0e00000000000b").kind()).isNull();
	}

	@Test
	void read_zipkinListOfTraces_readsEveryTrace() {
		TraceFile file = TraceFiles.read(bytes(TraceFileFixtures.ZIPKIN));

		assertThat(file.format()).isEqualTo(TraceFileFormat.ZIPKIN);
		assertThat(file.spans()).hasSize(11);
		assertThat(file.traceIds()).containsExactly("2f0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "2f0ebbbbbbbbbbbbbbbbbbbbbbbbbbbb");
		assertThat(byId(file).get("2f0e000000000004").remoteServiceName()).isEqualTo("mysql");
	}

	@Test
	void read_zipkinListOfSpans_isTheIntakesFormat() {
		TraceFile file = read("[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7\","
				+ "\"name\":\"get\",\"timestamp\":1767225600000000,\"duration\":5}]");

		assertThat(file.format()).isEqualTo(TraceFileFormat.ZIPKIN);
		assertThat(file.spans()).singleElement().extracting(Span::id).isEqualTo("00f067aa0ba902b7");
	}

	@Test
	void read_otlpOneDocumentPerLine_readsEveryLine() {
		TraceFile file = TraceFiles.read(bytes(TraceFileFixtures.OTLP));

		assertThat(file.format()).isEqualTo(TraceFileFormat.OTLP);
		assertThat(file.spans()).hasSize(11);
		Map<String, Span> spans = byId(file);
		assertThat(spans.get("3f0e000000000006").localServiceName()).isEqualTo("driver");
		assertThat(spans.get("3f0e000000000006").kind()).isEqualTo(Span.Kind.SERVER);
		assertThat(spans.get("3f0e000000000008").tags()).containsEntry("otel.status_code", "ERROR")
			.containsEntry("error", "redis timeout");
	}

	@Test
	void read_otlpOneDocument() {
		String line = new String(bytes(TraceFileFixtures.OTLP), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();

		TraceFile file = read("  " + line + "\n\n");

		assertThat(file.format()).isEqualTo(TraceFileFormat.OTLP);
		assertThat(file.spans()).extracting(Span::localServiceName).containsOnly("frontend");
	}

	// -- Jaeger's rules --

	private static String jaegerSpan(String fields) {
		return "{\"data\":[{\"traceID\":\"1\",\"processes\":{\"p1\":{\"serviceName\":\"svc\"}},\"spans\":[{"
				+ "\"processID\":\"p1\",\"operationName\":\"op\",\"startTime\":1767225600000000,\"duration\":5" + fields
				+ "}]}]}";
	}

	@Test
	void jaeger_shortIds_arePaddedAsJaegerPadsThem() {
		TraceFile file = read(jaegerSpan(",\"traceID\":\"abc\",\"spanID\":\"1\""));

		assertThat(file.spans()).singleElement().satisfies((span) -> {
			assertThat(span.traceId()).isEqualTo("0000000000000abc");
			assertThat(span.id()).isEqualTo("0000000000000001");
		});
	}

	@Test
	void jaeger_followsFrom_isTheParentWhenNoChildOf_andSaysSo() {
		TraceFile file = read(jaegerSpan(",\"traceID\":\"abc\",\"spanID\":\"2\",\"references\":["
				+ "{\"refType\":\"FOLLOWS_FROM\",\"traceID\":\"abc\",\"spanID\":\"1\"}]"));

		assertThat(file.spans()).singleElement().satisfies((span) -> {
			assertThat(span.parentId()).isEqualTo("0000000000000001");
			assertThat(span.tags()).containsEntry("jaeger.ref_type", "FOLLOWS_FROM");
		});
	}

	@Test
	void jaeger_childOf_winsOverFollowsFrom_andTheOtherIsCounted() {
		TraceFile file = read(jaegerSpan(",\"traceID\":\"abc\",\"spanID\":\"3\",\"references\":["
				+ "{\"refType\":\"FOLLOWS_FROM\",\"traceID\":\"abc\",\"spanID\":\"1\"},"
				+ "{\"refType\":\"CHILD_OF\",\"traceID\":\"abc\",\"spanID\":\"2\"}]"));

		assertThat(file.spans()).singleElement().satisfies((span) -> {
			assertThat(span.parentId()).isEqualTo("0000000000000002");
			assertThat(span.tags()).doesNotContainKey("jaeger.ref_type").containsEntry("jaeger.references_dropped", "1");
		});
	}

	@Test
	void jaeger_oneTraceObject_asSomeDownloadsHoldIt() {
		TraceFile file = read("{\"traceID\":\"abc\",\"spans\":[{\"traceID\":\"abc\",\"spanID\":\"1\","
				+ "\"processID\":\"p1\"}],\"processes\":{\"p1\":{\"serviceName\":\"svc\"}}}");

		assertThat(file.format()).isEqualTo(TraceFileFormat.JAEGER);
		assertThat(file.spans()).singleElement().extracting(Span::localServiceName).isEqualTo("svc");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"''                                              | data[0].spans[0].traceID | missing",
			",\"traceID\":\"abc\"                            | data[0].spans[0].spanID  | missing",
			",\"traceID\":\"1234567890abcdef1234567890abcdef0\",\"spanID\":\"1\" | data[0].spans[0].traceID | expected 1 to 32 hex characters, found 33",
			",\"traceID\":\"abc\",\"spanID\":\"1234567890abcdef0\" | data[0].spans[0].spanID | expected 1 to 16 hex characters, found 17",
			",\"traceID\":\"abg\",\"spanID\":\"1\"           | data[0].spans[0].traceID | expected hex, found 'g' at index 2",
			",\"traceID\":\"000\",\"spanID\":\"1\"           | data[0].spans[0].traceID | must not be all zeros",
			",\"traceID\":7,\"spanID\":\"1\"                 | data[0].spans[0].traceID | expected hex in a string, found NUMBER",
			",\"traceID\":\"abc\",\"spanID\":\"1\",\"processID\":\"p9\" | data[0].spans[0].processID | \"p9\" is not in data[0].processes",
			",\"traceID\":\"abc\",\"spanID\":\"1\",\"startTime\":-1 | data[0].spans[0].startTime | expected microseconds, a whole number 0 or more, found -1",
			",\"traceID\":\"abc\",\"spanID\":\"1\",\"references\":[{\"refType\":\"PARENT\",\"traceID\":\"abc\",\"spanID\":\"2\"}] | data[0].spans[0].references[0].refType | expected CHILD_OF or FOLLOWS_FROM, found PARENT",
			",\"traceID\":\"abc\",\"spanID\":\"1\",\"tags\":{} | data[0].spans[0].tags | expected a list of {key, type, value}, found OBJECT" })
	void jaeger_badSpan_isRefusedNamingThePlaceAndTheRule(String fields, String place, String rule) {
		// later members of the object replace the defaults before them
		TraceFileException refusal = refusal(jaegerSpan(fields).replace("\"traceID\":\"1\",", ""));

		assertThat(refusal.format()).isEqualTo(TraceFileFormat.JAEGER);
		assertThat(refusal.place()).isEqualTo(place);
		assertThat(refusal.rule()).startsWith(rule);
		assertThat(refusal.getMessage()).isEqualTo("read as Jaeger JSON, at " + place + ": " + refusal.rule());
	}

	// -- Zipkin's and OTLP's rules: the intakes' readers, with the place --

	/** No trace id, and one of 33 hex characters. */
	@ParameterizedTest
	@ValueSource(strings = { "[{\"id\":\"00f067aa0ba902b7\",\"name\":\"get\"}]",
			"[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e47360\",\"id\":\"00f067aa0ba902b7\"}]" })
	void zipkin_badTraceId_isRefusedByZipkinsCodec(String content) {
		TraceFileException refusal = refusal(content);

		assertThat(refusal.format()).isEqualTo(TraceFileFormat.ZIPKIN);
		assertThat(refusal.rule()).contains("traceId");
	}

	@Test
	void zipkin_listOfTraces_namesTheTrace() {
		TraceFileException refusal = refusal("[[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7\"}],"
				+ "[{\"id\":\"00f067aa0ba902b8\"}]]");

		assertThat(refusal.place()).isEqualTo("trace [1]");
		assertThat(refusal.rule()).contains("traceId");
	}

	/** Jaeger's {@code data} that is no list, and Zipkin's list of traces holding a number. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"data\": {}} | data | expected a list of traces, found OBJECT",
			"[[], 5]        | [1]  | a list of traces holds lists of spans, found NUMBER" })
	void notAListOfTraces_isRefusedNamingThePlace(String content, String place, String rule) {
		TraceFileException refusal = refusal(content);

		assertThat(refusal.place()).isEqualTo(place);
		assertThat(refusal.rule()).isEqualTo(rule);
	}

	@Test
	void otlp_idOfTheWrongLength_refusesTheFile_namingLineAndSpan() {
		String good = new String(bytes(TraceFileFixtures.OTLP), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
		String bad = good.replace("\"spanId\":\"3f0e000000000002\"", "\"spanId\":\"3f0e0000000002\"");

		TraceFileException refusal = refusal(good + "\n" + bad + "\n");

		assertThat(refusal.format()).isEqualTo(TraceFileFormat.OTLP);
		assertThat(refusal.place()).isEqualTo("line 2");
		assertThat(refusal.rule()).isEqualTo(
				"1 span(s) cannot be kept, the first: resource_spans[0].scope_spans[0].spans[1]: span_id: expected 8 bytes, found 7");
	}

	@Test
	void otlp_idNotHex_isRefused() {
		TraceFileException refusal = refusal("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}");

		assertThat(refusal.format()).isEqualTo(TraceFileFormat.OTLP);
		assertThat(refusal.rule()).startsWith("resourceSpans[0].scopeSpans[0].spans[0].traceId: expected hex");
	}

	// -- files that are no format's --

	@Test
	void notJson_namesLineAndColumn() {
		TraceFileException refusal = refusal("{\n\"data\": ]");

		assertThat(refusal.format()).isNull();
		assertThat(refusal.place()).isEqualTo("line 2, column 9");
		assertThat(refusal.rule()).startsWith("not JSON: ");
	}

	@Test
	void notJson_afterAZipkinStart_isZipkinsCodecsWords_withThePlace() {
		TraceFileException refusal = refusal("[\n{\"traceId\": }");

		assertThat(refusal.format()).isEqualTo(TraceFileFormat.ZIPKIN);
		assertThat(refusal.getMessage()).isEqualTo("read as Zipkin v2 JSON: invalid Zipkin v2 JSON (expected a JSON array of "
				+ "Zipkin v2 spans): Expected value at line 2 column 13 path $[0].traceId");
	}

	@Test
	void empty_isRefused() {
		assertThat(refusal("  \n").rule()).startsWith("the file is empty; expected Zipkin v2 JSON");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"traces\": []}   | an object with [traces]",
			"{}                 | an empty object",
			"\"hello\"          | a string",
			"[1, 2]             | a list of a number" })
	void unknownShape_namesTheThreeShapesAndWhatWasFound(String content, String found) {
		TraceFileException refusal = refusal(content);

		assertThat(refusal.format()).isNull();
		assertThat(refusal.rule()).startsWith("JSON of an unknown shape: expected Zipkin v2 JSON (a list of spans, or a "
				+ "list of traces), Jaeger JSON (an object with \"data\"").contains("OTLP/JSON").endsWith("; found " + found);
	}

	@Test
	void noSpans_isRefused() {
		assertThat(refusal("[]").rule()).isEqualTo("the file holds no spans");
		assertThat(refusal("{\"data\": []}").format()).isEqualTo(TraceFileFormat.JAEGER);
	}

	@Test
	void timeOutOfRange_refusesTheFile() {
		TraceFileException refusal = refusal("[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7\","
				+ "\"timestamp\":99999999999999999}]");

		assertThat(refusal.place()).isEqualTo("span 0 (trace 4bf92f3577b34da6a3ce929d0e0e4736, span 00f067aa0ba902b7)");
	}

	@Test
	void nullContent_isAProgrammingError() {
		assertThatThrownBy(() -> TraceFiles.read(null)).isInstanceOf(NullPointerException.class);
	}

	@Test
	void traceIds_inFirstAppearanceOrder() {
		assertThat(new TraceFile(TraceFileFormat.ZIPKIN, List.of()).traceIds()).isEmpty();
	}

}
