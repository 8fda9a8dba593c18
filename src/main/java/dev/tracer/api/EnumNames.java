package dev.tracer.api;

import java.util.Locale;

/**
 * How the API's documents write an enum: by its name in lowercase ({@code LOST_DOWNSTREAM} as
 * {@code "lost_downstream"}), the one form the viewer and the MCP tools match on.
 */
final class EnumNames {

	private EnumNames() {
	}

	/** The value's name in lowercase; null for null (an absent kind). */
	static String lowercase(Enum<?> value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT) : null;
	}

}
