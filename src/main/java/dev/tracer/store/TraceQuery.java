package dev.tracer.store;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tracer.core.breaks.Callee;
import dev.tracer.core.breaks.HopSpan;
import dev.tracer.core.context.TraceId;
import zipkin2.Span;

/**
 * Which traces the list shows: the newest {@code limit} that {@link #matches} admits. One value, one
 * rule, so every {@link SpanStore} filters the same way (a store that can ask its backend to filter,
 * as the Zipkin store does, asks only what the backend answers by the same rule, and checks here).
 *
 * <pre>{@code
 * limit                50                at most this many, newest first
 * service              "backend"         a span of this local service; when set, the three below must be met by its spans
 * spanName             "get /api"        a span with this name
 * remoteService        "mysql"           a span (not a server span) whose callee (core/breaks/Callee) is this
 * tags                 [error, http.status_code=500]   each met by a span: key alone = has the tag
 * minDurationMicros    250000            the trace lasted at least this long; 0: any
 * maxDurationMicros    900000            ... and at most this long; Long.MAX_VALUE: any
 * startFromMicros      1700000000000000  the trace began at or after this (epoch µs); Long.MIN_VALUE: any
 * startToMicros        1700000900000000  ... and at or before this; Long.MAX_VALUE: any
 * errorsOnly           true              at least one span has an "error" tag
 * incompleteOnly       true              the tree had to tolerate an orphan, a duplicate id or a cycle
 * traceIds             {4bf9...}         only these traces (W3C form), e.g. those with breaks; null: any
 * }</pre>
 *
 * <p>Names compare ignoring case (Zipkin's model keeps service and span names lowercase); tag keys and
 * values compare exactly. The service constrains the other span criteria as Zipkin's query API does:
 * {@code service=backend, spanName=query} asks for a trace where a backend span is named query. Each
 * criterion may be met by a different span; a trace matches when every criterion given is met.
 *
 * <p>The span criteria are answered from the trace's spans ({@link #matchesSpans}), the trace criteria
 * from its summary ({@link #matchesSummary}): a store checks the first before it summarises, so a
 * trace the spans rule out costs one pass over its spans and no tree. Nothing per trace is kept for
 * the search: a trace's names and tags are read when the list is asked for, not indexed, so a store
 * of a million spans holds no more memory for it (and a search reads each trace it examines once).
 *
 * @param limit the most summaries to return, 0 or more
 * @param service the local service a span of the trace must have, or null for any
 * @param spanName the name a span must have, or null for any
 * @param remoteService the callee a span must have called, or null for any
 * @param tags the tags the trace's spans must have, each met by some span; empty for any
 * @param minDurationMicros the least duration, 0 or more
 * @param maxDurationMicros the greatest duration, at least {@code minDurationMicros}
 * @param startFromMicros the earliest start, epoch microseconds
 * @param startToMicros the latest start, at least {@code startFromMicros}
 * @param errorsOnly whether only traces with an error qualify
 * @param incompleteOnly whether only traces with an orphan, a duplicate id or a cycle qualify
 * @param traceIds the only traces that qualify, in W3C form ({@link TraceId#w3cForm}), or null for any
 */
