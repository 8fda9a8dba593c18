package dev.tracer.intake.files;

/**
 * A file that cannot be opened, and nothing of it is: which format was tried (none when the content is
 * no format's), where in the file (a line, or a path such as {@code data[0].spans[3].spanID}) and the rule
 * it breaks. The message puts the three together for a person.
 */
public final class TraceFileException extends IllegalArgumentException {

	private final TraceFileFormat format;

	private final String place;

	private final String rule;

	/**
	 * @param format the format tried, or null when the content matched none
	 * @param place where in the file, or null when the problem is the file's as a whole
	 * @param rule what is wrong, never null
	 */
	public TraceFileException(TraceFileFormat format, String place, String rule) {
		super(message(format, place, rule));
		this.format = format;
		this.place = place;
		this.rule = rule;
	}

	private static String message(TraceFileFormat format, String place, String rule) {
		StringBuilder message = new StringBuilder();
		message.append((format != null) ? "read as " + format.displayName() : "not a trace file");
		if (place != null && !place.isEmpty()) {
			message.append(", at ").append(place);
		}
		return message.append(": ").append(rule).toString();
	}

	/** The format tried, or null when the content is no format's. */
	public TraceFileFormat format() {
		return this.format;
	}

	/** Where in the file, or null. */
	public String place() {
		return this.place;
	}

	/** The rule broken. */
	public String rule() {
		return this.rule;
	}

}
