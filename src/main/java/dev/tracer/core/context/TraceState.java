package dev.tracer.core.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code tracestate} header: an immutable, validated list of vendor entries that travels with the
 * {@code traceparent}, newest on the left.
 *
 * <pre>
 * tracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE
 *             |    |                |
 *             key  value            the next list-member, pushed right by rojo
 * </pre>
 *
 * <h2>Grammar (W3C Trace Context Level 2, section "tracestate Header Field Values")</h2>
 *
 * <pre>
 * list        = list-member 0*31( OWS "," OWS list-member )
 * list-member = key "=" value
 * list-member = OWS
 * key         = ( lcalpha / DIGIT ) 0*255 ( keychar )
 * keychar     = lcalpha / DIGIT / "_" / "-"/ "*" / "/" / "@"
 * value       = 0*255(chr) nblk-chr
 * nblk-chr    = %x21-2B / %x2D-3C / %x3E-7E
 * chr         = %x20 / nblk-chr
 * </pre>
 *
 * The key is Level 2's: {@code @} is a key character like any other. Level 1 split a key into
 * {@code tenant-id "@" system-id} (at most 241 and 14 characters); every Level 1 key is a Level 2 key,
 * so Level 1 senders are all accepted, and keys such as {@code a@b@c} are accepted too.
 *
 * <h2>Reading a header ({@link #parse(List)})</h2>
 * <ul>
 * <li>Several header fields are one list, joined in order with {@code ,} ("When receiving multiple
 * tracestate header fields, they MUST be combined into a single header according to RFC7230").</li>
 * <li>Spaces and horizontal tabs around a list-member are ignored. A value keeps its leading spaces;
 * its trailing spaces are optional whitespace, not part of it ("All leading spaces MUST be preserved as
 * part of the value. All trailing spaces are considered to be optional whitespace").</li>
 * <li>Empty and whitespace-only list-members are allowed and ignored; an empty or absent header is
 * {@link #EMPTY} ("Vendors MUST accept empty tracestate headers").</li>
 * <li>At most 32 key/value list-members. Empty list-members do not count: they carry no entry and
 * exist because joining several fields makes them, which the spec gives as the reason they are
 * allowed.</li>
 * <li>A key appears at most once ("Only one entry per key is allowed").</li>
 * <li>Choice, for "The vendor MAY validate the tracestate header. If the tracestate header cannot be
 * parsed the vendor MAY discard the entire header. Invalid tracestate entries MAY also be discarded":
 * we validate, and one broken member (or a duplicated key, or a 33rd member) rejects the whole header.
 * Keeping the valid part would forward a list some vendor did not write. The caller keeps its
 * {@code traceparent} ("failure to parse tracestate MUST NOT affect the parsing of traceparent") and
 * must not parse {@code tracestate} at all when the {@code traceparent} was rejected ("If the vendor
 * failed to parse traceparent, it MUST NOT attempt to parse tracestate").</li>
 * </ul>
 * A rejection names {@code tracestate}, the member (1-based, counting every comma-separated element of
 * the joined header, empty ones included), the key, the rule and the index in the joined header:
 *
 * <pre>
 * rojo=00f067aa,Foo=1
 *               ^ tracestate: member 2 key 'Foo': expected lowercase letters, digits, '_', '-', '*', '/' or '@', found 'F' at index 14
 * </pre>
 *
 * <h2>Writing a header ({@link #header()})</h2>
 * Members joined with {@code ,} and no optional whitespace (choice, for "The caller SHOULD generate the
 * optional whitespace as a single space; otherwise, a caller SHOULD NOT generate optional whitespace":
 * we generate none). {@link #EMPTY} writes {@code ""}: callers should then send no header ("Vendors
 * MUST accept empty tracestate headers but SHOULD avoid sending them").
 *
 * <h2>Adding this vendor's entry ({@link #withEntry(String, String)})</h2>
 * The entry goes on the left and an earlier entry with the same key is removed ("Modified keys MUST be
 * moved to the beginning (left) of the list", "The new key-value pair SHOULD be added to the beginning
 * of the list"). Then the list is truncated, whole entries only ("the vendor MUST truncate whole
 * entries"), while it holds more than {@value #MAX_MEMBERS} members or its header is longer than
 * {@value #MAX_LENGTH} characters:
 * <ol>
 * <li>the right-most entry longer than {@value #LARGE_ENTRY} characters is removed ("Entries larger
 * than 128 characters long SHOULD be removed first"); when none is left,</li>
 * <li>the right-most entry is removed ("Then entries SHOULD be removed starting from the end of
 * tracestate").</li>
 * </ol>
 * The new entry itself is never removed, so a list holding only a maximal entry (a 256-character key
 * and value, 513 characters) stays longer than {@value #MAX_LENGTH}.
 * <p>
 * Choice of {@value #MAX_LENGTH}, for "Vendors SHOULD propagate at least 512 characters of a combined
 * header" and "the maximum size of the propagated tracestate header SHOULD be documented": we write at
 * most 512 characters when we mutate the list, exactly the size every conforming vendor promises to
 * carry, so our header reaches the next hops whole instead of being cut at a place we do not choose.
 * A list we received and do not mutate is forwarded as received, however long (up to the 32 members
 * the grammar allows), because "Vendors receiving a tracestate request header MUST send it to
 * outgoing requests". Only optional whitespace and empty members are dropped on the way ("Optional
 * trailing whitespace MAY be excluded when propagating the header").
 */
public final class TraceState {

	/** The most list-members a {@code tracestate} may hold. */
	static final int MAX_MEMBERS = 32;

	/** The most characters of a key, and of a value. */
	static final int MAX_KEY_LENGTH = 256;

	static final int MAX_VALUE_LENGTH = 256;

	/** {@link #withEntry} truncates the list until its header is at most this long. */
	static final int MAX_LENGTH = 512;

	/** Entries longer than this ({@code key=value}) are the first to go when truncating. */
	static final int LARGE_ENTRY = 128;

	static final String TRACESTATE = "tracestate";

	/** Keys that could appear in a message are cut here, so a message stays one short line. */
	private static final int QUOTED_KEY_LIMIT = 32;

	private static final String KEY_CHARS = "expected lowercase letters, digits, '_', '-', '*', '/' or '@'";

	private static final String VALUE_CHARS = "expected printable ASCII (' ' to '~') except ',' and '='";

	/** No {@code tracestate}: absent, empty and whitespace-only headers are all this value. */
	public static final TraceState EMPTY = new TraceState(List.of());

	private static final ParseResult<TraceState> ACCEPTED_EMPTY = ParseResult.accepted(EMPTY);

	private final List<Member> members;

	private final String header;

	private TraceState(List<Member> members) {
		this.members = members;
		StringBuilder out = new StringBuilder();
		for (Member member : members) {
			if (!out.isEmpty()) {
				out.append(',');
			}
			out.append(member.key()).append('=').append(member.value());
		}
		this.header = out.toString();
	}

	/**
	 * One {@code key=value} list-member, such as {@code congo=t61rcWkgMzE}.
	 *
	 * @param key 1 to 256 characters: a lowercase letter or a digit, then lowercase letters, digits,
	 * {@code _ - * / @}
	 * @param value 1 to 256 printable ASCII characters except {@code ,} and {@code =}, not ending with
	 * a space
	 */
	public record Member(String key, String value) {

		/**
		 * @throws NullPointerException if {@code key} or {@code value} is null
		 * @throws IllegalArgumentException naming the rule if either breaks the grammar
		 */
		public Member {
			checkKey(key);
			checkValue(value);
		}

		/** {@code key=value}, as written in a header. */
		@Override
		public String toString() {
			return this.key + "=" + this.value;
		}

		/** Characters this member takes in a header: {@code key=value}. */
		int length() {
			return this.key.length() + 1 + this.value.length();
		}

		private static void checkKey(String key) {
			Objects.requireNonNull(key, "tracestate key must not be null");
			int length = key.length();
			if (length == 0 || length > MAX_KEY_LENGTH) {
				throw new IllegalArgumentException(
						"tracestate key must be 1 to " + MAX_KEY_LENGTH + " characters, was " + length);
			}
			char first = key.charAt(0);
			if (isKeyChar(first) && !isKeyStart(first)) {
				throw new IllegalArgumentException("tracestate key must start with a lowercase letter or a digit, found "
						+ Chars.quote(first) + " at index 0");
			}
			for (int i = 0; i < length; i++) {
				char c = key.charAt(i);
				if (!isKeyChar(c)) {
					throw new IllegalArgumentException("tracestate key: " + KEY_CHARS + ", found " + Chars.quote(c)
							+ " at index " + i);
				}
			}
		}

		private static void checkValue(String value) {
			Objects.requireNonNull(value, "tracestate value must not be null");
			int length = value.length();
			if (length == 0 || length > MAX_VALUE_LENGTH) {
				throw new IllegalArgumentException(
						"tracestate value must be 1 to " + MAX_VALUE_LENGTH + " characters, was " + length);
			}
			for (int i = 0; i < length; i++) {
				char c = value.charAt(i);
				if (!isValueChar(c)) {
					throw new IllegalArgumentException("tracestate value: " + VALUE_CHARS + ", found " + Chars.quote(c)
							+ " at index " + i);
				}
			}
			if (value.charAt(length - 1) == ' ') {
				throw new IllegalArgumentException("tracestate value must not end with a space, found ' ' at index "
						+ (length - 1) + " (trailing spaces are optional whitespace, not part of a value)");
			}
		}

	}

	/**
	 * Parses the {@code tracestate} header fields of one request. Several fields are one list, joined in
	 * order with {@code ,}; indices in a rejection count in that joined list.
	 * <p>
	 * Only parse when the {@code traceparent} was accepted: the spec forbids reading {@code tracestate}
	 * otherwise.
	 * @param headerValues the field values in the order received; null, an empty list and null
	 * elements mean no header
	 * @return the list, {@link #EMPTY} when there is no entry, or why the whole header is invalid; never
	 * null, never throws
	 */
	public static ParseResult<TraceState> parse(List<String> headerValues) {
		if (headerValues == null || headerValues.isEmpty()) {
			return ACCEPTED_EMPTY;
		}
		if (headerValues.size() == 1) {
			return parse(headerValues.get(0));
		}
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < headerValues.size(); i++) {
			if (i > 0) {
				joined.append(',');
			}
			String value = headerValues.get(i);
			if (value != null) {
				joined.append(value);
			}
		}
		return parse(joined.toString());
	}

	/**
	 * Parses one {@code tracestate} header value; the same rules as {@link #parse(List)}.
	 * @param headerValue the value as received, may be null (no header)
	 * @return the list, {@link #EMPTY} when there is no entry, or why the whole header is invalid
	 */
	public static ParseResult<TraceState> parse(String headerValue) {
		if (headerValue == null || headerValue.isEmpty()) {
			return ACCEPTED_EMPTY;
		}
		String header = headerValue;
		int length = header.length();
		List<Member> members = null;
		int number = 0;
		int from = 0;
		while (true) {
			number++;
			int comma = header.indexOf(',', from);
			int end = (comma < 0) ? length : comma;
			int start = from;
			while (start < end && Chars.isOws(header.charAt(start))) {
				start++;
			}
			int last = end;
			while (last > start && Chars.isOws(header.charAt(last - 1))) {
				last--;
			}
			if (start < last) {
				int count = (members == null) ? 0 : members.size();
				if (count == MAX_MEMBERS) {
					return rejected("member " + number + ": expected at most " + MAX_MEMBERS
							+ " list-members, found a " + (MAX_MEMBERS + 1) + "rd at index " + start, start);
				}
				Object member = member(header, start, last, number);
				if (member instanceof Rejection rejection) {
					return ParseResult.rejected(rejection);
				}
				Member parsed = (Member) member;
				if (members == null) {
					members = new ArrayList<>(4);
				}
				for (int i = 0; i < count; i++) {
					if (members.get(i).key().equals(parsed.key())) {
						return rejected("member " + number + " key " + quoteKey(parsed.key())
								+ ": duplicates an earlier member's key, found at index " + start, start);
					}
				}
				members.add(parsed);
			}
			if (comma < 0) {
				break;
			}
			from = comma + 1;
		}
		return (members == null) ? ACCEPTED_EMPTY : ParseResult.accepted(new TraceState(List.copyOf(members)));
	}

	/**
	 * Reads {@code header[start, end)}, a list-member with the optional whitespace around it trimmed.
	 * Returns a {@link Member} or a {@link Rejection}; the first character that breaks a rule wins.
	 */
	private static Object member(String header, int start, int end, int number) {
		int equals = header.indexOf('=', start);
		int keyEnd = (equals < 0 || equals >= end) ? end : equals;
		String member = "member " + number;
		if (keyEnd == start) {
			return rejection(member + ": key is empty, found '=' at index " + start, start);
		}
		String keyAt = member + " key " + quoteKey(header.substring(start, keyEnd));
		char first = header.charAt(start);
		if (isKeyChar(first) && !isKeyStart(first)) {
			return rejection(keyAt + ": expected a lowercase letter or a digit first, found " + Chars.quote(first)
					+ " at index " + start, start);
		}
		for (int i = start; i < keyEnd; i++) {
			if (i - start == MAX_KEY_LENGTH) {
				return rejection(keyAt + ": expected at most " + MAX_KEY_LENGTH + " characters, found "
						+ (keyEnd - start) + ", the " + (MAX_KEY_LENGTH + 1) + "th at index " + i, i);
			}
			char c = header.charAt(i);
			if (!isKeyChar(c)) {
				return rejection(keyAt + ": " + KEY_CHARS + ", found " + Chars.quote(c) + " at index " + i, i);
			}
		}
		if (keyEnd == end) {
			return rejection(keyAt + ": expected '=' after the key, found the end of the member at index " + end,
					end);
		}
		int valueStart = keyEnd + 1;
		String valueAt = member + " value of " + quoteKey(header.substring(start, keyEnd));
		if (valueStart == end) {
			return rejection(valueAt + ": expected 1 to " + MAX_VALUE_LENGTH
					+ " characters, found none at index " + valueStart, valueStart);
		}
		for (int i = valueStart; i < end; i++) {
			if (i - valueStart == MAX_VALUE_LENGTH) {
				return rejection(valueAt + ": expected at most " + MAX_VALUE_LENGTH + " characters, found "
						+ (end - valueStart) + ", the " + (MAX_VALUE_LENGTH + 1) + "th at index " + i, i);
			}
			char c = header.charAt(i);
			if (!isValueChar(c)) {
				return rejection(valueAt + ": " + VALUE_CHARS + ", found " + Chars.quote(c) + " at index " + i, i);
			}
		}
		// Trailing spaces were trimmed as optional whitespace, so the value ends with a non-space.
		return new Member(header.substring(start, keyEnd), header.substring(valueStart, end));
	}

	/** The list-members, left (newest) to right; unmodifiable. */
	public List<Member> members() {
		return this.members;
	}

	/** True when there is no entry: the caller should then send no {@code tracestate} header. */
	public boolean isEmpty() {
		return this.members.isEmpty();
	}

	/**
	 * The header value to send on: {@code rojo=00f067aa0ba902b7,congo=t61rcWkgMzE}, no optional
	 * whitespace and no empty members; {@code ""} for {@link #EMPTY}.
	 */
	public String header() {
		return this.header;
	}

	/**
	 * The value of the entry with this key, or null if there is none.
	 * @throws NullPointerException if {@code key} is null
	 */
	public String get(String key) {
		Objects.requireNonNull(key, "key must not be null");
		for (Member member : this.members) {
			if (member.key().equals(key)) {
				return member.value();
			}
		}
		return null;
	}

	/**
	 * This vendor's entry: removes an existing member with the key, puts the new one on the left, then
	 * truncates as the class comment says.
	 *
	 * <pre>
	 * congo=t61rcWkgMzE                       withEntry("rojo", "00f067aa0ba902b7")
	 * rojo=00f067aa0ba902b7,congo=t61rcWkgMzE withEntry("congo", "ucfJifl5GOE")
	 * congo=ucfJifl5GOE,rojo=00f067aa0ba902b7
	 * </pre>
	 * @throws NullPointerException if {@code key} or {@code value} is null
	 * @throws IllegalArgumentException if {@code key} or {@code value} breaks the grammar
	 */
	public TraceState withEntry(String key, String value) {
		Member entry = new Member(key, value);
		List<Member> next = new ArrayList<>(this.members.size() + 1);
		next.add(entry);
		int length = entry.length();
		for (Member member : this.members) {
			if (!member.key().equals(key)) {
				next.add(member);
				length += 1 + member.length();
			}
		}
		while (next.size() > 1 && (next.size() > MAX_MEMBERS || length > MAX_LENGTH)) {
			int victim = next.size() - 1;
			for (int i = next.size() - 1; i > 0; i--) {
				if (next.get(i).length() > LARGE_ENTRY) {
					victim = i;
					break;
				}
			}
			length -= 1 + next.remove(victim).length();
		}
		return new TraceState(List.copyOf(next));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TraceState that) && this.members.equals(that.members);
	}

	@Override
	public int hashCode() {
		return this.members.hashCode();
	}

	/** {@code TraceState[rojo=00f067aa0ba902b7,congo=t61rcWkgMzE]}. */
	@Override
	public String toString() {
		return "TraceState[" + this.header + "]";
	}

	/** {@code lcalpha / DIGIT}: how a key starts. */
	static boolean isKeyStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

	/** {@code keychar = lcalpha / DIGIT / "_" / "-"/ "*" / "/" / "@"}. */
	static boolean isKeyChar(char c) {
		return isKeyStart(c) || c == '_' || c == '-' || c == '*' || c == '/' || c == '@';
	}

	/** {@code chr = %x20 / nblk-chr}: 0x20 to 0x7E except {@code ,} and {@code =}. */
	static boolean isValueChar(char c) {
		return c >= 0x20 && c <= 0x7e && c != ',' && c != '=';
	}

	/** A key for a message: quoted, escaped to printable ASCII, cut after 32 characters. */
	private static String quoteKey(String key) {
		StringBuilder out = new StringBuilder("'");
		int shown = Math.min(key.length(), QUOTED_KEY_LIMIT);
		for (int i = 0; i < shown; i++) {
			char c = key.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				out.append(c);
			}
			else {
				String quoted = Chars.quote(c);
				out.append(quoted, 1, quoted.length() - 1);
			}
		}
		if (shown < key.length()) {
			out.append("...");
		}
		return out.append('\'').toString();
	}

	private static Rejection rejection(String reason, int index) {
		return new Rejection(TRACESTATE, reason, index);
	}

	private static ParseResult<TraceState> rejected(String reason, int index) {
		return ParseResult.rejected(rejection(reason, index));
	}

}
