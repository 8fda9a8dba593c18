package dev.tracer.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one JSON value from a streaming parser into plain Java values: {@link LinkedHashMap},
 * {@link ArrayList}, {@link String}, {@link Boolean}, {@link Number} and {@code null}. This is how
 * {@link MessageDecoder} reads every member it does not look into, so that such a member is still
 * decoded in full: a bad string or number in it fails the message as it always did. Jackson's own
 * limits (nesting depth 500, string length) bound the recursion and the memory.
 */
final class JsonValues {

	private JsonValues() {
	}

	/** The value that starts with {@code token}, the parser's current token. */
	static Object read(JsonParser parser, JsonToken token) {
		switch (token) {
			case START_OBJECT: {
				Map<String, Object> map = new LinkedHashMap<>();
				for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
					String name = parser.currentName();
					map.put(name, read(parser, parser.nextToken()));
				}
				return map;
			}
			case START_ARRAY: {
				List<Object> list = new ArrayList<>();
				for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
					list.add(read(parser, t));
				}
				return list;
			}
			case VALUE_STRING:
				return parser.getString();
			case VALUE_NUMBER_INT:
			case VALUE_NUMBER_FLOAT:
				return parser.getNumberValue();
			case VALUE_TRUE:
				return Boolean.TRUE;
			case VALUE_FALSE:
				return Boolean.FALSE;
			case VALUE_NULL:
				return null;
			default:
				throw NodeError.malformed("malformed JSON: unexpected " + token);
		}
	}

	/** Jackson's message for a syntax error, on one line, with where it was found. */
	static String describe(JacksonException ex) {
		String message = ex.getOriginalMessage();
		int lineBreak = message.indexOf('\n');
		if (lineBreak >= 0) {
			message = message.substring(0, lineBreak);
		}
		return (ex.getLocation() != null && ex.getLocation().getColumnNr() > 0)
				? message + " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")"
				: message;
	}

}
