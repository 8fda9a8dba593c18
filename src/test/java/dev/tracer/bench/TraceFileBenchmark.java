package dev.tracer.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;

import dev.tracer.api.TraceView;
import dev.tracer.core.tree.TraceTree;
import dev.tracer.intake.files.TraceFile;
import dev.tracer.intake.files.TraceFiles;
import dev.tracer.intake.otlp.OtlpWriter;
import dev.tracer.store.StoredSpan;
import dev.tracer.store.ZipkinJson;

/**
 * What opening a file of one big trace adds to showing it: {@link TraceFiles#read} of the file's bytes
 * (the format found, every span read and checked), beside {@code view}, the viewer's document of the same
 * trace once stored ({@link TraceView#of}, what {@code GET /api/traces/{id}/view} costs every stored trace).
 *
 * <pre>{@code
 * zipkin   Zipkin v2 JSON, a list of spans, as Zipkin's codec writes it
 * jaeger   Jaeger JSON, {"data": [trace]}, 8 processes, tags as Jaeger writes them
 * otlp     OTLP/JSON, one document, as OtlpWriter writes it
 * }</pre>
 *
 * The trace: span i's parent is span (i - 1) / 8, eight services, a kind and four tags each. Average ms/op,
 * one fork with {@code -Xmx2g}, 2 warm-up and 5 measured iterations of 2 s. The file sizes are printed
 * at setup.
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 2)
public class TraceFileBenchmark extends BigInputBenchmark {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final long START_MICROS = 1_767_225_600_000_000L;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Param({ "100000" })
	int spans;

	@Param({ "zipkin", "jaeger", "otlp" })
	String format;

	private byte[] file;

	private List<Span> trace;

	@Setup
	public void setUp() {
		trace = new ArrayList<>(spans);
		for (int i = 0; i < spans; i++) {
			Span.Builder span = Span.newBuilder()
				.traceId(TRACE_ID)
				.id(String.format("%016x", i + 1))
				.name("get /api/" + (i % 50))
				.kind((i % 2 == 0) ? Span.Kind.SERVER : Span.Kind.CLIENT)
				.localEndpoint(Endpoint.newBuilder().serviceName("service-" + (i % 8)).build())
				.timestamp(START_MICROS + i)
				.duration(1000L + (spans - i))
				.putTag("http.method", "GET")
				.putTag("http.path", "/api/" + (i % 50))
				.putTag("http.status_code", "200")
				.putTag("w3c.traceparent.valid", "true");
			if (i > 0) {
				span.parentId(String.format("%016x", (i - 1) / 8 + 1));
			}
			trace.add(span.build());
		}
		file = switch (format) {
			case "zipkin" -> ZipkinJson.encode(trace);
			case "otlp" -> OtlpWriter.json(trace);
			case "jaeger" -> jaeger(trace);
			default -> throw new IllegalArgumentException(format);
		};
		System.out.printf("%n%s file of %,d spans: %,d bytes%n", format, spans, file.length);
	}

	/** Jaeger's download shape, as its query API writes it. */
	private static byte[] jaeger(List<Span> trace) {
		Map<String, Object> processes = new LinkedHashMap<>();
		for (int p = 0; p < 8; p++) {
			processes.put("p" + p, Map.of("serviceName", "service-" + p, "tags",
					List.of(Map.of("key", "hostname", "type", "string", "value", "host-" + p))));
		}
		List<Object> spans = new ArrayList<>(trace.size());
		for (int i = 0; i < trace.size(); i++) {
			Span span = trace.get(i);
			List<Object> tags = new ArrayList<>();
			span.tags().forEach((key, value) -> tags.add(Map.of("key", key, "type", "string", "value", value)));
			tags.add(Map.of("key", "span.kind", "type", "string", "value", span.kind().name().toLowerCase()));
			Map<String, Object> jaeger = new LinkedHashMap<>();
			jaeger.put("traceID", span.traceId());
			jaeger.put("spanID", span.id());
			jaeger.put("operationName", span.name());
			jaeger.put("references", (span.parentId() == null) ? List.of()
					: List.of(Map.of("refType", "CHILD_OF", "traceID", span.traceId(), "spanID", span.parentId())));
			jaeger.put("startTime", span.timestampAsLong());
			jaeger.put("duration", span.durationAsLong());
			jaeger.put("tags", tags);
			jaeger.put("logs", List.of());
			jaeger.put("processID", "p" + (i % 8));
			jaeger.put("warnings", null);
			spans.add(jaeger);
		}
		Map<String, Object> data = Map.of("traceID", TRACE_ID, "spans", spans, "processes", processes);
		return JSON.writeValueAsString(Map.of("data", List.of(data))).getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public TraceFile read() {
		return TraceFiles.read(file);
	}

	/** The stored trace's own cost, the same for every format: here only to compare with. */
	@Benchmark
	public TraceView view() {
		return TraceView.of(TraceTree.build(StoredSpan.rpcs(trace)));
	}

}
