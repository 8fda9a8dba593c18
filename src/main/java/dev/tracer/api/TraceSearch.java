package dev.tracer.api;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tracer.problem.ApiProblem;
import dev.tracer.store.TraceQuery;

/**
 * The trace list's search as {@code GET /api/traces}, the list page's URL and MCP's {@code search_traces}
 * write it, read into a {@link TraceQuery}; a value that cannot be read is a 400 naming the parameter
 * and the form it takes.
 *
 * <pre>{@code
 * service=backend            a span of this service (and the span criteria are met by its spans)
 * span_name=get /api         a span with this name
 * remote_service=mysql       a span that called this callee (core/breaks/Callee)
 * tag=error&tag=http.status_code=500   several, all met: key=value, or key alone for any value
 * min_duration=250000        the trace lasted at least this many microseconds
 * max_duration=900000        ... and at most this many
 * since=15m                  the trace began within this long before now: a number and s, m, h or d
 * from=2026-12-07T09:00:00Z  the trace began at or after this instant (ISO-8601); with to, or alone
 * to=2026-12-07T10:00:00Z    ... and at or before this one
 * errors=true                a span has an error tag
 * breaks=true                the break analysis found a break in the trace
 * incomplete=true            an orphan, a duplicate id or a cycle
 * }</pre>
 */
public final class TraceSearch {

	/** Traces the finding filter examines at most, newest first: each is analysed once, then remembered. */
	public static final int MAX_FINDING_SCAN = 1000;

	/** Tags one search may ask for: each costs a look-up per span examined. */
	static final int MAX_TAGS = 20;

	private static final Pattern SINCE = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

	private TraceSearch() {
	}

	/**
	 * The parameters a search may have, besides the limit and the finding.
	 *
	 * @param service a local service, or null
	 * @param spanName a span name, or null
	 * @param remoteService a callee, or null
	 * @param tags tags as written, or null
	 * @param minDuration microseconds, 0 or more
	 * @param maxDuration microseconds, or null
	 * @param since how long before now, or null
	 * @param from an ISO-8601 instant, or null
	 * @param to an ISO-8601 instant, or null
	 * @param errors errors only
	 * @param breaks traces with breaks only
	 * @param incomplete incomplete traces only
	 */
	public record Parameters(String service, String spanName, String remoteService, List<String> tags, long minDuration,
			Long maxDuration, String since, String from, String to, boolean errors, boolean breaks, boolean incomplete) {
	}

	/**
	 * The query the parameters ask for.
	 *
	 * @param p the parameters
	 * @param limit the most traces to list
	 * @param now the moment {@code since} counts back from
	 * @param broken the traces with breaks, asked for only when {@code breaks=true}
	 * @return the query
	 * @throws ApiProblem 400 naming the first parameter that cannot be read
	 */
	public static TraceQuery query(Parameters p, int limit, Instant now, Supplier<Set<String>> broken) {
		if (p.minDuration() < 0) {
			throw ApiProblem.badRequest("min_duration: expected microseconds, 0 or more, found " + p.minDuration());
		}
		long maxDuration = (p.maxDuration() != null) ? p.maxDuration() : TraceQuery.ANY_DURATION;
		if (maxDuration < p.minDuration()) {
			throw ApiProblem.badRequest("max_duration: expected microseconds, at least min_duration (" + p.minDuration()
					+ "), found " + maxDuration);
		}
		long from = TraceQuery.ANY_START_FROM;
		long to = TraceQuery.ANY_START_TO;
		if (p.since() != null) {
			if (p.from() != null || p.to() != null) {
				throw ApiProblem.badRequest("since: expected either since or from and to, not both");
			}
			from = micros(now.minus(since(p.since())));
		}
		if (p.from() != null) {
			from = micros(instant("from", p.from()));
		}
		if (p.to() != null) {
			to = micros(instant("to", p.to()));
		}
		if (to < from) {
			throw ApiProblem.badRequest("to: expected an instant at or after from (" + p.from() + "), found " + p.to());
		}
		return new TraceQuery(limit, p.service(), p.spanName(), p.remoteService(), tags(p.tags()), p.minDuration(),
				maxDuration, from, to, p.errors(), p.incomplete(), p.breaks() ? broken.get() : null);
	}

	private static List<TraceQuery.Tag> tags(List<String> written) {
		if (written == null) {
			return List.of();
		}
		if (written.size() > MAX_TAGS) {
			throw ApiProblem.badRequest("tag: expected at most " + MAX_TAGS + " tags, found " + written.size());
		}
		List<TraceQuery.Tag> tags = new ArrayList<>(written.size());
		for (String tag : written) {
			if (tag.isEmpty() || tag.startsWith("=")) {
				throw ApiProblem.badRequest("tag: expected key=value or key (a key alone: the tag with any value), found \""
						+ tag + "\"");
			}
			tags.add(TraceQuery.Tag.parse(tag));
		}
		return tags;
	}

	private static Duration since(String text) {
		Matcher m = SINCE.matcher(text);
		if (!m.matches()) {
			throw ApiProblem.badRequest("since: expected a time before now, a number and s, m, h or d (15m, 1h, 1d), found \""
					+ text + "\"");
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
	}

	private static Instant instant(String name, String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeException ex) {
			throw ApiProblem.badRequest(name + ": expected an ISO-8601 instant such as 2026-12-07T09:00:00Z, found \""
					+ text + "\"");
		}
	}

	/** Epoch microseconds, saturated: an instant beyond them is before or after every span. */
	private static long micros(Instant instant) {
		try {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
		}
		catch (ArithmeticException ex) {
			return (instant.getEpochSecond() < 0) ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - 1;
		}
	}

}
