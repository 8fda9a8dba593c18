package dev.tracer.core.findings;

import java.util.Locale;

/** How the findings name spans, durations and shares in their evidence. */
final class Words {

	private Words() {
	}

	/** {@code frontend "GET /orders"}: the service and the name, what a reader finds in the waterfall. */
	static String span(FindingSpan span) {
		String service = (span.localService() != null) ? span.localService() : "(unknown service)";
		String name = (span.name() != null && !span.name().isEmpty()) ? span.name() : "(unnamed)";
		return service + " \"" + name + "\"";
	}

	/** Microseconds as people read them: {@code 850 µs}, {@code 12.3 ms}, {@code 4.20 s}. */
	static String micros(long micros) {
		if (micros < 1_000L) {
			return micros + " µs";
		}
		if (micros < 1_000_000L) {
			return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
		}
		return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
	}

	/** A share as a whole percentage: {@code 97%}. */
	static String percent(double share) {
		return Math.round(share * 100.0) + "%";
	}

	/**
	 * What a failed span says of its error: the {@code error} tag unless it only says "true", else the
	 * HTTP status, else the exception's message or type; null when it says nothing.
	 */
	static String errorMessage(FindingSpan span) {
		String error = span.tag("error");
		if (error != null && !error.isBlank() && !error.equalsIgnoreCase("true")) {
			return error;
		}
		String status = span.tag("http.status_code");
		if (status != null) {
			return "HTTP " + status;
		}
		String message = span.tag("exception.message");
		return (message != null) ? message : span.tag("exception.type");
	}

	/**
	 * Whether a span says its failure was a timeout: status 504 or 408, gRPC's DEADLINE_EXCEEDED, or
	 * "timeout", "timed out" or "deadline" in what it says of its error.
	 */
	static boolean saysTimeout(FindingSpan span) {
		String status = span.tag("http.status_code");
		if ("504".equals(status) || "408".equals(status)) {
			return true;
		}
		String grpc = span.tag("rpc.grpc.status_code");
		if ("4".equals(grpc) || "DEADLINE_EXCEEDED".equals(span.tag("grpc.status_code"))) {
			return true;
		}
		for (String key : new String[] { "error", "exception.message", "exception.type", "otel.status_description" }) {
			String value = span.tag(key);
			if (value != null) {
				String text = value.toLowerCase(Locale.ROOT);
				if (text.contains("timeout") || text.contains("timed out") || text.contains("deadline")) {
					return true;
				}
			}
		}
		return false;
	}

}
