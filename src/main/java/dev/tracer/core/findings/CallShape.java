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
			StringBuilder key = new StringBuilder(target.length() + 2 + statement.length()).append(target).append(": ");
			return appendShape(key, statement).toString();
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
	 * one space, ASCII letters lowercase. One pass over the characters, no regular expression:
	 * it runs once per child of every busy parent.
	 */
	static String statement(String statement) {
		return appendShape(new StringBuilder(statement.length()), statement).toString();
	}

	/** Appends the statement's shape to what the builder holds (the key's downstream, or nothing). */
	private static StringBuilder appendShape(StringBuilder shape, String statement) {
		int from = shape.length();
		int n = statement.length();
		int i = 0;
		while (i < n) {
			char c = statement.charAt(i);
			if (c == '\'') {
				i = skipQuoted(statement, i, c);
				shape.append('?');
			}
			else if (digit(c) && !partOfWord(shape, from)) {
				while (i < n && (wordChar(statement.charAt(i)) || statement.charAt(i) == '.')) {
					i++;
				}
				shape.append('?');
			}
			else if (c == '?' || (c == '$' || c == ':') && i + 1 < n && wordChar(statement.charAt(i + 1))) {
				i++;
				while (i < n && (wordChar(statement.charAt(i)) || statement.charAt(i) == '_')) {
					i++;
				}
				shape.append('?');
			}
			else if (c <= ' ') {
				while (i < n && statement.charAt(i) <= ' ') {
					i++;
				}
				if (shape.length() > from) {
					shape.append(' ');
				}
			}
			else {
				shape.append((c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c);
				i++;
			}
		}
		if (shape.length() > from && shape.charAt(shape.length() - 1) == ' ') {
			shape.setLength(shape.length() - 1);
		}
		return collapseLists(shape, from);
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

	private static boolean partOfWord(StringBuilder shape, int from) {
		if (shape.length() == from) {
			return false;
		}
		char last = shape.charAt(shape.length() - 1);
		return wordChar(last) || last == '_';
	}

	private static boolean digit(char c) {
		return c >= '0' && c <= '9';
	}

	/** ASCII letters and digits, and anything beyond ASCII: shapes only need to know where words end. */
	private static boolean wordChar(char c) {
		return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c > 0x7f;
	}

	/**
	 * {@code (?, ?, ?)} and {@code (?,?)} become {@code (?)}: an IN list's length is a value too. Works on
	 * the builder from {@code from} on, in place; most statements have no list and cost one scan.
	 */
	private static StringBuilder collapseLists(StringBuilder shape, int from) {
		if (shape.indexOf("?,", from) < 0) {
			return shape;
		}
		int write = from;
		int i = from;
		int length = shape.length();
		while (i < length) {
			char c = shape.charAt(i);
			if (c == '(') {
				int end = listEnd(shape, i + 1, length);
				if (end >= 0) {
					shape.setCharAt(write++, '(');
					shape.setCharAt(write++, '?');
					shape.setCharAt(write++, ')');
					i = end + 1;
					continue;
				}
			}
			shape.setCharAt(write++, c);
			i++;
		}
		shape.setLength(write);
		return shape;
	}

	/** Where a list of markers ({@code ?, ?, ?)}) that starts at k closes, or -1 if it is not one. */
	private static int listEnd(StringBuilder shape, int k, int length) {
		while (true) {
			while (k < length && shape.charAt(k) == ' ') {
				k++;
			}
			if (k >= length || shape.charAt(k) != '?') {
				return -1;
			}
			k++;
			while (k < length && shape.charAt(k) == ' ') {
				k++;
			}
			if (k < length && shape.charAt(k) == ')') {
				return k;
			}
			if (k >= length || shape.charAt(k) != ',') {
				return -1;
			}
			k++;
		}
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
