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
 * Why not a {@code HashMap<String, Integer>}: it was measured in its place (TraceTreeBenchmark, same
 * machine and load, see the README's tree section) and lost in both directions. At a million spans its
 * two million entry objects (a node and a boxed index per span) live through the build, so every young
 * collection copies them, and each lookup reads the stored {@code String} and its bytes, a cache miss
 * apiece. Here a hex id is its value as a long, decoded from bytes the caller reads anyway; its slot is
 * one long and one int in two arrays, and the arrays hold no references for the collector to follow.
 * Whether an id is decoded depends on its text alone, so equal ids always meet in the same space, and
 * decoding 16 lowercase hex characters is one to one, so two hex keys are equal exactly when their ids
 * are.
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

	/** Stores value unless the id is present; returns the present value, or NONE if it stored value. */
	int putIfAbsent(String id, int value) {
		return find(id, value);
	}

	/** The value of the id, or NONE. */
	int get(String id) {
		return find(id, NONE);
	}

	/** The id's value, or NONE; where the id is absent and valueToPut is not NONE, stores it. */
	private int find(String id, int valueToPut) {
		if (id.length() == 16) {
			long high = HexWords.valueOf(id, 0);
			long low = HexWords.valueOf(id, 8);
			if ((high | low) >= 0) {
				return findHex((high << 32) | low, valueToPut);
			}
		}
		return findText(id, valueToPut);
	}

	private int findHex(long key, int valueToPut) {
		if (this.hexValues == null) {
			if (valueToPut == NONE) {
				return NONE;
			}
			this.hexValues = new int[this.capacity];
			this.hexKeys = new long[this.capacity];
		}
		int[] values = this.hexValues;
		long[] keys = this.hexKeys;
		int mask = values.length - 1;
		// Fibonacci hashing of the whole key: ids that differ only in their last digits still spread out.
		int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - this.bits));
		while (values[i] != 0 && keys[i] != key) {
			i = (i + 1) & mask;
		}
		int stored = values[i];
		if (stored == 0 && valueToPut != NONE) {
			keys[i] = key;
			values[i] = valueToPut + 1;
		}
		return stored - 1;
	}

	private int findText(String key, int valueToPut) {
		if (this.textSlots == null) {
			if (valueToPut == NONE) {
				return NONE;
			}
			this.textSlots = new int[2 * this.capacity];
			this.textKeys = new String[this.capacity];
		}
		int[] slots = this.textSlots;
		int mask = slots.length - 1;
		int hash = key.hashCode();
		int i = ((hash * 0x9E3779B9) >>> (32 - this.bits)) << 1;
		while (slots[i + 1] != 0 && (slots[i] != hash || !this.textKeys[i >> 1].equals(key))) {
			i = (i + 2) & mask;
		}
		int stored = slots[i + 1];
		if (stored == 0 && valueToPut != NONE) {
			slots[i] = hash;
			slots[i + 1] = valueToPut + 1;
			this.textKeys[i >> 1] = key;
		}
		return stored - 1;
	}

}
