package dev.tracer.core.context;

import java.util.Objects;

import dev.tracer.core.hex.Hex;
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

	/** Hex digits read at once, one byte each in a long (see {@link HexWords#valueOf}). */
	private static final int WORD = 8;

	private static final int FLAGS_LENGTH = 2;

	private static final int TRACE_ID_OFFSET = VERSION_LENGTH + 1;

	private static final int PARENT_ID_OFFSET = TRACE_ID_OFFSET + TRACE_ID_LENGTH + 1;

	private static final int FLAGS_OFFSET = PARENT_ID_OFFSET + PARENT_ID_LENGTH + 1;

	private static final int LENGTH = FLAGS_OFFSET + FLAGS_LENGTH;

	private static final String VERSION_00 = "00";

	private static final String[] LENIENT_FIELDS = { VERSION, TRACE_ID, PARENT_ID, TRACE_FLAGS };

	/** What scanning a hex field returns when every character is right; otherwise it returns a position. */
	private static final int HEX_OK = -1;

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
	 * W3C Level 2 over {@code header[start, end)}, in the grammar's order, so the first rule broken is the
	 * one named:
	 *
	 * <pre>
	 * traceparent = version "-" trace-id "-" parent-id "-" trace-flags [ "-" future fields ]
	 * version     = 2HEXDIGLC, not "ff"; "00" ends after trace-flags, a higher one may go on with "-"
	 * trace-id    = 32HEXDIGLC, not all zeros
	 * parent-id   = 16HEXDIGLC, not all zeros
	 * trace-flags = 2HEXDIGLC
	 * </pre>
	 *
	 * Ids are read eight characters at a time ({@link HexWords#valueOf}); only when a word is refused is
	 * the id read again a character at a time, to say which character broke the rule.
	 */
	private static ParseResult<TraceParent> strict(String header, int start, int end) {
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
		long trace0 = word(header, traceIdStart, end);
		long trace1 = word(header, traceIdStart + WORD, end);
		long trace2 = word(header, traceIdStart + 2 * WORD, end);
		long trace3 = word(header, traceIdStart + 3 * WORD, end);
		if ((trace0 | trace1 | trace2 | trace3) < 0) {
			return hexFieldError(header, TRACE_ID, TRACE_ID_LENGTH, traceIdStart,
					scanLowerHex(header, traceIdStart, TRACE_ID_LENGTH, end), end, futureVersion);
		}
		long high = (trace0 << 32) | trace1;
		long low = (trace2 << 32) | trace3;
		if ((high | low) == 0) {
			return rejected(TRACE_ID, "must not be all zeros", traceIdStart);
		}

		error = separator(header, start + PARENT_ID_OFFSET - 1, end, TRACE_ID, futureVersion);
		if (error != null) {
			return error;
		}
		int parentIdStart = start + PARENT_ID_OFFSET;
		long parent0 = word(header, parentIdStart, end);
		long parent1 = word(header, parentIdStart + WORD, end);
		if ((parent0 | parent1) < 0) {
			return hexFieldError(header, PARENT_ID, PARENT_ID_LENGTH, parentIdStart,
					scanLowerHex(header, parentIdStart, PARENT_ID_LENGTH, end), end, futureVersion);
		}
		long parent = (parent0 << 32) | parent1;
		if (parent == 0) {
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
		return ParseResult.accepted(new TraceParent(version, TraceId.ofHex(high, low), SpanId.ofHex(parent),
				TraceFlags.of(flags)));
	}

	/**
	 * The 32-bit value of the eight lowercase hex characters from {@code from}, or -1 when one is something
	 * else or the header ends first.
	 */
	private static long word(String header, int from, int end) {
		return (end - from < WORD) ? -1 : HexWords.valueOf(header, from);
	}

	/**
	 * Scans {@code count} lowercase hex characters from {@code from}. Returns {@link #HEX_OK}, the index
	 * of the first other character, or {@code end} if the header ends first.
	 */
	private static int scanLowerHex(String header, int from, int count, int end) {
		int to = from + count;
		int limit = Math.min(to, end);
		for (int i = from; i < limit; i++) {
			if (!Hex.isLower(header.charAt(i))) {
				return i;
			}
		}
		return (limit < to) ? end : HEX_OK;
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
			// A W3C header of that length is a lenient one with the same fields, and W3C's reading keeps its ids
			// as numbers. The all-zero ids it refuses are tokens like any other here, so those go the long way.
			ParseResult<TraceParent> w3c = strict(header, start, end);
			if (w3c.isAccepted()) {
				return w3c;
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
