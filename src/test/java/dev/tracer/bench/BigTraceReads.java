package dev.tracer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Many readers of one big trace at once, and what the service does meanwhile: the load of
 * {@code BigTraceReadsIT} and of {@code src/test/bench/big-trace-reads.sh}.
 *
 * <ol>
 * <li>Posts one trace of {@code spans} spans to {@code POST /api/v2/spans} (proto3, 5,000 a batch): a
 * tree where span i's parent is span (i - 1) / 8, so about 7 levels for 90,000 spans, with a service,
 * a name, a kind, a duration and two tags each.</li>
 * <li>Starts {@code readers} readers together, each reading the trace ({@code GET /api/traces/{id}} or
 * its {@code /view}) gzipped, as a browser asks, and checking the body as it streams in: complete JSON
 * with every span. A reader refused with 503 waits its {@code Retry-After} and asks again, until it
 * has read the trace or the deadline passes (a zero deadline: each reader asks once).</li>
 * <li>Meanwhile, four times a second, asks for health, posts one span to the intake and asks for
 * {@code GET /api/data}, timing each answer.</li>
 * </ol>
 *
 * With {@code gcLog} (a file the service writes with {@code -Xlog:gc:file=...}), the report gives the
 * largest heap left after a collection while the readers ran, and how many full collections there were.
 *
 * <pre>
 * java -cp ... dev.tracer.bench.BigTraceReads BASE_URL SPANS READERS document|view DEADLINE_SECONDS [GC_LOG]
 * </pre>
 */
public final class BigTraceReads {

	private static final int BATCH = 5_000;

	private static final int FAN_OUT = 8;

	private static final Duration WATCH_EVERY = Duration.ofMillis(250);

