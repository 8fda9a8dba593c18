package dev.tracer.core.findings;

import dev.tracer.core.breaks.HopSpan;

/**
 * What makes two calls "the same operation against the same downstream", the key N+1 groups by:
 * the downstream, then the most telling description of the operation the span has, with the values
 * that change from call to call taken out.
 *
 * <pre>{@code
 * tag                     span says                                   key
 * db.statement, or       select * from item where id = 42            db: select * from item where id = ?
 * db.query.text, sql.query ... where name = 'x' and n in (1, 2)        db: ... where name = ? and n in (?)
 * http.route              GET /items/{id}                             backend: GET /items/{id}
 * http.path (url.path)    GET /items/42, /items/9f3e...-uuid          backend: GET /items/{}
 * none of these           name "getItem"                              backend: getItem
 * }</pre>
 *
 * The downstream is the client span's remote service, else the span's own service. A batch (a statement
 * with several rows of VALUES, or {@code db.operation.batch.size} of 2 or more, OpenTelemetry's
 * attribute) has no key: calls that already carry many items are not one call per item.
 */
final class CallShape {

	private static final String[] STATEMENT_TAGS = { "db.statement", "db.query.text", "sql.query" };

	private CallShape() {
	}

	/** The call's key, or null for a batch. */
	static String key(FindingSpan span) {
		String target = (span.kind() == HopSpan.Kind.CLIENT && span.remoteService() != null) ? span.remoteService()
				: (span.localService() != null) ? span.localService() : "(unknown service)";
		String statement = statementOf(span);
		if (statement != null) {
			if (isBatch(span, statement)) {
				return null;
			}
			return target + ": " + statement(statement);
		}
		String method = span.tag("http.method");
		String prefix = target + ": " + ((method != null) ? method + " " : "");
		String route = span.tag("http.route");
		if (route != null) {
			return prefix + route;
		}
		String path = span.tag("http.path");
		if (path == null) {
			path = span.tag("url.path");
		}
		if (path != null) {
			return prefix + path(path);
		}
		return target + ": " + ((span.name() != null) ? span.name() : "(unnamed)");
	}

	/** The statement by OpenTelemetry's old and new names, or Brave's ({@code sql.query}, p6spy and MySQL). */
	private static String statementOf(FindingSpan span) {
		for (String key : STATEMENT_TAGS) {
			String statement = span.tag(key);
			if (statement != null) {
				return statement;
			}
		}
		return null;
	}

	private static boolean isBatch(FindingSpan span, String statement) {
		String size = span.tag("db.operation.batch.size");
		if (size != null) {
			try {
				if (Long.parseLong(size.trim()) >= 2) {
					return true;
				}
			}
			catch (NumberFormatException ex) {
				// not a number: the statement decides
			}
		}
		// several rows of VALUES: "(...), (" with only blanks between the rows
		int close = statement.indexOf(')');
		while (close >= 0) {
			int k = close + 1;
			while (k < statement.length() && Character.isWhitespace(statement.charAt(k))) {
				k++;
			}
			if (k < statement.length() && statement.charAt(k) == ',') {
				k++;
				while (k < statement.length() && Character.isWhitespace(statement.charAt(k))) {
					k++;
				}
				if (k < statement.length() && statement.charAt(k) == '(') {
					return true;
				}
			}
			close = statement.indexOf(')', close + 1);
		}
		return false;
	}

	/**
	 * A statement's shape: literals (quoted strings, numbers) and bind markers ({@code ?}, {@code $1},
	 * {@code :name}) become {@code ?}, a list of them in parentheses becomes {@code (?)}, runs of blanks
	 * one space, letters lowercase outside quotes. One pass over the characters, no regular expression:
	 * it runs once per child of every busy parent.
	 */
	static String statement(String statement) {
		StringBuilder shape = new StringBuilder(statement.length());
		int n = statement.length();
		int i = 0;
		while (i < n) {
			char c = statement.charAt(i);
			if (c == '\'') {
				i = skipQuoted(statement, i, c);
				shape.append('?');
			}
			else if (Character.isDigit(c) && !partOfWord(shape)) {
				while (i < n && (Character.isLetterOrDigit(statement.charAt(i)) || statement.charAt(i) == '.')) {
					i++;
				}
				shape.append('?');
			}
			else if (c == '?' || (c == '$' || c == ':') && i + 1 < n && Character.isLetterOrDigit(statement.charAt(i + 1))) {
				i++;
				while (i < n && (Character.isLetterOrDigit(statement.charAt(i)) || statement.charAt(i) == '_')) {
					i++;
				}
				shape.append('?');
			}
			else if (Character.isWhitespace(c)) {
				while (i < n && Character.isWhitespace(statement.charAt(i))) {
					i++;
				}
				if (shape.length() > 0) {
					shape.append(' ');
				}
			}
			else {
				shape.append(Character.toLowerCase(c));
				i++;
			}
		}
		return collapseLists(shape.toString().strip());
	}

	private static int skipQuoted(String text, int open, char quote) {
		int i = open + 1;
		while (i < text.length()) {
			if (text.charAt(i) == quote) {
				// a doubled quote is an escaped one
				if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return i;
	}

	private static boolean partOfWord(StringBuilder shape) {
		if (shape.length() == 0) {
			return false;
		}
		char last = shape.charAt(shape.length() - 1);
		return Character.isLetterOrDigit(last) || last == '_';
	}

	/** {@code (?, ?, ?)} and {@code (?,?)} become {@code (?)}: an IN list's length is a value too. */
	private static String collapseLists(String shape) {
		if (shape.indexOf("?,") < 0 && shape.indexOf("?, ") < 0) {
			return shape;
		}
		StringBuilder out = new StringBuilder(shape.length());
		int i = 0;
		while (i < shape.length()) {
			char c = shape.charAt(i);
			if (c == '(') {
				int k = i + 1;
				boolean list = false;
				while (true) {
					while (k < shape.length() && shape.charAt(k) == ' ') {
						k++;
					}
					if (k >= shape.length() || shape.charAt(k) != '?') {
						list = false;
						break;
					}
					k++;
					while (k < shape.length() && shape.charAt(k) == ' ') {
						k++;
					}
					if (k < shape.length() && shape.charAt(k) == ')') {
						list = true;
						break;
					}
					if (k >= shape.length() || shape.charAt(k) != ',') {
						list = false;
						break;
					}
					k++;
				}
				if (list) {
					out.append("(?)");
					i = k + 1;
					continue;
				}
			}
			out.append(c);
			i++;
		}
		return out.toString();
	}

	/**
	 * A path's shape: each segment that is a number, a UUID or a long hex or digit-bearing token becomes
	 * {@code {}}; the query string is dropped.
	 */
	static String path(String path) {
		int query = path.indexOf('?');
		String bare = (query >= 0) ? path.substring(0, query) : path;
		StringBuilder shape = new StringBuilder(bare.length());
		int start = 0;
		while (start <= bare.length()) {
			int slash = bare.indexOf('/', start);
			int end = (slash < 0) ? bare.length() : slash;
			String segment = bare.substring(start, end);
			shape.append(isValue(segment) ? "{}" : segment);
			if (slash < 0) {
				break;
			}
			shape.append('/');
			start = slash + 1;
		}
		return shape.toString();
	}

	private static boolean isValue(String segment) {
		if (segment.isEmpty()) {
			return false;
		}
		int digits = 0;
		boolean hex = true;
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (Character.isDigit(c)) {
				digits++;
			}
			else if (!(c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) {
				hex = false;
			}
		}
		return digits == segment.length() || (hex && digits > 0 && segment.length() >= 8);
	}

}
