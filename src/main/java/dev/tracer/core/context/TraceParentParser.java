package dev.tracer.core.context;

import java.util.Objects;

import dev.tracer.core.hex.HexWords;

/**
 * Reads a {@code traceparent} header under a {@link ParsePolicy}. Wire input never throws: a header
 * that breaks a rule comes back as a {@link Rejection} naming the field, the rule and the index.
 *
 * <pre>
 * STRICT   00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01          accepted
 * STRICT   cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future   accepted (future version)
 * STRICT   00-00000000000000000000000000000000-00f067aa0ba902b7-01          trace-id: must not be all zeros
 * LENIENT  00-trace123-span_a-01                                            accepted
 * </pre>
 *
 * Errors are reported in reading order: the first character that breaks a rule wins, and a header
 * that is too short or too long is only reported as such when every character present was right.
 * Indices are positions in the header as received, before spaces and tabs around it were trimmed.
 */
public final class TraceParentParser {

	static final String TRACEPARENT = "traceparent";

	static final String VERSION = "version";

	static final String TRACE_ID = "trace-id";

	static final String PARENT_ID = "parent-id";

	static final String TRACE_FLAGS = "trace-flags";

	// Field offsets derive from the field lengths (version 00 layout).
	private static final int VERSION_LENGTH = 2;

	private static final int TRACE_ID_LENGTH = 32;

	private static final int PARENT_ID_LENGTH = 16;

	/** A long holds 16 hex digits: a trace-id is two, a parent-id one. */
	private static final int LONG_DIGITS = 16;

	/** Hex digits read at once, one byte each in a long (see {@link HexWords#lowerDigits}). */
	private static final int WORD = 8;

	private static final int FLAGS_LENGTH = 2;

	private static final int TRACE_ID_OFFSET = VERSION_LENGTH + 1;

	private static final int PARENT_ID_OFFSET = TRACE_ID_OFFSET + TRACE_ID_LENGTH + 1;

	private static final int FLAGS_OFFSET = PARENT_ID_OFFSET + PARENT_ID_LENGTH + 1;

	private static final int LENGTH = FLAGS_OFFSET + FLAGS_LENGTH;

	private static final String VERSION_00 = "00";

	private static final String[] LENIENT_FIELDS = { VERSION, TRACE_ID, PARENT_ID, TRACE_FLAGS };

	// Results of scanning a hex field: a position >= 0 is the first bad character.
	private static final int HEX_OK = -1;

	private static final int HEX_ALL_ZEROS = -2;

	private static final ParseResult<TraceParent> MISSING = ParseResult
		.rejected(new Rejection(TRACEPARENT, "header is missing", -1));

	private static final ParseResult<TraceParent> EMPTY = ParseResult
		.rejected(new Rejection(TRACEPARENT, "header is empty", 0));

	private static final ParseResult<TraceParent> BLANK = ParseResult
		.rejected(new Rejection(TRACEPARENT, "header is empty (only spaces and tabs)", 0));

	private TraceParentParser() {
	}

	/**
	 * Parses a {@code traceparent} header value.
	 * @param header the header value as received, may be null (then rejected as missing)
	 * @param policy how strictly to read it
	 * @return the parsed header or the reason it was refused; never null
	 * @throws NullPointerException if {@code policy} is null (a programming error, not bad input)
	 */
	public static ParseResult<TraceParent> parse(String header, ParsePolicy policy) {
		Objects.requireNonNull(policy, "policy must not be null");
		if (header == null) {
			return MISSING;
		}
		int start = 0;
		int end = header.length();
		while (start < end && Chars.isOws(header.charAt(start))) {
			start++;
		}
		if (start == end) {
			return (end == 0) ? EMPTY : BLANK;
		}
		while (Chars.isOws(header.charAt(end - 1))) {
			end--;
		}
		return (policy == ParsePolicy.STRICT) ? strict(header, start, end) : lenient(header, start, end);
	}

	/**
	 * W3C Level 2 over {@code header[start, end)}. Almost every header is a valid version-00 one, so
	 * that shape is read first, in one pass without a branch per character; anything else is read
	 * character by character to name the first one that breaks a rule.
	 */
	private static ParseResult<TraceParent> strict(String header, int start, int end) {
		if (end - start == LENGTH) {
			ParseResult<TraceParent> version00 = version00(header, start);
			if (version00 != null) {
				return version00;
			}
		}
		return strictByCharacter(header, start, end);
	}

