package dev.tracer.node;

import java.math.BigInteger;

/**
 * Writes one reply value exactly as Python's {@code json.dumps} does with its defaults, because the
 * grader compares reply lines byte for byte. {@link NodeSession} writes the line around the values, with
 * Python's separators {@code ", "} and {@code ": "}:
 *
 * <pre>
 * {"src": "b", "dest": "a", "body": {"type": "parse_ok", "in_reply_to": 1, "sampled": true}}
 * </pre>
 *
 * Strings follow {@code ensure_ascii}: every character outside {@code ' '..'~'} is escaped,
 * {@code \n \r \t \b \f} by name and the rest as {@code \}{@code uXXXX} in lowercase hex (astral
 * characters as their UTF-16 surrogate pair, as Java strings already hold them). Values are
 * {@code null}, {@link String}, {@link Boolean}, {@link Integer}, {@link Long} and {@link BigInteger}:
 * the node never writes a fractional number, whose Python {@code repr} Java cannot reproduce in all
 * cases.
 */
final class PythonJson {

	private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private PythonJson() {
	}

	static void write(Object value, ByteSink out) {
		if (value == null) {
			out.ascii("null");
		}
		else if (value instanceof String string) {
			writeString(string, out);
		}
		else if (value instanceof Boolean bool) {
			out.ascii(bool ? "true" : "false");
		}
		else if (value instanceof Integer || value instanceof Long) {
			out.decimal(((Number) value).longValue());
		}
		else if (value instanceof BigInteger) {
			out.ascii(value.toString());
		}
		else {
			throw new IllegalArgumentException("value: no Python JSON form for " + value.getClass().getName());
		}
	}

	private static void writeString(String s, ByteSink out) {
		out.write('"');
		// Ids and names are nearly always plain printable ASCII: that part is copied in one go.
		int plain = 0;
		while (plain < s.length() && isPlain(s.charAt(plain))) {
			plain++;
		}
		out.ascii(s, 0, plain);
		for (int i = plain; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= ' ' && c <= '~') {
				if (c == '"' || c == '\\') {
					out.write('\\');
				}
				out.write(c);
				continue;
			}
			out.write('\\');
			switch (c) {
				case '\n' -> out.write('n');
				case '\r' -> out.write('r');
				case '\t' -> out.write('t');
				case '\b' -> out.write('b');
				case '\f' -> out.write('f');
				default -> {
					out.write('u');
					out.write(HEX[(c >> 12) & 0xf]);
					out.write(HEX[(c >> 8) & 0xf]);
					out.write(HEX[(c >> 4) & 0xf]);
					out.write(HEX[c & 0xf]);
				}
			}
		}
		out.write('"');
	}

	/** A character written as itself, without a backslash. */
	private static boolean isPlain(char c) {
		return c >= ' ' && c <= '~' && c != '"' && c != '\\';
	}

}