public record TraceQuery(int limit, String service, String spanName, String remoteService, List<Tag> tags,
		long minDurationMicros, long maxDurationMicros, long startFromMicros, long startToMicros, boolean errorsOnly,
		boolean incompleteOnly, Set<String> traceIds) {

	/** Any time: no bound on the start. */
	public static final long ANY_START_FROM = Long.MIN_VALUE;

	/** Any time: no bound on the start. */
	public static final long ANY_START_TO = Long.MAX_VALUE;

	/** Any duration: no upper bound. */
	public static final long ANY_DURATION = Long.MAX_VALUE;

	public TraceQuery {
		if (limit < 0) {
			throw new IllegalArgumentException("limit < 0: " + limit);
		}
		if (minDurationMicros < 0) {
			throw new IllegalArgumentException("minDurationMicros < 0: " + minDurationMicros);
		}
		if (maxDurationMicros < minDurationMicros) {
			throw new IllegalArgumentException("maxDurationMicros < minDurationMicros: " + maxDurationMicros);
		}
		if (startToMicros < startFromMicros) {
			throw new IllegalArgumentException("startToMicros < startFromMicros: " + startToMicros);
		}
		service = name(service);
		spanName = name(spanName);
		remoteService = name(remoteService);
		tags = List.copyOf(tags);
		// not copied: the set of traces with breaks is made for one query and can be large
		traceIds = (traceIds != null) ? Collections.unmodifiableSet(traceIds) : null;
	}

	/** The query before filters were added: limit, service, least duration, errors. */
	public TraceQuery(int limit, String service, long minDurationMicros, boolean errorsOnly) {
		this(limit, service, null, null, List.of(), minDurationMicros, ANY_DURATION, ANY_START_FROM, ANY_START_TO,
				errorsOnly, false, null);
	}

	/** The newest traces, unfiltered. */
	public static TraceQuery newest(int limit) {
		return new TraceQuery(limit, null, 0L, false);
	}

	private static String name(String name) {
		return (name == null || name.isBlank()) ? null : name.trim().toLowerCase(Locale.ROOT);
	}

	/** This query with another limit. */
	public TraceQuery withLimit(int limit) {
		return new TraceQuery(limit, service, spanName, remoteService, tags, minDurationMicros, maxDurationMicros,
				startFromMicros, startToMicros, errorsOnly, incompleteOnly, traceIds);
	}

	/** Whether anything but the limit is asked for. */
	public boolean filtered() {
		return !equals(newest(limit));
	}

	/** Whether a trace with these spans and this summary is listed: {@link #matchesSpans} and {@link #matchesSummary}. */
	public boolean matches(TraceSummary summary, List<Span> spans) {
		return matchesSpans(summary.traceId(), spans) && matchesSummary(summary);
	}

	/**
	 * The criteria the trace's id and spans answer: the trace ids, the service, the span name, the
	 * remote service and the tags.
	 *
	 * @param traceId the trace's id, 16 or 32 hex
	 * @param spans the trace's spans as stored
	 * @return whether every such criterion given is met
	 */
	public boolean matchesSpans(String traceId, List<Span> spans) {
		if (traceIds != null && !traceIds.contains(TraceId.w3cForm(traceId))) {
			return false;
		}
		if (service == null && spanName == null && remoteService == null && tags.isEmpty()) {
			return true;
		}
		boolean serviceMet = service == null;
		boolean nameMet = spanName == null;
		boolean tagsMet = tags.isEmpty();
		boolean[] tagMet = new boolean[tags.size()];
		for (Span span : spans) {
			if (service != null && !service.equalsIgnoreCase(span.localServiceName())) {
				continue;
			}
			serviceMet = true;
			nameMet = nameMet || spanName.equalsIgnoreCase(span.name());
			if (!tagsMet) {
				tagsMet = markTags(span.tags(), tagMet);
			}
		}
		return serviceMet && nameMet && tagsMet && (remoteService == null || calls(spans));
	}

	/** Marks the tags this span's tags meet; answers whether all are met now. */
	private boolean markTags(Map<String, String> spanTags, boolean[] met) {
		boolean all = true;
		for (int i = 0; i < met.length; i++) {
			met[i] = met[i] || tags.get(i).metBy(spanTags);
			all = all && met[i];
		}
		return all;
	}

	/** Whether a span of the service called the remote service: each RPC once, its callee by Callee's rule. */
	private boolean calls(List<Span> spans) {
		for (StoredSpan span : StoredSpan.rpcs(spans)) {
			if (span.kind() != HopSpan.Kind.SERVER && (service == null || service.equalsIgnoreCase(span.localService()))
					&& remoteService.equalsIgnoreCase(Callee.of(span).name())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The criteria the trace's summary answers: duration, start, errors, incomplete. A trace whose start
	 * is unknown matches no time range.
	 *
	 * @param summary the trace's summary
	 * @return whether every such criterion given is met
	 */
	public boolean matchesSummary(TraceSummary summary) {
		boolean timed = startFromMicros == ANY_START_FROM && startToMicros == ANY_START_TO;
		if (!timed) {
			timed = summary.startMicros() != 0 && summary.startMicros() >= startFromMicros
					&& summary.startMicros() <= startToMicros;
		}
		return timed && summary.durationMicros() >= minDurationMicros && summary.durationMicros() <= maxDurationMicros
				&& (!errorsOnly || summary.errorCount() > 0) && (!incompleteOnly || summary.incomplete());
	}

	/**
	 * One tag a span must have: {@code key=value}, or {@code key} alone for any value.
	 *
	 * @param key the tag key, not empty
	 * @param value the value it must have, or null for any
	 */
	public record Tag(String key, String value) {

		public Tag {
			if (key == null || key.isEmpty()) {
				throw new IllegalArgumentException("tag key is empty");
			}
		}

		/**
		 * {@code key=value} (split at the first {@code =}; the value may be empty) or {@code key}.
		 *
		 * @param text the tag as written
		 * @return the tag
		 * @throws IllegalArgumentException if the key is empty
		 */
		public static Tag parse(String text) {
			int equals = text.indexOf('=');
			return (equals < 0) ? new Tag(text, null) : new Tag(text.substring(0, equals), text.substring(equals + 1));
		}

		/** Whether a span with these tags has this one. */
		public boolean metBy(Map<String, String> spanTags) {
			String found = spanTags.get(key);
			return found != null && (value == null || value.equals(found));
		}

		@Override
		public String toString() {
			return (value == null) ? key : key + "=" + value;
		}

	}

}
