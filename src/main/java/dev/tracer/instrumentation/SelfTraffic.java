package dev.tracer.instrumentation;

import java.util.List;

/**
 * The one rule for what is tracer's own traffic rather than the user's: the viewer's files and tracer's
 * API ({@code /api/traces/**}, {@code /api/breaks/**}, {@code /api/traceparent/**}, {@code /api/propagation/**},
 * and {@code /api/files}, where the viewer opens a trace file). The demo's
 * {@code /api/data} and the W3C harness's {@code /test} are services being traced, not tracer reading
 * its store. {@code SelfTrafficTest} fails when a controller of {@code dev.tracer.api} answers a path this
 * rule does not cover.
 */
final class SelfTraffic {

	/** Whole path segments: {@code /api/traces} and {@code /api/traces/x} are tracer's, {@code /api/tracesx} is not. */
	private static final List<String> API_PREFIXES = List.of("/api/traces", "/api/breaks", "/api/traceparent",
			"/api/propagation", "/api/files");

	private SelfTraffic() {
	}

	/** Whether a request to this path (without the context path) is the viewer or tracer's own API. */
	static boolean isOwn(String path) {
		return isViewerFile(path) || isOwnApi(path);
	}

	static boolean isViewerFile(String path) {
		return path.equals("/") || path.equals("/index.html") || path.startsWith("/viewer/")
				|| path.startsWith("/favicon.") || path.startsWith("/propagation.");
	}

	static boolean isOwnApi(String path) {
		for (String prefix : API_PREFIXES) {
			if (path.startsWith(prefix)
					&& (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
				return true;
			}
		}
		return false;
	}

}
