package dev.tracer.intake.files;

/** The three trace file formats tracer opens, by the name a person knows them by. */
public enum TraceFileFormat {

	/** Zipkin v2 JSON: a list of spans ({@code POST /api/v2/spans}) or of traces ({@code GET /api/v2/traces}). */
	ZIPKIN("Zipkin v2 JSON"),

	/** Jaeger's JSON: {@code {"data": [{"traceID", "spans", "processes"}]}}, as Jaeger UI downloads it. */
	JAEGER("Jaeger JSON"),

	/** OTLP/JSON: {@code {"resourceSpans": [...]}}, one document or one per line (a Collector's file exporter). */
	OTLP("OTLP/JSON");

	/** The three shapes, for a message about a file that is none of them. */
	static final String SHAPES = "Zipkin v2 JSON (a list of spans, or a list of traces), "
			+ "Jaeger JSON (an object with \"data\": a list of traces with \"spans\" and \"processes\"), "
			+ "or OTLP/JSON (an object with \"resourceSpans\", one document or one per line)";

	private final String displayName;

	TraceFileFormat(String displayName) {
		this.displayName = displayName;
	}

	/** The format's name in messages, e.g. {@code Jaeger JSON}. */
	public String displayName() {
		return this.displayName;
	}

}
