package dev.tracer.core.tree;

import dev.tracer.core.hex.HexWords;

/**
 * Span id to span index for {@link TraceTree#build}, in two key spaces that never meet.
 *
 * <pre>{@code
 * id                   space  key
 * 00f067aa0ba902b7     hex    0x00f067aa0ba902b7L   16 lowercase hex: W3C, Zipkin, nearly all real data
 * span_a               text   "span_a"              anything else
 * 00F067AA0BA902B7     text   "00F067AA0BA902B7"    uppercase is not decoded
 * 00f067aa0ba902b70    text   "00f067aa0ba902b70"   nor is a 17th character
 * }</pre>
 *
 * A million ids do not fit in the cache, so what a lookup costs is the memory it touches, one miss after
 * another. A String key costs its slot, then the stored String and the byte arrays of both ids. A hex
 * key is decoded by the caller (see {@link #hexKey}), from bytes it reads anyway; its slot is one key in
 * a long[] and one value in an int[], two loads that do not wait for each other, and no String. (Key
 * and value side by side in one long[] read one cache line instead, but that table is a third bigger,
 * and at a million spans it was slower.) Whether an id is decoded depends on its text alone, so equal
 * ids always meet in the same space; decoding 16 lowercase hex characters is one to one, so two hex
 * keys are equal exactly when their ids are.
 *
 * <p>Why not a {@code HashMap<String, Integer>}: every young collection would copy its entry objects,
 * two million of them for a million spans, which costs the build several times its own time
 * (docs/performance.md, "Why the hand-written parts stay").
 *
 * <p>Both tables use open addressing with linear probing, are at most half full, and are made on first
 * use: a trace with one kind of id pays for one table. The text table keeps each key's hash code beside
 * its value, so a probe reads a stored String only when the hash codes match.
 */
final class SpanIndex {

	/** What a lookup returns for an absent id, and a put for one it stored. */
	static final int NONE = -1;

	/** Slots in each table: a power of two, at least twice the ids expected. */
	private final int capacity;

	/** log2 of the capacity. */
	private final int bits;

	/** The hex table's keys, by slot. */
	private long[] hexKeys;

	/** Value + 1 of the key in the same slot of hexKeys; 0 marks a free slot, and reads back as NONE. */
	private int[] hexValues;

	/**
	 * Hash code at 2k, value + 1 at 2k + 1 (0, a free slot, reads back as NONE): the hash settles most
	 * mismatches without reading the key.
	 */
	private int[] textSlots;

	private String[] textKeys;

	SpanIndex(int expected) {
		if (expected > 1 << 29) {
			throw new IllegalArgumentException("too many spans: " + expected);
		}
		this.capacity = Integer.highestOneBit(Math.max(4, 2 * expected - 1)) << 1;
		this.bits = Integer.numberOfTrailingZeros(this.capacity);
	}

	/**
	 * Writes the key of a hex id to {@code keys[at]} and returns true; returns false, writing nothing,
	 * for an id of any other shape, which belongs to the text space.
	 */
	static boolean hexKey(String id, long[] keys, int at) {
		if (id.length() != 16) {
			return false;
		}
		long high = HexWords.valueOf(id, 0);
		long low = HexWords.valueOf(id, 8);
		if ((high | low) < 0) {
			return false;
		}
		keys[at] = (high << 32) | low;
		return true;
	}

	/** Fibonacci hashing of the whole key: ids that differ only in their last digits still spread out. */
	private int hexSlot(long key) {
		return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - this.bits));
	}

	/** Stores value unless the hex key is present; returns the present value, or NONE if stored. */
	int putHex(long key, int value) {
		if (this.hexValues == null) {
			this.hexValues = new int[this.capacity];
			this.hexKeys = new long[this.capacity];
		}
		int i = hexSlotOf(key);
		int stored = this.hexValues[i];
		if (stored == 0) {
			this.hexKeys[i] = key;
			this.hexValues[i] = value + 1;
		}
		return stored - 1;
	}

	/** The value of the hex key, or NONE. */
	int getHex(long key) {
		return (this.hexValues != null) ? this.hexValues[hexSlotOf(key)] - 1 : NONE;
	}

	/** The slot that holds the key, or the free slot where it belongs. */
	private int hexSlotOf(long key) {
		int[] values = this.hexValues;
		long[] keys = this.hexKeys;
		int mask = values.length - 1;
		int i = hexSlot(key);
		while (values[i] != 0 && keys[i] != key) {
			i = (i + 1) & mask;
		}
		return i;
	}

	private int textSlot(int hash) {
		return ((hash * 0x9E3779B9) >>> (32 - this.bits)) << 1;
	}

	/** Stores value unless the id, which is not hex, is present; returns the present value, or NONE if stored. */
	int putText(String key, int value) {
		if (this.textSlots == null) {
			this.textSlots = new int[2 * this.capacity];
			this.textKeys = new String[this.capacity];
		}
		int hash = key.hashCode();
		int i = textSlotOf(key, hash);
		int stored = this.textSlots[i + 1];
		if (stored == 0) {
			this.textSlots[i] = hash;
			this.textSlots[i + 1] = value + 1;
			this.textKeys[i >> 1] = key;
		}
		return stored - 1;
	}

	/** The value of the id, which is not hex, or NONE. */
	int getText(String key) {
		return (this.textSlots != null) ? this.textSlots[textSlotOf(key, key.hashCode()) + 1] - 1 : NONE;
	}

	/** The slot pair (hash at i, value + 1 at i + 1) that holds the key, or the free one where it belongs. */
	private int textSlotOf(String key, int hash) {
		int[] slots = this.textSlots;
		int mask = slots.length - 1;
		int i = textSlot(hash);
		while (slots[i + 1] != 0 && (slots[i] != hash || !this.textKeys[i >> 1].equals(key))) {
			i = (i + 2) & mask;
		}
		return i;
	}

}