	/** The document nests two JSON levels per span level; the default read limit is far above 7 levels. */
	private static final JsonFactory JSON = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).maxStringLength(Integer.MAX_VALUE).build())
		.build();

	/** A G1 or Parallel log line of {@code -Xlog:gc}: {@code Pause Young (Normal) (...) 300M->120M(512M)}. */
	private static final Pattern GC_LINE = Pattern.compile("Pause (\\w+).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

	/** Which document the readers ask for. */
	public enum Document {

		/** {@code GET /api/traces/{id}}: the nested tree, checked by counting its nodes. */
		DOCUMENT(""),

		/** {@code GET /api/traces/{id}/view}: the flat columns, checked by the length of its id column. */
		VIEW("/view");

		private final String suffix;

		Document(String suffix) {
			this.suffix = suffix;
		}

	}

	/**
	 * What the load saw.
	 *
	 * @param whole reads answered 200 with complete JSON holding every span
	 * @param refused answers 503 {@code application/problem+json} with {@code Retry-After}
	 * @param otherReads any other answer or failure of a read, with how many times it came
	 * @param readers readers started together
	 * @param readersDone readers that read the whole trace before the deadline
	 * @param readSeconds from the readers' start to the last reader's end
	 * @param healthMillis health's answer times, in the order asked
	 * @param healthFailures health answers other than 200 UP, and failures to answer
	 * @param intakeAccepted single-span posts answered 202
	 * @param intakeOther other answers of the intake, with how many times
	 * @param dataMillis {@code GET /api/data}'s answer times
	 * @param dataFailures answers of {@code /api/data} other than 200 (or a 502/504 problem: the backend
	 * too slow on a starved machine), and failures to answer
	 * @param maxHeapAfterGcMb the largest heap in use after a collection while the readers ran, -1 without
	 * a GC log
	 * @param fullCollections full collections while the readers ran, -1 without a GC log
	 */
	public record Report(int whole, int refused, Map<String, Integer> otherReads, int readers, int readersDone, double readSeconds,
			List<Long> healthMillis, List<String> healthFailures, int intakeAccepted, Map<String, Integer> intakeOther,
			List<Long> dataMillis, List<String> dataFailures, long maxHeapAfterGcMb, int fullCollections) {

		/** One line of figures: reads, health and intake answers, heap. */
		public String summary() {
			return String.format(Locale.ROOT,
					"reads: %d whole, %d refused (503), %d other %s, %d/%d readers done in %.1f s; health: %d answers,"
							+ " median %d ms, max %d ms, %d failures; intake: %d accepted, other %s; /api/data: median %d ms,"
							+ " max %d ms, %d failures; heap after GC while reading: max %d MB, %d full GCs",
					whole, refused, otherReads.values().stream().mapToInt(Integer::intValue).sum(), otherReads.keySet(),
					readersDone, readers, readSeconds, healthMillis.size(), median(healthMillis), max(healthMillis),
					healthFailures.size(), intakeAccepted, intakeOther, median(dataMillis), max(dataMillis),
					dataFailures.size(), maxHeapAfterGcMb, fullCollections);
		}

		/** The same figures as {@code key=value} words, for a script to gather over runs. */
		public String figures() {
			return String.format(Locale.ROOT,
					"whole=%d refused=%d other=%d readers_done=%d read_seconds=%.1f health_median_ms=%d health_max_ms=%d"
							+ " health_failures=%d intake_accepted=%d intake_other=%d data_median_ms=%d data_max_ms=%d"
							+ " data_failures=%d heap_after_gc_max_mb=%d full_gcs=%d",
					whole, refused, otherReads.values().stream().mapToInt(Integer::intValue).sum(), readersDone,
					readSeconds, median(healthMillis), max(healthMillis), healthFailures.size(), intakeAccepted,
					intakeOther.values().stream().mapToInt(Integer::intValue).sum(), median(dataMillis), max(dataMillis),
					dataFailures.size(), maxHeapAfterGcMb, fullCollections);
		}

		private static long median(List<Long> values) {
			if (values.isEmpty()) {
				return -1;
			}
			List<Long> sorted = values.stream().sorted().toList();
			return sorted.get(sorted.size() / 2);
		}

		private static long max(List<Long> values) {
			return values.stream().mapToLong(Long::longValue).max().orElse(-1);
		}

	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final int spans;

	private final String traceId;

	public BigTraceReads(String base, int spans, String traceId) {
		this.base = base;
		this.spans = spans;
		this.traceId = traceId;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 5) {
			System.err.println("usage: BigTraceReads BASE_URL SPANS READERS document|view DEADLINE_SECONDS [GC_LOG]");
			System.exit(2);
		}
		BigTraceReads load = new BigTraceReads(args[0], Integer.parseInt(args[1]), "b16b16b16b16b16b" + "0000000000000001");
		long postStart = System.nanoTime();
		load.postTrace();
		System.out.printf(Locale.ROOT, "posted %d spans in %.1f s%n", load.spans, (System.nanoTime() - postStart) / 1e9);
		Report report = load.read(Integer.parseInt(args[2]), Document.valueOf(args[3].toUpperCase(Locale.ROOT)),
				Duration.ofSeconds(Long.parseLong(args[4])), (args.length > 5) ? Path.of(args[5]) : null);
		System.out.println(report.summary());
		System.out.println("FIGURES " + report.figures());
		if (!report.otherReads().isEmpty() || !report.intakeOther().isEmpty()) {
			System.out.println("other answers: reads " + report.otherReads() + "; intake " + report.intakeOther());
		}
	}

	/**
	 * Posts the trace, 5,000 spans a request.
	 *
	 * @throws IllegalStateException if a post is not answered 202
	 */
	public void postTrace() throws IOException, InterruptedException {
		List<Span> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < spans; i++) {
			batch.add(span(i));
			if (batch.size() == BATCH || i == spans - 1) {
				HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/spans"))
					.header("Content-Type", "application/x-protobuf")
					.timeout(Duration.ofSeconds(60))
					.POST(HttpRequest.BodyPublishers.ofByteArray(SpanBytesEncoder.PROTO3.encodeList(batch)))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() != 202) {
					throw new IllegalStateException("posting the trace: " + answer.statusCode() + " " + answer.body());
				}
				batch.clear();
			}
		}
	}

	private Span span(int i) {
		Span.Builder span = Span.newBuilder()
			.traceId(traceId)
			.id(i + 1L)
			.name("get /api/items/" + (i % 50))
			.kind((i % 2 == 0) ? Span.Kind.SERVER : Span.Kind.CLIENT)
			.localEndpoint(Endpoint.newBuilder().serviceName("service-" + (i % 7)).build())
			.timestamp(1_700_000_000_000_000L + i)
			.duration(1_000L + (i % 100))
			.putTag("http.method", "GET")
			.putTag("http.path", "/api/items/" + i);
		if (i > 0) {
			span.parentId((i - 1) / FAN_OUT + 1L);
		}
		return span.build();
	}

	/**
	 * Runs the readers and the watcher until every reader is done or the deadline passes.
	 *
	 * @param readers how many read at once
	 * @param document which document they read
	 * @param deadline how long a reader keeps asking after a refusal; zero: each reader asks once
	 * @param gcLog the service's {@code -Xlog:gc} file, or null
	 */
	public Report read(int readers, Document document, Duration deadline, Path gcLog) throws Exception {
		long gcLogStart = (gcLog != null) ? Files.size(gcLog) : 0;
		AtomicInteger whole = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		Map<String, Integer> otherReads = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<Long> healthMillis = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> healthFailures = new ConcurrentLinkedQueue<>();
		AtomicInteger intakeAccepted = new AtomicInteger();
		Map<String, Integer> intakeOther = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<Long> dataMillis = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> dataFailures = new ConcurrentLinkedQueue<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		long end = System.nanoTime() + deadline.toNanos();
		String url = base + "/api/traces/" + traceId + document.suffix;

		ExecutorService executor = Executors.newFixedThreadPool(readers + 1);
		long start = System.nanoTime();
		try {
			Future<?> watcher = executor.submit(() -> {
				int round = 0;
				while (reading.get()) {
					watch(round++, healthMillis, healthFailures, intakeAccepted, intakeOther, dataMillis, dataFailures);
					Thread.sleep(WATCH_EVERY.toMillis());
				}
				return null;
			});
			CountDownLatch together = new CountDownLatch(1);
			List<Future<?>> reads = new ArrayList<>();
			for (int r = 0; r < readers; r++) {
				reads.add(executor.submit(() -> {
					together.await();
					do {
						Answer answer = readOnce(url, document);
						if (answer.whole()) {
							whole.incrementAndGet();
							done.incrementAndGet();
							return null;
						}
						if (answer.retryAfterSeconds() > 0) {
							refused.incrementAndGet();
							Thread.sleep(Math.min(answer.retryAfterSeconds() * 1000,
									Math.max(0, (end - System.nanoTime()) / 1_000_000)));
						}
						else {
							otherReads.merge(answer.other(), 1, Integer::sum);
							return null;
						}
					}
					while (System.nanoTime() < end);
					return null;
				}));
			}
			together.countDown();
			for (Future<?> read : reads) {
				read.get();
			}
			reading.set(false);
			watcher.get();
		}
		finally {
			reading.set(false);
			executor.shutdownNow();
		}
		double readSeconds = (System.nanoTime() - start) / 1e9;
		long[] heap = (gcLog != null) ? heapAfterGc(gcLog, gcLogStart) : new long[] { -1, -1 };
		return new Report(whole.get(), refused.get(), Map.copyOf(otherReads), readers, done.get(), readSeconds,
				List.copyOf(healthMillis), List.copyOf(healthFailures), intakeAccepted.get(), Map.copyOf(intakeOther),
				List.copyOf(dataMillis), List.copyOf(dataFailures), heap[0], (int) heap[1]);
	}

	/** A read's outcome: whole, refused with a Retry-After, or something else, described. */
	private record Answer(boolean whole, long retryAfterSeconds, String other) {
	}

	private Answer readOnce(String url, Document document) {
		try {
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Accept-Encoding", "gzip")
				.timeout(Duration.ofSeconds(120))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			try (InputStream body = decoded(response)) {
				if (response.statusCode() == 200) {
					long counted = (document == Document.DOCUMENT) ? countNodes(body) : countRows(body);
					return (counted == spans) ? new Answer(true, 0, null)
							: new Answer(false, 0, "200 with " + counted + " of " + spans + " spans");
				}
				String text = new String(body.readNBytes(2_000), StandardCharsets.UTF_8);
				String retryAfter = response.headers().firstValue("Retry-After").orElse("");
				if (response.statusCode() == 503 && contentType.startsWith("application/problem+json")
						&& retryAfter.matches("[1-9][0-9]*") && text.contains("\"detail\"")) {
					return new Answer(false, Long.parseLong(retryAfter), null);
				}
				return new Answer(false, 0, response.statusCode() + " " + contentType + " " + text);
			}
		}
		catch (IOException | RuntimeException ex) {
			return new Answer(false, 0, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(false, 0, ex.toString());
		}
	}

	private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
		boolean gzipped = response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
		return gzipped ? new GZIPInputStream(response.body(), 64 * 1024) : response.body();
	}

	/**
	 * The nodes of a nested document, by their {@code span_id} names below {@code tree}; throws if the
	 * JSON is cut short or malformed. Streams: holds no more than one token.
	 */
	private static long countNodes(InputStream body) {
		long nodes = 0;
		boolean inTree = false;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					if (name.equals("tree") && parser.streamReadContext().getParent().inRoot()) {
						inTree = true;
					}
					else if (inTree && name.equals("span_id")) {
						nodes++;
					}
					else if (name.equals("breaks") && parser.streamReadContext().getParent().inRoot()) {
						inTree = false;
					}
				}
			}
		}
		return nodes;
	}

	/** The rows of a flat view, by the length of its {@code span_ids} column; throws as above. */
	private static long countRows(InputStream body) {
		long rows = -1;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.PROPERTY_NAME && parser.currentName().equals("span_ids")) {
					parser.nextToken();
					rows = parser.getString().length() / 16;
				}
			}
		}
		return rows;
	}

	private void watch(int round, ConcurrentLinkedQueue<Long> healthMillis, ConcurrentLinkedQueue<String> healthFailures,
			AtomicInteger intakeAccepted, Map<String, Integer> intakeOther, ConcurrentLinkedQueue<Long> dataMillis,
			ConcurrentLinkedQueue<String> dataFailures) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> health = get(base + "/actuator/health");
			healthMillis.add((System.nanoTime() - start) / 1_000_000);
			if (health.statusCode() != 200 || !health.body().contains("\"UP\"")) {
				healthFailures.add(health.statusCode() + " " + health.body());
			}
		}
		catch (IOException | InterruptedException ex) {
			healthMillis.add((System.nanoTime() - start) / 1_000_000);
			healthFailures.add(ex.toString());
		}
		try {
			String json = "[{\"traceId\":\"" + String.format(Locale.ROOT, "5a5a5a5a5a5a5a5a%016x", round + 1)
					+ "\",\"id\":\"000000000000000a\",\"name\":\"watch\",\"localEndpoint\":{\"serviceName\":\"watcher\"}}]";
			HttpResponse<String> intake = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/spans"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (intake.statusCode() == 202) {
				intakeAccepted.incrementAndGet();
			}
			else {
				intakeOther.merge(intake.statusCode() + " " + intake.body(), 1, Integer::sum);
			}
		}
		catch (IOException | InterruptedException ex) {
			intakeOther.merge(ex.toString(), 1, Integer::sum);
		}
		long dataStart = System.nanoTime();
		try {
			HttpResponse<String> data = get(base + "/api/data");
			dataMillis.add((System.nanoTime() - dataStart) / 1_000_000);
			boolean downstreamProblem = (data.statusCode() == 502 || data.statusCode() == 504)
					&& data.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
			if (data.statusCode() != 200 && !downstreamProblem) {
				dataFailures.add(data.statusCode() + " " + data.body());
			}
		}
		catch (IOException | InterruptedException ex) {
			dataMillis.add((System.nanoTime() - dataStart) / 1_000_000);
			dataFailures.add(ex.toString());
		}
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** {max heap after a collection in MB, full collections} of the log lines written since {@code from}. */
	private static long[] heapAfterGc(Path gcLog, long from) throws IOException {
		long max = 0;
		long full = 0;
		try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
			file.seek(from);
			for (String line = file.readLine(); line != null; line = file.readLine()) {
				Matcher matcher = GC_LINE.matcher(line);
				if (matcher.find()) {
					max = Math.max(max, Long.parseLong(matcher.group(3)));
					if (matcher.group(1).equals("Full")) {
						full++;
					}
				}
			}
		}
		return new long[] { max, full };
	}

}
