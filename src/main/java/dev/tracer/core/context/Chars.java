package dev.tracer.core.context;

import dev.tracer.core.hex.Hex;

/**
 * Character rules shared by the value records and the parser, so that whatever the LENIENT parser
 * accepts can be built as a value and whatever can be built formats to a header that splits back
 * into four fields.
 */
final class Chars {

	private Chars() {
	}

	/** Optional whitespace around a header value (RFC 7230 OWS): space and horizontal tab only. */
	static boolean isOws(char c) {
		return c == ' ' || c == '\t';
	}

	/** Whitespace (including Unicode spaces) and control characters cannot appear inside a field. */
	static boolean isIllegalInToken(char c) {
		if (c < 0x80) {
			// The same answer as below for ASCII, without the Unicode tables: ids are checked on every request.
			return c <= ' ' || c == 0x7f;
		}
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
	}

	/**
	 * Quotes a character for a message. Anything outside printable ASCII is written as a backslash-u
	 * escape, so a message stays one readable ASCII line whatever the header held.
	 */
	static String quote(char c) {
		return appendEscaped(new StringBuilder(8).append('\''), c).append('\'').toString();
	}

	/** Printable ASCII as it is, anything else as a backslash-u escape: the one escape of both methods. */
	private static StringBuilder appendEscaped(StringBuilder text, char c) {
		if (isPrintableAscii(c)) {
			return text.append(c);
		}
		return text.append("\\u").append(Hex.byteToHex(c >>> 8)).append(Hex.byteToHex(c & 0xff));
	}

	private static boolean isPrintableAscii(char c) {
		return c >= 0x20 && c < 0x7f;
	}

	private static boolean isPrintableAscii(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (!isPrintableAscii(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A value received on the wire, made safe to keep and show: every character escaped as {@link #quote}
	 * does, and cut after {@code maxChars} input characters with a note of how many were left out, so a
	 * huge or hostile header costs a bounded amount of memory and is always one readable line.
	 */
	static String printable(String value, int maxChars) {
		if (value.length() <= maxChars && isPrintableAscii(value)) {
			// the common case, a well-formed header, kept as it is: every traced request tags the one it
			// received, and copying it was the largest allocation tracer added to a request over Boot's
			// own tracing (docs/performance.md, "Why the hand-written parts stay")
			return value;
		}
		int kept = Math.min(value.length(), maxChars);
		StringBuilder text = new StringBuilder(kept + 16);
		for (int i = 0; i < kept; i++) {
			appendEscaped(text, value.charAt(i));
		}
		if (kept < value.length()) {
			text.append("... (").append(value.length() - kept).append(" more characters)");
		}
		return text.toString();
	}

	/**
	 * Checks a token our own code builds: non-null, non-empty, no whitespace or control character and
	 * no {@code -}, the traceparent separator.
	 * @throws NullPointerException if the value is null
	 * @throws IllegalArgumentException naming the field and the rule otherwise
	 */
	static void checkToken(String field, String value) {
		if (value == null) {
			throw new NullPointerException(field + " must not be null");
		}
		if (value.isEmpty()) {
			throw new IllegalArgumentException(field + " must not be empty");
		}
		// One cheap test per character; only a suspect character pays for the Unicode tables below.
		int length = value.length();
		boolean suspect = false;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			suspect |= c <= '-' || c >= 0x7f;
		}
		if (!suspect) {
			return;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c == '-') {
				throw new IllegalArgumentException(
						field + " must not contain '-' (the traceparent separator), found at index " + i);
			}
			if (isIllegalInToken(c)) {
				throw new IllegalArgumentException(field + " must not contain whitespace or control characters, found "
						+ quote(c) + " at index " + i);
			}
		}
	}

}
