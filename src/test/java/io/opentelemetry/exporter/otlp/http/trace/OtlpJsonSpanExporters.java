package io.opentelemetry.exporter.otlp.http.trace;

import io.opentelemetry.exporter.internal.http.HttpExporterBuilder;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;

/**
 * The OpenTelemetry Java SDK's own OTLP/HTTP exporter, set to send OTLP/JSON. The Java SDK (1.62)
 * offers JSON only through its internal {@code HttpExporterBuilder.exportAsJson()}, and its
 * autoconfiguration knows {@code grpc} and {@code http/protobuf} only; this class lives in the
 * exporter's package to reach the builder's package-private constructor, so the bytes on the wire are
 * the SDK's own JSON marshaler's, not ours.
 */
public final class OtlpJsonSpanExporters {

	private OtlpJsonSpanExporters() {
	}

	/** A builder for an exporter to {@code endpoint} that writes {@code application/json}. */
	public static OtlpHttpSpanExporterBuilder jsonBuilder(String endpoint) {
		HttpExporterBuilder delegate = new HttpExporterBuilder(
				StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER, endpoint).exportAsJson();
		return new OtlpHttpSpanExporterBuilder(delegate, MemoryMode.IMMUTABLE_DATA);
	}

}
