package dev.tracer.core.breaks;

import java.util.Locale;

/**
 * The HTTP request a client span made or a server span served, read from the tags the usual
 * instrumentations write, so that a call can be matched with the request that arrived.
 *
 * <pre>{@code
 *                 method                   path (as requested)           route (a template)
 * Boot client     method=GET               http.url=http://h:8081/a/1   uri=/a/{id}
 * tracer server   http.method=GET          http.path=/a/1
 * OTel semconv    http.request.method=GET  url.path=/a/1, url.full=...  http.route=/a/{id}
 * }</pre>
 *
 * The first tag present in each column wins, left to right in {@link #of}'s order. A path never
 * carries the query or the fragment. Spring's {@code uri=none} (no template known) is no route.
 *
 * @param method the method in uppercase, or null when unknown
 * @param path the path as requested, or null when unknown
 * @param route the route template ({@code /api/traces/{traceId}}), or null when unknown
 */
public record HopRequest(String method, String path, String route) {

	/** A request of which nothing is known. */
	public static final HopRequest UNKNOWN = new HopRequest(null, null, null);

	/**
	 * The request as a span's tags describe it.
	 *
	 * @param span the span, never null
	 * @return the request, {@link #UNKNOWN} when no tag says anything
	 */
	public static HopRequest of(HopSpan span) {
		String method = first(span, "http.request.method", "http.method", "method");
		String path = first(span, "url.path", "http.path");
		if (path == null) {
			path = pathOfUrl(first(span, "url.full", "http.url"));
		}
		String route = first(span, "http.route", "uri");
		if (route != null && !route.startsWith("/")) {
			route = null;
		}
		if (method == null && path == null && route == null) {
			return UNKNOWN;
		}
		return new HopRequest((method == null) ? null : method.toUpperCase(Locale.ROOT), withoutQuery(path), withoutQuery(route));
	}

	/** Whether a path or a route is known: without one, a request cannot be told from another. */
	public boolean known() {
		return path != null || route != null;
	}

	/**
	 * Whether a call ({@code this}) and an arrived request may be the same: the methods are equal when
	 * both are known, and the paths are equal, or one side's path fits the other's route, or the routes
	 * are equal when neither has a path.
	 *
	 * @param served the request a server span served, never null
	 * @return whether the two may be one request
	 */
	public boolean matches(HopRequest served) {
		if (method != null && served.method != null && !method.equals(served.method)) {
			return false;
		}
		if (path != null && served.path != null) {
			return path.equals(served.path);
		}
		if (path != null && served.route != null) {
			return fits(path, served.route);
		}
		if (route != null && served.path != null) {
			return fits(served.path, route);
		}
		return route != null && route.equals(served.route);
	}

	/** {@code GET /api/data}: for the reasons a break gives. */
	public String describe() {
		String target = (path != null) ? path : (route != null) ? route : "an unknown path";
		return (method != null) ? method + " " + target : "to " + target;
	}

	/**
	 * Whether a path fits a route, segment by segment, a {@code {name}} segment standing for any one
	 * non-empty segment. {@code /a/1} fits {@code /a/{id}}; {@code /a/1/b} and {@code /a/} do not.
	 */
	static boolean fits(String path, String route) {
		int p = 0;
		int r = 0;
		while (p <= path.length() && r <= route.length()) {
			int pathEnd = segmentEnd(path, p);
			int routeEnd = segmentEnd(route, r);
			boolean variable = routeEnd - r >= 2 && route.charAt(r) == '{' && route.charAt(routeEnd - 1) == '}';
			if (variable ? pathEnd == p : !path.regionMatches(p, route, r, Math.max(pathEnd - p, routeEnd - r))) {
				return false;
			}
			if (pathEnd == path.length() || routeEnd == route.length()) {
				return pathEnd == path.length() && routeEnd == route.length();
			}
			p = pathEnd + 1;
			r = routeEnd + 1;
		}
		return false;
	}

	private static int segmentEnd(String text, int from) {
		int slash = text.indexOf('/', from);
		return (slash < 0) ? text.length() : slash;
	}

	private static String first(HopSpan span, String... keys) {
		for (String key : keys) {
			String value = span.tag(key);
			if (value != null && !value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

	/** {@code http://h:8081/a?q#f} gives {@code /a}; a URL without a path gives {@code /}; no URL, null. */
	static String pathOfUrl(String url) {
		if (url == null) {
			return null;
		}
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return url.startsWith("/") ? withoutQuery(url) : null;
		}
		int slash = url.indexOf('/', scheme + 3);
		int query = firstOf(url, scheme + 3);
		if (slash < 0 || (query >= 0 && query < slash)) {
			return "/";
		}
		return withoutQuery(url.substring(slash));
	}

	private static String withoutQuery(String path) {
		if (path == null) {
			return null;
		}
		int end = firstOf(path, 0);
		return (end < 0) ? path : path.substring(0, end);
	}

	/** The first {@code ?} or {@code #} at or after {@code from}, or -1. */
	private static int firstOf(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '?' || c == '#') {
				return i;
			}
		}
		return -1;
	}

}
