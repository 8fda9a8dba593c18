package dev.tracer.core.context;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * What {@link TraceId} and {@link SpanId} promise alike, run once for each by {@code TraceIdTest} and
 * {@code SpanIdTest}: {@code INVALID} is all zeros and not W3C; random ids are W3C, distinct, and
 * repeatable from a seed; null is refused with a message naming the field; the text form is the value.
 *
 * @param <I> the id type
 */
abstract class IdContractTest<I> {

	/**
	 * One id type as the contract sees it.
	 *
	 * @param field the field as messages name it: {@code trace-id} or {@code span-id}
	 * @param w3cLength the W3C length in hex characters
	 * @param invalid the type's {@code INVALID}
	 * @param random its {@code random()}
	 * @param seeded its {@code random(RandomGenerator)}
	 * @param of its constructor from text
	 * @param value its {@code value()}
	 * @param isW3C its {@code isW3C()}
	 */
	record IdType<I>(String field, int w3cLength, I invalid, Supplier<I> random, Function<RandomGenerator, I> seeded,
			Function<String, I> of, Function<I, String> value, Predicate<I> isW3C) {
	}

	private final IdType<I> type;

	IdContractTest(IdType<I> type) {
		this.type = type;
	}

	@Test
	void invalid_isAllZerosAndNotW3C() {
		assertThat(type.value().apply(type.invalid())).isEqualTo("0".repeat(type.w3cLength()));
		assertThat(type.isW3C().test(type.invalid())).isFalse();
	}

	@Test
	void random_isW3CAndDistinct() {
		Set<I> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			I id = type.random().get();
			assertThat(type.isW3C().test(id)).as(type.value().apply(id)).isTrue();
			seen.add(id);
		}
		assertThat(seen).hasSize(10_000);
	}

	@Test
	void random_sameSeed_sameId() {
		Function<RandomGenerator, I> seeded = type.seeded();

		assertThat(seeded.apply(new SplittableRandom(7))).isEqualTo(seeded.apply(new SplittableRandom(7)))
			.isNotEqualTo(seeded.apply(new SplittableRandom(8)));
	}

	@Test
	void random_nullGenerator_throwsNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> type.seeded().apply(null)).withMessage("random must not be null");
	}

	@Test
	void toString_isTheValue() {
		assertThat(type.of().apply("grader_1")).hasToString("grader_1");
	}

	@Test
	void new_null_throwsNullPointerExceptionNamingField() {
		assertThatNullPointerException().isThrownBy(() -> type.of().apply(null)).withMessage(type.field() + " must not be null");
	}

	/** A generator that hands out {@code values} in order, to pin what {@code random} draws. */
	static RandomGenerator sequence(long... values) {
		return new RandomGenerator() {

			private int next;

			@Override
			public long nextLong() {
				return values[this.next++];
			}

		};
	}

}
