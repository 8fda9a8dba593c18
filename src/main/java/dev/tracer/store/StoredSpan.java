package dev.tracer.store;

import java.util.ArrayList;
import java.util.List;

import dev.tracer.core.findings.FindingSpan;
import dev.tracer.core.context.TraceId;
import dev.tracer.core.tree.ClockSkew;
import dev.tracer.core.tree.SharedSpans;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * A Zipkin span as the core's trace tree, break analysis and findings see it: one span as stored, or one RPC
 * whose client and server halves shared a span id, joined by {@link #rpcs} (docs/design.md,
 * decision 13). Zipkin has already normalised the ids (lowercase hex, left-padded); the trace id is
 * given in W3C form ({@link TraceId#w3cForm}), because Zipkin's model writes a 32-hex id whose high half
 * is zero as its low 16 hex, and tracer names a trace by one id whichever form it came in. An RPC is
 * read through its client half: the caller's view of the call.
 *
 * <pre>{@code
 * Span.traceId()    -> traceId()        32 hex: a 16-hex id left-padded with zeros
 * Span.id()         -> spanId()
 * Span.parentId()   -> parentId()       null for a root; an RPC's client half's, else its server half's
 * Span.timestamp()  -> startMicros()    0 when absent
 * Span.duration()   -> durationMicros() 0 when absent
 * Span.kind()       -> kind()           PRODUCER, CONSUMER and none are OTHER
 * Span.localServiceName(), remoteServiceName(), tags().get(key) as they are (tag: the server half's
 * when the client half has none)
 * Span.name()       -> name()
 * an "error" tag    -> failed()         the one rule for a span in error, on either half of an RPC: Brave
 *                                      tags it on an exception or a 5xx, the OTLP intake on status ERROR
 * }</pre>
 *
 * @param span the Zipkin span, never null; for an RPC its CLIENT half
 * @param server an RPC's SERVER half, same span id; null for a span as stored
 */
public record StoredSpan(Span span, Span server) implements FindingSpan {

	/** How Zipkin spans pair up into RPCs: {@link SharedSpans}' one rule, applied to stored spans. */
	private static final SharedSpans.Halves<StoredSpan> HALVES = new SharedSpans.Halves<>() {

		@Override
		public SharedSpans.Side side(StoredSpan span) {
			Span.Kind kind = span.span().kind();
			return (kind == Span.Kind.CLIENT) ? SharedSpans.Side.CLIENT
					: (kind == Span.Kind.SERVER) ? SharedSpans.Side.SERVER : SharedSpans.Side.OTHER;
		}

		@Override
		public StoredSpan join(StoredSpan client, StoredSpan server) {
			return new StoredSpan(client.span(), server.span());
		}

	};

	/**
	 * Hosts are the local endpoint's service and address: two instances of a service have two clocks.
	 * A message consumer need not run within its producer.
	 */
	private static final ClockSkew.Clocks<StoredSpan> CLOCKS = new ClockSkew.Clocks<>() {

		@Override
		public String host(StoredSpan span) {
			Endpoint local = span.span().localEndpoint();
			if (local == null) {
				return null;
			}
			String address = (local.ipv4() != null) ? local.ipv4() : local.ipv6();
			if (local.serviceName() == null && address == null) {
				return null;
			}
			return local.serviceName() + "@" + ((address != null) ? address : "");
		}

		@Override
		public boolean fitsParent(StoredSpan span) {
			return span.span().kind() != Span.Kind.CONSUMER;
		}

		@Override
		public StoredSpan serverHalf(StoredSpan span) {
			return span.rpc() ? new StoredSpan(span.server()) : null;
		}

	};

	public StoredSpan {
		if (span == null) {
			throw new NullPointerException("span");
		}
		if (server != null && !server.id().equals(span.id())) {
			throw new IllegalArgumentException("an RPC's halves share one span id: " + span.id() + ", " + server.id());
		}
	}

	/** A span as stored, not joined with another. */
	public StoredSpan(Span span) {
		this(span, null);
	}

	/**
	 * The spans of a trace as the API and the viewer read them: each RPC's client and server halves
	 * joined into one span by {@link SharedSpans#merge}, every other span as stored.
	 *
	 * @param spans the stored spans, arrival order
	 * @return the spans to build a tree of, in the order of their first arrival
	 */
	public static List<StoredSpan> rpcs(List<Span> spans) {
		List<StoredSpan> stored = new ArrayList<>(spans.size());
		for (Span span : spans) {
			stored.add(new StoredSpan(span));
		}
		return SharedSpans.merge(stored, HALVES);
	}

	/** Where a host's clock put these spans, and by which host: for {@link ClockSkew#of}. */
	public static ClockSkew.Clocks<StoredSpan> clocks() {
		return CLOCKS;
	}

	/** Whether this is an RPC's two halves. */
	public boolean rpc() {
		return server != null;
	}

	@Override
	public String traceId() {
		return TraceId.w3cForm(span.traceId());
	}

	@Override
	public String spanId() {
		return span.id();
	}

	@Override
	public String parentId() {
		// Zipkin backfills a server half's missing parent from its client: the reverse is as true
		return (span.parentId() != null || server == null) ? span.parentId() : server.parentId();
	}

	@Override
	public long startMicros() {
		return span.timestampAsLong();
	}

	@Override
	public long durationMicros() {
		return span.durationAsLong();
	}

	@Override
	public Kind kind() {
		if (span.kind() == Span.Kind.CLIENT) {
			return Kind.CLIENT;
		}
		return (span.kind() == Span.Kind.SERVER) ? Kind.SERVER : Kind.OTHER;
	}

	@Override
	public String localService() {
		return span.localServiceName();
	}

	@Override
	public String remoteService() {
		return (server != null && server.localServiceName() != null) ? server.localServiceName() : span.remoteServiceName();
	}

	@Override
	public String tag(String key) {
		String value = span.tags().get(key);
		return (value != null || server == null) ? value : server.tags().get(key);
	}

	@Override
	public String name() {
		return span.name();
	}

	/** A Zipkin PRODUCER or CONSUMER span: the critical path follows its hand-offs past its parent's end. */
	@Override
	public boolean messaging() {
		return span.kind() == Span.Kind.PRODUCER || span.kind() == Span.Kind.CONSUMER;
	}

	/** Whether either half has an {@code error} tag: the one rule for a span in error. */
	@Override
	public boolean failed() {
		return span.tags().containsKey("error") || (server != null && server.tags().containsKey("error"));
	}

}
