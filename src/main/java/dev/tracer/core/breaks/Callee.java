package dev.tracer.core.breaks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whom a client span called, as the usual instrumentations name it, and whether the analysed spans
 * hold any span of it. The first row present names the callee; every service and host row is an
 * identity that may be found among the traced. A call that carries a database statement or a
 * messaging system went to a store or a broker, which writes no spans, whatever its remote service
 * says: Brave's Cassandra and MySQL instrumentations name the keyspace or the caller itself there.
 *
 * <pre>{@code
 * basis                        example                   says
 * remoteEndpoint.serviceName   mysql, backend            the service (Zipkin, B3)
 * peer.service                 payments                  the service (OpenTelemetry)
 * db.system                    postgresql, h2            a database: it writes no spans
 * messaging.system             kafka                     a broker: it writes no spans
 * rpc.system                   aws-api, grpc             an RPC; rpc.service names the service
 * server.address               api.stripe.com            the host
 * net.peer.name                api.stripe.com            the host (older semantic conventions)
 * client.name                  backend                   the host (Spring's client observations)
 * url.full, http.url           https://h:443/v1/charges  the host of the URL
 *
 * store tags (the call went to a database or a broker, whatever names it)
 * db.system, db.statement, db.query.text, sql.query, messaging.system
 * cassandra.query, cassandra.keyspace, cassandra.tried_hosts  (a batch statement carries only the last)
 * }</pre>
 *
 * A host is an identity only when it is a name other than the machine's own: {@code localhost} or an
 * IP address says where the call went, not whose it was, so alone it leaves the callee unknown. A
 * host matches a traced name when equal to it or when its first label is
 * ({@code backend.prod.svc.cluster.local} is {@code backend}), ignoring case.
 *
 * @param name the callee as the span names it ({@code mysql}, {@code api.stripe.com}; {@code a database} for a
 * statement and nothing else), or null when unknown
 * @param basis where the name comes from (a row's first column), or null when unknown
 * @param identities the service names and hosts to look for among the traced, lowercase; empty for a store
 */
public record Callee(String name, String basis, List<String> identities) {

	/** A call of which nothing says whom it called. */
	public static final Callee UNKNOWN = new Callee(null, null, List.of());

	private static final String[] STORE_TAGS = { "db.system", "db.statement", "db.query.text", "sql.query",
			"cassandra.query", "cassandra.keyspace", "cassandra.tried_hosts", "messaging.system" };

	private static final String[] SERVICE_TAGS = { "peer.service", "rpc.service" };

	private static final String[] URL_TAGS = { "url.full", "http.url" };

	/** The tags of a client span that name the host it called: the host rows, then the URL rows. */
	private static final String[] HOST_TAGS = { "server.address", "net.peer.name", "client.name", "url.full",
			"http.url" };

	/**
	 * The tags of a server span that name its own host, so that callers naming that host find it traced:
	 * host tags, then the URL tags.
	 */
	private static final String[] SERVER_HOST_TAGS = { "server.address", "net.host.name", "http.host", "url.full",
			"http.url" };

	public Callee {
		identities = List.copyOf(identities);
		if ((name == null) != (basis == null)) {
			throw new IllegalArgumentException("name " + name + " with basis " + basis);
		}
	}

	/**
	 * The callee a client span names.
	 *
	 * @param call the client span, never null
	 * @return the callee, {@link #UNKNOWN} when nothing names it
	 */
	public static Callee of(HopSpan call) {
		List<String> identities = new ArrayList<>(2);
		String name = null;
		String basis = null;
		if (usable(call.remoteService())) {
			name = call.remoteService();
			basis = "remoteEndpoint.serviceName";
			identities.add(lowercase(name));
		}
		for (String key : SERVICE_TAGS) {
			String service = call.tag(key);
			if (usable(service)) {
				identities.add(lowercase(service));
				if (name == null && key.equals("peer.service")) {
					name = service;
					basis = key;
				}
			}
		}
		for (String key : new String[] { "db.system", "messaging.system", "rpc.system" }) {
			String system = call.tag(key);
			if (name == null && usable(system)) {
				name = (key.equals("rpc.system") && usable(call.tag("rpc.service"))) ? call.tag("rpc.service") : system;
				basis = key;
			}
		}
		for (String key : HOST_TAGS) {
			String host = hostNamedBy(call, key);
			if (host != null) {
				identities.add(host);
				if (name == null) {
					name = host;
					basis = key;
				}
			}
		}
		String store = firstStoreTag(call);
		if (store != null) {
			String unnamed = store.equals("messaging.system") ? "a broker" : "a database";
			return new Callee((name != null) ? name : unnamed, store, List.of());
		}
		return (name == null) ? UNKNOWN : new Callee(name, basis, identities);
	}

	private static String firstStoreTag(HopSpan call) {
		for (String key : STORE_TAGS) {
			if (call.tag(key) != null) {
				return key;
			}
		}
		return null;
	}

	/** Whether anything names the callee. */
	public boolean known() {
		return name != null;
	}

	/**
	 * Whether one of the callee's identities is among the traced: never for a store or a broker.
	 *
	 * @param traced the lowercase service names and hosts that spans were recorded by, never null
	 * @return whether a span of the callee reaches the spans analysed
	 */
	public boolean tracedAmong(Set<String> traced) {
		for (String identity : identities) {
			if (traced.contains(identity)) {
				return true;
			}
			int dot = identity.indexOf('.');
			if (dot > 0 && traced.contains(identity.substring(0, dot))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Adds the names a span was recorded under: its service and, for a server span, the host it served.
	 *
	 * @param span any span, never null
	 * @param traced the names so far, lowercase; grows
	 */
	static void addTracedNames(HopSpan span, Set<String> traced) {
		if (usable(span.localService())) {
			traced.add(lowercase(span.localService()));
		}
		if (span.kind() != HopSpan.Kind.SERVER) {
			return;
		}
		for (String key : SERVER_HOST_TAGS) {
			String host = hostNamedBy(span, key);
			if (host != null) {
				traced.add(host);
			}
		}
	}

	/** The host a span's tag names: a URL tag's host, another tag's value without its port; null when none. */
	private static String hostNamedBy(HopSpan span, String key) {
		String value = span.tag(key);
		for (String urlTag : URL_TAGS) {
			if (urlTag.equals(key)) {
				return hostOfUrl(value);
			}
		}
		return hostOf(value);
	}

	/** Zipkin writes {@code "unknown"} for a service nobody named. */
	private static boolean usable(String value) {
		return value != null && !value.isBlank() && !value.equalsIgnoreCase("unknown");
	}

	private static String lowercase(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

	/** {@code https://user@api.stripe.com:443/v1?x} gives {@code api.stripe.com}; a relative URL, null. */
	static String hostOfUrl(String url) {
		if (url == null) {
			return null;
		}
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return null;
		}
		int start = scheme + 3;
		int end = start;
		while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
			end++;
		}
		String authority = url.substring(start, end);
		return hostOf(authority.substring(authority.lastIndexOf('@') + 1));
	}

	/**
	 * {@code api.stripe.com:443} gives {@code api.stripe.com}; {@code localhost}, an IPv4 or IPv6
	 * address, an empty host give null: they say where, not whose.
	 */
	static String hostOf(String hostAndPort) {
		if (!usable(hostAndPort) || hostAndPort.startsWith("[") || hostAndPort.indexOf(':') != hostAndPort.lastIndexOf(':')) {
			return null;
		}
		int colon = hostAndPort.indexOf(':');
		String host = lowercase((colon < 0) ? hostAndPort : hostAndPort.substring(0, colon)).trim();
		if (host.isEmpty() || host.equals("localhost") || host.endsWith(".localhost") || isIpv4(host)) {
			return null;
		}
		return host;
	}

	private static boolean isIpv4(String host) {
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (c != '.' && (c < '0' || c > '9')) {
				return false;
			}
		}
		return true;
	}

}
