package dev.tracer.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tracer.TracingApplication;
import dev.tracer.core.context.TraceId;
import dev.tracer.core.tree.SpanTimes;
import dev.tracer.intake.otlp.OtlpFormat;
import dev.tracer.intake.otlp.OtlpTestObjects;
import dev.tracer.store.SpanStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times at and past every edge, through every intake and straight into the store (as spans stored
 * before the intakes applied the time rule, or read from a Zipkin server, would be): afterwards the list,
 * every document of the trace page and the analyses answer 200, or the intake refused the span with its
 * reason (400 from Zipkin's API, {@code partial_success} from OTLP), as {@link SpanTimes} says.
 *
 * <p>A seeded random loop rather than a property-testing library: the seed is in every failure's
 * description, so a failing case is replayed by running the test again.
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.tracing.export.enabled=false")
@ActiveProfiles("backend")
class ExtremeTimesTest {

	private static final long SEED = 0x7157_e5L;

	private static final int CASES = 400;

	private static final long TWO_POW_53 = 1L << 53;

	/** Epoch microseconds and durations worth trying, as Zipkin's longs. */
	private static final long[] EDGES = { 0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
			SpanTimes.MAX_MICROS, SpanTimes.MAX_MICROS + 1, TWO_POW_53, Long.MAX_VALUE / 1000, 1_700_000_000_000_000L,
			Integer.MAX_VALUE, 9_223_372_036_854_775L };

	/** OTLP's unsigned nanoseconds worth trying: 2^64-1 and 2^63-1 among them. */
	private static final long[] NANO_EDGES = { 0, 1, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000_000_000L,
			SpanTimes.MAX_MICROS * 1000, SpanTimes.MAX_MICROS * 1000 + 1000, -1000L };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private enum Intake {

		ZIPKIN_JSON, ZIPKIN_PROTO3, OTLP_PROTOBUF, OTLP_JSON, STORE

	}

	@LocalServerPort
	private int port;

	@Autowired
	private SpanStore store;

	@Test
	void everyIntake_extremeAndRandomTimes_refusedByTheRuleOrReadableEverywhere() throws Exception {
		SplittableRandom random = new SplittableRandom(SEED);
		int refused = 0;
		for (int n = 0; n < CASES; n++) {
			Intake intake = Intake.values()[n % Intake.values().length];
			String traceId = String.format(Locale.ROOT, "%016x%016x", 0x7157_0000_0000_0000L + n, random.nextLong() | 1);
			String description = "case " + n + " (seed " + SEED + ", " + intake + ", trace " + traceId + ")";
			boolean stored = switch (intake) {
				case ZIPKIN_JSON, ZIPKIN_PROTO3 -> zipkin(intake, traceId, time(random), time(random), time(random),
						time(random), description);
				case OTLP_PROTOBUF, OTLP_JSON -> otlp(intake, traceId, nanos(random), nanos(random), nanos(random),
						nanos(random), description);
				case STORE -> {
					store.accept(List.of(zipkinSpan(traceId, 1, 0, time(random), time(random)),
							zipkinSpan(traceId, 2, 1, time(random), time(random))));
					yield true;
				}
			};
			refused += stored ? 0 : 1;
			if (stored) {
				assertTraceReadable(traceId, description);
			}
			if (n % 20 == 0 || n == CASES - 1) {
				assertListsReadable(description);
			}
		}
		assertThat(refused).as("refusals among %d cases: the loop reaches both outcomes", CASES)
			.isBetween(1, CASES - CASES / Intake.values().length - 1);
	}

	/** The reproduction of the report: a sum past Long.MAX_VALUE, refused whole with the span named. */
	@Test
	void zipkinJson_endPastLongMax_is400NamingTheSpanAndNothingStored() throws Exception {
		String traceId = "0bad0bad0bad0bad0bad0bad0bad0bad";
		String body = "[{\"traceId\":\"" + traceId + "\",\"id\":\"0000000000000001\",\"name\":\"p\",\"timestamp\":1,"
				+ "\"duration\":9223372036854775807,\"localEndpoint\":{\"serviceName\":\"x\"}},"
				+ "{\"traceId\":\"" + traceId + "\",\"id\":\"0000000000000002\",\"parentId\":\"0000000000000001\","
				+ "\"name\":\"c\",\"timestamp\":9223372036854775807,\"duration\":9223372036854775807,"
				+ "\"localEndpoint\":{\"serviceName\":\"x\"}}]";

		HttpResponse<String> response = post("/api/v2/spans", "application/json", body.getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("detail").asString())
			.startsWith("span 0 (trace " + traceId + ", span 0000000000000001) is out of range, and no span of the"
					+ " request was stored: start 1 + duration 9223372036854775807: ends after 2255-06-05T23:47:34.740991Z");
		assertThat(problem.get("trace_id").asString()).isEqualTo(traceId);
		assertThat(problem.get("span_id").asString()).isEqualTo("0000000000000001");
		assertThat(store.trace(TraceId.parseHex(traceId))).isEmpty();
		assertThat(get("/api/traces?limit=1").statusCode()).isEqualTo(200);
	}

	/** The same span through OTLP's two encodings: the same partial_success, the same reason. */
	@Test
	void otlp_startOf2Pow64Minus1Or2Pow63Minus1_isRejectedAlikeInProtobufAndJson() throws Exception {
		for (long startNanos : new long[] { -1L, Long.MAX_VALUE }) {
			List<String> messages = new ArrayList<>();
			for (Intake intake : List.of(Intake.OTLP_PROTOBUF, Intake.OTLP_JSON)) {
				String traceId = String.format(Locale.ROOT, "0bad%028x", Math.abs(startNanos) + intake.ordinal());
				ExportTraceServiceResponse answer = export(intake, traceId, startNanos, 0, 0, 0);
				assertThat(answer.getPartialSuccess().getRejectedSpans()).as(intake + " " + startNanos).isEqualTo(1);
				messages.add(answer.getPartialSuccess().getErrorMessage().replace(traceId, "T"));
				assertThat(store.trace(TraceId.parseHex(traceId))).as("the child, without times, is kept").extracting(Span::id)
					.containsExactly("0000000000000002");
			}
			assertThat(messages.get(0)).isEqualTo(messages.get(1))
				.contains("start_time_unix_nano " + Long.toUnsignedString(startNanos))
				.contains("after 2255-06-05T23:47:34.740991Z");
		}
	}

	/** Stored before the rule: the list and the trace's documents still answer, with saturated times. */
	@Test
	void storedPastTheRule_listAndTraceAnswer200() throws Exception {
		String traceId = "0bad0bad0bad0bad0bad0bad0bad0bae";
		store.accept(List.of(zipkinSpan(traceId, 1, 0, 1, Long.MAX_VALUE),
				zipkinSpan(traceId, 2, 1, Long.MAX_VALUE, Long.MAX_VALUE)));

		assertTraceReadable(traceId, "stored past the rule");
		JsonNode list = JSON.readTree(get("/api/traces?limit=1000").body());
		JsonNode summary = null;
		for (JsonNode trace : list.get("traces")) {
			if (trace.get("trace_id").asString().equals(traceId)) {
				summary = trace;
			}
		}
		assertThat(summary).as("listed").isNotNull();
		assertThat(summary.get("duration").asLong()).isEqualTo(Long.MAX_VALUE - 1);
		assertThat(summary.get("problem").isNull()).isTrue();
	}

	private boolean zipkin(Intake intake, String traceId, long rootStart, long rootDuration, long childStart,
			long childDuration, String description) throws Exception {
		// Zipkin's builder keeps what its decoders keep: a negative time or duration is "none"
		List<Span> spans = List.of(zipkinSpan(traceId, 1, 0, rootStart, rootDuration),
				zipkinSpan(traceId, 2, 1, childStart, childDuration));
		HttpResponse<String> response = (intake == Intake.ZIPKIN_JSON)
				? post("/api/v2/spans", "application/json", rawZipkinJson(traceId, rootStart, rootDuration, childStart,
						childDuration))
				: post("/api/v2/spans", "application/x-protobuf", SpanBytesEncoder.PROTO3.encodeList(spans));
		boolean valid = spans.stream().allMatch((span) -> SpanTimes.valid(span.timestampAsLong(), span.durationAsLong()));
		assertThat(response.statusCode()).as(description + ": " + response.body()).isEqualTo(valid ? 202 : 400);
		if (!valid) {
			assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(response.body()).get("detail").asString()).as(description)
				.contains("(trace " + traceId + ", span 000000000000000");
			assertThat(store.trace(TraceId.parseHex(traceId))).as(description + ": nothing of a refused request is stored").isEmpty();
		}
		return valid;
	}

	/** The times as the JSON carries them, negative ones too: the codec, not this test, decides what they mean. */
	private static byte[] rawZipkinJson(String traceId, long rootStart, long rootDuration, long childStart,
			long childDuration) {
		return ("[{\"traceId\":\"" + traceId + "\",\"id\":\"0000000000000001\",\"name\":\"root\",\"timestamp\":"
				+ rootStart + ",\"duration\":" + rootDuration + ",\"localEndpoint\":{\"serviceName\":\"x\"}},"
				+ "{\"traceId\":\"" + traceId + "\",\"id\":\"0000000000000002\",\"parentId\":\"0000000000000001\","
				+ "\"name\":\"child\",\"kind\":\"CLIENT\",\"timestamp\":" + childStart + ",\"duration\":" + childDuration
				+ ",\"localEndpoint\":{\"serviceName\":\"x\"},\"tags\":{\"http.method\":\"GET\",\"http.path\":\"/p\"}}]")
			.getBytes(StandardCharsets.UTF_8);
	}

	private boolean otlp(Intake intake, String traceId, long rootStart, long rootEnd, long childStart, long childEnd,
			String description) throws Exception {
		ExportTraceServiceResponse answer = export(intake, traceId, rootStart, rootEnd, childStart, childEnd);
		long rejected = answer.getPartialSuccess().getRejectedSpans();
		assertThat(rejected).as(description).isBetween(0L, 2L);
		if (rejected > 0) {
			assertThat(answer.getPartialSuccess().getErrorMessage()).as(description)
				.contains("trace " + traceId + ", span 000000000000000");
		}
		assertThat(store.trace(TraceId.parseHex(traceId))).as(description).hasSize(2 - (int) rejected);
		return rejected < 2;
	}

	private ExportTraceServiceResponse export(Intake intake, String traceId, long rootStart, long rootEnd,
			long childStart, long childEnd) throws Exception {
		ExportTraceServiceRequest request = OtlpTestObjects.request("checkout",
				otlpSpan(traceId, "0000000000000001", "", rootStart, rootEnd),
				otlpSpan(traceId, "0000000000000002", "0000000000000001", childStart, childEnd));
		OtlpFormat format = (intake == Intake.OTLP_PROTOBUF) ? OtlpFormat.PROTOBUF : OtlpFormat.JSON;
		byte[] body = (intake == Intake.OTLP_PROTOBUF) ? request.toByteArray() : otlpJson(request);
		HttpResponse<String> response = post("/v1/traces", format.mediaType(), body);
		assertThat(response.statusCode()).as(intake + ": " + response.body()).isEqualTo(200);
		ExportTraceServiceResponse.Builder answer = ExportTraceServiceResponse.newBuilder();
		if (intake == Intake.OTLP_PROTOBUF) {
			answer.mergeFrom(response.body().getBytes(StandardCharsets.ISO_8859_1));
		}
		else {
			com.google.protobuf.util.JsonFormat.parser().merge(response.body(), answer);
		}
		return answer.build();
	}

	/** OTLP/JSON as an SDK writes it: ids in hex, times as decimal strings of the unsigned value. */
	private static byte[] otlpJson(ExportTraceServiceRequest request) {
		StringBuilder spans = new StringBuilder();
		for (io.opentelemetry.proto.trace.v1.Span span : request.getResourceSpans(0).getScopeSpans(0).getSpansList()) {
			spans.append(spans.isEmpty() ? "" : ",")
				.append("{\"traceId\":\"").append(hex(span.getTraceId()))
				.append("\",\"spanId\":\"").append(hex(span.getSpanId()))
				.append("\",\"parentSpanId\":\"").append(hex(span.getParentSpanId()))
				.append("\",\"name\":\"n\",\"kind\":3,\"startTimeUnixNano\":\"")
				.append(Long.toUnsignedString(span.getStartTimeUnixNano()))
				.append("\",\"endTimeUnixNano\":\"").append(Long.toUnsignedString(span.getEndTimeUnixNano()))
				.append("\"}");
		}
		return ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
				+ "{\"stringValue\":\"checkout\"}}]},\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String hex(com.google.protobuf.ByteString bytes) {
		return java.util.HexFormat.of().formatHex(bytes.toByteArray());
	}

	private static io.opentelemetry.proto.trace.v1.Span otlpSpan(String traceId, String spanId, String parentId,
			long startNanos, long endNanos) {
		return OtlpTestObjects
			.span(traceId, spanId, parentId, "n", io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT, 0, 0)
			.setStartTimeUnixNano(startNanos)
			.setEndTimeUnixNano(endNanos)
			.build();
	}

	private static Span zipkinSpan(String traceId, long id, long parent, long timestamp, long duration) {
		Span.Builder span = Span.newBuilder()
			.traceId(traceId)
			.id(id)
			.name((parent == 0) ? "root" : "child")
			.kind((parent == 0) ? Span.Kind.SERVER : Span.Kind.CLIENT)
			.localEndpoint(Endpoint.newBuilder().serviceName("x").build())
			.putTag("http.method", "GET")
			.putTag("http.path", "/p")
			.timestamp(timestamp)
			.duration(duration);
		if (parent != 0) {
			span.parentId(parent);
		}
		return span.build();
	}

	/** An edge, an edge's neighbour, or any long. */
	private static long time(SplittableRandom random) {
		return switch (random.nextInt(4)) {
			case 0, 1 -> EDGES[random.nextInt(EDGES.length)];
			case 2 -> EDGES[random.nextInt(EDGES.length)] + random.nextInt(-2, 3);
			default -> random.nextBoolean() ? random.nextLong() : random.nextLong(0, SpanTimes.MAX_MICROS);
		};
	}

	private static long nanos(SplittableRandom random) {
		return switch (random.nextInt(4)) {
			case 0, 1 -> NANO_EDGES[random.nextInt(NANO_EDGES.length)];
			case 2 -> NANO_EDGES[random.nextInt(NANO_EDGES.length)] + random.nextInt(-2, 3);
			default -> random.nextBoolean() ? random.nextLong() : random.nextLong(0, SpanTimes.MAX_MICROS * 1000);
		};
	}

	/** Every document the trace page reads (static/viewer/api.js), and the Zipkin and nested ones. */
	private void assertTraceReadable(String traceId, String description) throws Exception {
		for (String path : List.of("/api/traces/" + traceId, "/api/traces/" + traceId + "/view",
				"/api/traces/" + traceId + "/breaks", "/api/traces/" + traceId + "/find?q=child",
				"/api/traces/" + traceId + "/spans/" + firstStoredSpanId(traceId), "/api/v2/trace/" + traceId)) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(description + ": GET " + path + " -> " + response.body()).isEqualTo(200);
		}
	}

	private String firstStoredSpanId(String traceId) {
		return store.trace(TraceId.parseHex(traceId)).get(0).id();
	}

	private void assertListsReadable(String description) throws Exception {
		for (String path : List.of("/api/traces?limit=1000", "/api/traces?limit=1000&min_duration=1",
				"/api/breaks?limit=1000")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(description + ": GET " + path + " -> " + response.body()).isEqualTo(200);
		}
		for (JsonNode trace : JSON.readTree(get("/api/traces?limit=1000").body()).get("traces")) {
			assertThat(trace.get("problem").isNull()).as(description + ": " + trace).isTrue();
			assertThat(trace.get("duration").asLong()).as(description + ": " + trace).isNotNegative();
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
	}

	private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
	}

}
