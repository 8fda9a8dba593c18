package dev.tracer.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracer.problem.ApiProblem;

/**
 * A window of time from the query: {@code since} and {@code until}, each an ISO-8601 instant
 * ({@code 2026-12-07T09:00:00Z}) or a duration back from now ({@code 30s}, {@code 15m}, {@code 1h},
 * {@code 1d}). {@code since} defaults to an hour before {@code until}, {@code until} to now.
 *
 * @param sinceMicros the window's start, epoch microseconds
 * @param untilMicros its end, epoch microseconds, not before the start
 */
record TimeWindow(long sinceMicros, long untilMicros) {

	static final String ACCEPTED = "an ISO-8601 instant (2026-12-07T09:00:00Z) or a duration back from now"
			+ " (30s, 15m, 1h, 1d)";

	private static final Pattern BACK_FROM_NOW = Pattern.compile("(\\d{1,9})([smhd])");

	private static final long DEFAULT_LENGTH_MICROS = 3_600_000_000L;

	/**
	 * @param since the query's {@code since}, or null
	 * @param until the query's {@code until}, or null
	 * @param nowMicros now, epoch microseconds
	 * @throws ApiProblem a 400 naming the parameter and the forms accepted
	 */
	static TimeWindow parse(String since, String until, long nowMicros) {
		long end = (until == null || until.isBlank()) ? nowMicros : micros("until", until.strip(), nowMicros);
		long start = (since == null || since.isBlank()) ? end - DEFAULT_LENGTH_MICROS
				: micros("since", since.strip(), nowMicros);
		if (start > end) {
			throw ApiProblem.badRequest("since: must not be after until");
		}
		return new TimeWindow(start, end);
	}

	private static long micros(String name, String value, long nowMicros) {
		try {
			Matcher back = BACK_FROM_NOW.matcher(value);
			if (back.matches()) {
				long amount = Long.parseLong(back.group(1));
				Duration length = switch (back.group(2)) {
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofDays(amount);
				};
				return Math.subtractExact(nowMicros, Math.multiplyExact(length.toSeconds(), 1_000_000L));
			}
			Instant instant = Instant.parse(value);
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw ApiProblem.badRequest(name + ": expected " + ACCEPTED);
		}
	}

	/** An epoch-microsecond time as the API writes it: ISO-8601, UTC. */
	static String iso(long micros) {
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
			.toString();
	}

}
