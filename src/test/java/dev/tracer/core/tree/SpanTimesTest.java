package dev.tracer.core.tree;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SpanTimesTest {

	private static final long TODAY = 1_700_000_000_000_000L;

	@ParameterizedTest
	@CsvSource({ "0, 0", "1, 0", "0, 5", "1700000000000000, 2500", "9007199254740991, 0", "0, 9007199254740991",
			"9007199254740990, 1" })
	void problem_timesInRange_none(long start, long duration) {
		assertThat(SpanTimes.problem(start, duration)).isNull();
		assertThat(SpanTimes.valid(start, duration)).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"-1 | 0 | start -1 (1969-12-31T23:59:59.999999Z): before 1970-01-01T00:00:00Z",
			"9007199254740992 | 0 | start 9007199254740992 (2255-06-05T23:47:34.740992Z): after 2255-06-05T23:47:34.740991Z,"
					+ " the latest time tracer keeps (2^53-1 microseconds since the epoch)",
			"1 | -5 | duration -5: negative, a span cannot end before it starts",
			"1 | 9223372036854775807 | start 1 + duration 9223372036854775807: ends after 2255-06-05T23:47:34.740991Z,"
					+ " the latest time tracer keeps (2^53-1 microseconds since the epoch)",
			"9007199254740991 | 1 | start 9007199254740991 + duration 1: ends after 2255-06-05T23:47:34.740991Z,"
					+ " the latest time tracer keeps (2^53-1 microseconds since the epoch)" })
	void problem_outOfRange_namesTheRuleAndTheValue(long start, long duration, String expected) {
		assertThat(SpanTimes.problem(start, duration)).isEqualTo(expected);
	}

	@Test
	void problem_longExtremes_saysWhyWithoutThrowing() {
		assertThat(SpanTimes.problem(Long.MIN_VALUE, Long.MIN_VALUE)).startsWith("start -9223372036854775808 (");
		assertThat(SpanTimes.problem(Long.MAX_VALUE, Long.MAX_VALUE)).startsWith("start 9223372036854775807 (");
	}

	@Test
	void end_pastLongMax_saturates() {
		assertThat(SpanTimes.end(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(SpanTimes.end(1, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(SpanTimes.end(TODAY, 2500)).isEqualTo(TODAY + 2500);
		assertThat(SpanTimes.end(TODAY, -7)).as("a negative duration is none").isEqualTo(TODAY);
	}

	@Test
	void minusAndBetween_extremes_saturateAndNeverGoNegative() {
		assertThat(SpanTimes.minus(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(SpanTimes.minus(Long.MIN_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
		assertThat(SpanTimes.between(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(SpanTimes.between(Long.MAX_VALUE, Long.MIN_VALUE)).isZero();
		assertThat(SpanTimes.plus(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
	}

	@Test
	void plusAndMinus_randomLongs_agreeWithExactArithmeticClamped() {
		SplittableRandom random = new SplittableRandom(0x5a7_0a7eL);
		for (int i = 0; i < 100_000; i++) {
			long a = random.nextLong();
			long b = (i % 3 == 0) ? random.nextLong(-10, 10) : random.nextLong();
			BigInteger sum = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
			BigInteger difference = BigInteger.valueOf(a).subtract(BigInteger.valueOf(b));
			assertThat(SpanTimes.plus(a, b)).as("%d + %d", a, b).isEqualTo(clamp(sum));
			assertThat(SpanTimes.minus(a, b)).as("%d - %d", a, b).isEqualTo(clamp(difference));
		}
	}

	@Test
	void valid_anyTwoAcceptedTimes_sumAndDifferenceFitALong() {
		SplittableRandom random = new SplittableRandom(0x5a7_0a7fL);
		for (int i = 0; i < 10_000; i++) {
			long start = random.nextLong(0, SpanTimes.MAX_MICROS + 1);
			long duration = random.nextLong(0, SpanTimes.MAX_MICROS - start + 1);
			assertThat(SpanTimes.valid(start, duration)).isTrue();
			assertThat(Math.addExact(start, duration)).isLessThanOrEqualTo(SpanTimes.MAX_MICROS);
		}
	}

	private static long clamp(BigInteger value) {
		return value.max(BigInteger.valueOf(Long.MIN_VALUE))
			.min(BigInteger.valueOf(Long.MAX_VALUE))
			.longValueExact();
	}

}