	/**
	 * Reads {@code header[start, start + 55)} as a version-00 header, eight characters at a time: the
	 * header is copied into bytes once, and each id is checked and decoded as whole words (see
	 * {@link HexWords#lowerDigits}). Returns null when the header is not of that shape, so the caller reads
	 * it again to say why; the only rejections made here are the all-zero ids, which come after every
	 * character was found right, so reading order still names them first.
	 */
	@SuppressWarnings("deprecation") // the only String method that copies Latin-1 characters into our array as is
	private static ParseResult<TraceParent> version00(String header, int start) {
		// A character above 0xff would be cut to its low byte by the copy, and could pass as a digit.
		int wide = 0;
		for (int i = start; i < start + LENGTH; i++) {
			wide |= header.charAt(i);
		}
		if (wide > 0xff) {
			return null;
		}
		// Never leaves this method: the JIT removes the array (JMH -prof gc shows no allocation for it).
		byte[] bytes = new byte[LENGTH];
		header.getBytes(start, start + LENGTH, bytes, 0);
		if (bytes[0] != '0' || bytes[1] != '0' || bytes[TRACE_ID_OFFSET - 1] != '-'
				|| bytes[PARENT_ID_OFFSET - 1] != '-' || bytes[FLAGS_OFFSET - 1] != '-') {
			return null;
		}
		long trace0 = Hex.word(bytes, TRACE_ID_OFFSET);
		long trace1 = Hex.word(bytes, TRACE_ID_OFFSET + WORD);
		long trace2 = Hex.word(bytes, TRACE_ID_OFFSET + 2 * WORD);
		long trace3 = Hex.word(bytes, TRACE_ID_OFFSET + 3 * WORD);
		long parent0 = Hex.word(bytes, PARENT_ID_OFFSET);
		long parent1 = Hex.word(bytes, PARENT_ID_OFFSET + WORD);
		long digits = HexWords.lowerDigits(trace0) & HexWords.lowerDigits(trace1) & HexWords.lowerDigits(trace2)
				& HexWords.lowerDigits(trace3) & HexWords.lowerDigits(parent0) & HexWords.lowerDigits(parent1);
		int flagsHigh = Hex.lowerValue((char) bytes[FLAGS_OFFSET]);
		int flagsLow = Hex.lowerValue((char) bytes[FLAGS_OFFSET + 1]);
		if (digits != HexWords.ALL_DIGITS || (flagsHigh | flagsLow) < 0) {
			return null;
		}
		long high = (HexWords.value(trace0) << 32) | HexWords.value(trace1);
		long low = (HexWords.value(trace2) << 32) | HexWords.value(trace3);
		long parent = (HexWords.value(parent0) << 32) | HexWords.value(parent1);
		if ((high | low) == 0) {
			return rejected(TRACE_ID, "must not be all zeros", start + TRACE_ID_OFFSET);
		}
		if (parent == 0) {
			return rejected(PARENT_ID, "must not be all zeros", start + PARENT_ID_OFFSET);
		}
		return ParseResult.accepted(new TraceParent(VERSION_00, TraceId.ofHex(high, low), SpanId.ofHex(parent),
				TraceFlags.of((flagsHigh << 4) | flagsLow)));
	}

