package dev.tracer.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one JSON document into plain Java values: {@link LinkedHashMap}, {@link ArrayList},
 * {@link String}, {@link Boolean}, {@link Number} and {@code null}. The node's messages are small and
 * their shape is checked field by field afterwards, so a streaming parse into these is all it needs
 * (no data binding, which would cost start-up time). Jackson's own limits (nesting depth 500, string
 * length) bound the recursion and the memory.
 */
final class JsonValues {

	private final JsonFactory factory = JsonFactory.builder().build();

	/** @throws NodeError (malformed request) if the bytes are not exactly one JSON value */
	Object read(byte[] bytes, int length) {
		try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), bytes, 0, length)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw NodeError.malformed("malformed JSON: empty message");
			}
			Object value = value(parser, first);
			if (parser.nextToken() != null) {
				throw NodeError.malformed("malformed JSON: more than one value in one message");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw NodeError.malformed("malformed JSON: " + describe(ex));
		}
	}

	private static String describe(JacksonException ex) {
		String message = ex.getOriginalMessage();
		int lineBreak = message.indexOf('\n');
		if (lineBreak >= 0) {
			message = message.substring(0, lineBreak);
		}
		return (ex.getLocation() != null && ex.getLocation().getColumnNr() > 0)
				? message + " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")"
				: message;
	}

	private static Object value(JsonParser parser, JsonToken token) {
		switch (token) {
			case START_OBJECT: {
				Map<String, Object> map = new LinkedHashMap<>();
				for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
					String name = parser.currentName();
					map.put(name, value(parser, parser.nextToken()));
				}
				return map;
			}
			case START_ARRAY: {
				List<Object> list = new ArrayList<>();
				for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
					list.add(value(parser, t));
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

}