	/**
	 * W3C Level 2 one character at a time, in reading order: the path of rejections and future versions.
	 * Package-private so a test can hold both readings to the same answers.
	 */
	static ParseResult<TraceParent> strictByCharacter(String header, int start, int end) {
		int scan = scanLowerHex(header, start, VERSION_LENGTH, end);
		if (scan >= 0) {
			return hexFieldError(header, VERSION, VERSION_LENGTH, start, scan, end, false);
		}
		char v0 = header.charAt(start);
		char v1 = header.charAt(start + 1);
		if (v0 == 'f' && v1 == 'f') {
			return rejected(VERSION, "ff is forbidden", start);
		}
		boolean futureVersion = v0 != '0' || v1 != '0';

		ParseResult<TraceParent> error = separator(header, start + TRACE_ID_OFFSET - 1, end, VERSION, futureVersion);
		if (error != null) {
			return error;
		}
		int traceIdStart = start + TRACE_ID_OFFSET;
		scan = scanLowerHex(header, traceIdStart, TRACE_ID_LENGTH, end);
		if (scan >= 0) {
			return hexFieldError(header, TRACE_ID, TRACE_ID_LENGTH, traceIdStart, scan, end, futureVersion);
		}
		if (scan == HEX_ALL_ZEROS) {
			return rejected(TRACE_ID, "must not be all zeros", traceIdStart);
		}

		error = separator(header, start + PARENT_ID_OFFSET - 1, end, TRACE_ID, futureVersion);
		if (error != null) {
			return error;
		}
		int parentIdStart = start + PARENT_ID_OFFSET;
		scan = scanLowerHex(header, parentIdStart, PARENT_ID_LENGTH, end);
		if (scan >= 0) {
			return hexFieldError(header, PARENT_ID, PARENT_ID_LENGTH, parentIdStart, scan, end, futureVersion);
		}
		if (scan == HEX_ALL_ZEROS) {
			return rejected(PARENT_ID, "must not be all zeros", parentIdStart);
		}

		error = separator(header, start + FLAGS_OFFSET - 1, end, PARENT_ID, futureVersion);
		if (error != null) {
			return error;
		}
		int flagsStart = start + FLAGS_OFFSET;
		scan = scanLowerHex(header, flagsStart, FLAGS_LENGTH, end);
		if (scan >= 0) {
			return hexFieldError(header, TRACE_FLAGS, FLAGS_LENGTH, flagsStart, scan, end, futureVersion);
		}

		int length = end - start;
		if (length > LENGTH) {
			if (!futureVersion) {
				return rejected(TRACEPARENT, "expected " + LENGTH + " characters for version 00, found " + length,
						start + LENGTH);
			}
			// A future version may append fields; we must not read them, only see that they are fields.
			char after = header.charAt(start + LENGTH);
			if (after != '-') {
				return rejected(TRACEPARENT, "expected '-' or end of header after trace-flags, found "
						+ Chars.quote(after) + " at index " + (start + LENGTH), start + LENGTH);
			}
		}

		int flags = (Hex.lowerValue(header.charAt(flagsStart)) << 4) | Hex.lowerValue(header.charAt(flagsStart + 1));
		String version = futureVersion ? header.substring(start, start + VERSION_LENGTH) : VERSION_00;
		TraceId traceId = TraceId.ofHex(Hex.decodeLower(header, traceIdStart, LONG_DIGITS),
				Hex.decodeLower(header, traceIdStart + LONG_DIGITS, LONG_DIGITS));
		SpanId parentId = SpanId.ofHex(Hex.decodeLower(header, parentIdStart, LONG_DIGITS));
		return ParseResult.accepted(new TraceParent(version, traceId, parentId, TraceFlags.of(flags)));
	}

	/**
	 * Scans {@code count} lowercase hex characters from {@code from}. Returns {@link #HEX_OK},
	 * {@link #HEX_ALL_ZEROS}, the index of the first other character, or {@code end} if the header
	 * ends first.
	 */
	private static int scanLowerHex(String header, int from, int count, int end) {
		int to = from + count;
		int limit = Math.min(to, end);
		int nonZero = 0;
		for (int i = from; i < limit; i++) {
			char c = header.charAt(i);
			if (!Hex.isLower(c)) {
				return i;
			}
			nonZero |= c ^ '0';
		}
		if (limit < to) {
			return end;
		}
		return (nonZero != 0) ? HEX_OK : HEX_ALL_ZEROS;
	}

	private static ParseResult<TraceParent> hexFieldError(String header, String field, int expected, int fieldStart,
			int index, int end, boolean futureVersion) {
		if (index == end) {
			return tooShort(header, end, futureVersion);
		}
		String want = "expected " + expected + " lowercase hex characters, found ";
		char c = header.charAt(index);
		if (c == '-') {
			// The field ended early: its length is the useful fact, not the dash.
			return rejected(field, want + (index - fieldStart) + " before '-' at index " + index, index);
		}
		String found = Hex.isUpper(c) ? "uppercase " + Chars.quote(c) : Chars.quote(c);
		return rejected(field, want + found + " at index " + index, index);
	}

	private static ParseResult<TraceParent> separator(String header, int index, int end, String after,
			boolean futureVersion) {
		if (index >= end) {
			return tooShort(header, end, futureVersion);
		}
		char c = header.charAt(index);
		if (c == '-') {
			return null;
		}
		return rejected(TRACEPARENT, "expected '-' after " + after + ", found " + Chars.quote(c) + " at index " + index,
				index);
	}

	/** Every character present was right, but the header ended at {@code end}. */
	private static ParseResult<TraceParent> tooShort(String header, int end, boolean futureVersion) {
		int length = end - trimmedStart(header);
		String expected = futureVersion ? "at least " + LENGTH : String.valueOf(LENGTH);
		return rejected(TRACEPARENT, "expected " + expected + " characters, found " + length, end);
	}

	// Only on the error path: recomputed rather than threaded through every call.
	private static int trimmedStart(String header) {
		int start = 0;
		while (Chars.isOws(header.charAt(start))) {
			start++;
		}
		return start;
	}

	/** Four non-empty tokens separated by {@code -}, flags two hex digits of either case. */
	private static ParseResult<TraceParent> lenient(String header, int start, int end) {
		if (end - start == LENGTH) {
			// A W3C version-00 header is a lenient one with the same fields: read it the fast way. The all-zero
			// ids it refuses are tokens like any other here, so those go the long way below.
			ParseResult<TraceParent> version00 = version00(header, start);
			if (version00 != null && version00.isAccepted()) {
				return version00;
			}
		}
		int field = 0;
		int fieldStart = start;
		int dash1 = -1;
		int dash2 = -1;
		for (int i = start; i < end; i++) {
			char c = header.charAt(i);
			if (c == '-') {
				if (i == fieldStart) {
					return rejected(LENIENT_FIELDS[field], "must not be empty, found '-' at index " + i, i);
				}
				if (field == 3) {
					return rejected(TRACEPARENT,
							"expected 4 fields separated by '-', found another '-' at index " + i, i);
				}
				if (field == 0) {
					dash1 = i;
				}
				else if (field == 1) {
					dash2 = i;
				}
				field++;
				fieldStart = i + 1;
			}
			else if (Chars.isIllegalInToken(c)) {
				return rejected(LENIENT_FIELDS[field],
						"expected no whitespace or control characters, found " + Chars.quote(c) + " at index " + i, i);
			}
		}
		if (field < 3) {
			return rejected(TRACEPARENT, "expected 4 fields separated by '-', found " + (field + 1), end);
		}
		if (fieldStart == end) {
			return rejected(TRACE_FLAGS, "must not be empty, found the end of the header at index " + end, end);
		}
		int flagsLength = end - fieldStart;
		if (flagsLength != FLAGS_LENGTH) {
			return rejected(TRACE_FLAGS, "expected 2 hex digits, found "
					+ ((flagsLength == 1) ? "1 character" : flagsLength + " characters") + " at index " + fieldStart,
					fieldStart);
		}
		int high = Hex.value(header.charAt(fieldStart));
		if (high < 0) {
			return rejected(TRACE_FLAGS, "expected 2 hex digits, found " + Chars.quote(header.charAt(fieldStart))
					+ " at index " + fieldStart, fieldStart);
		}
		int low = Hex.value(header.charAt(fieldStart + 1));
		if (low < 0) {
			return rejected(TRACE_FLAGS, "expected 2 hex digits, found " + Chars.quote(header.charAt(fieldStart + 1))
					+ " at index " + (fieldStart + 1), fieldStart + 1);
		}
		int dash3 = fieldStart - 1;
		TraceId traceId = new TraceId(header.substring(dash1 + 1, dash2));
		SpanId parentId = new SpanId(header.substring(dash2 + 1, dash3));
		return ParseResult.accepted(new TraceParent(header.substring(start, dash1), traceId, parentId,
				TraceFlags.of((high << 4) | low)));
	}

	private static ParseResult<TraceParent> rejected(String field, String reason, int index) {
		return ParseResult.rejected(new Rejection(field, reason, index));
	}

}
