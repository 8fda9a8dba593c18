package dev.tracer.core.breaks;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static dev.tracer.core.breaks.Hop.client;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link Callee}: who a call names, and whether it is among the traced. */
class CalleeTest {

	private static final Hop CALL = client("a", "c1", "f1", "orders", 10, 20);

	private static final Set<String> TRACED = Set.of("orders", "backend", "auth");

	/** One tag on a call, the callee it names, on what basis, and whether that callee is traced. */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(textBlock = """
			peer.service,     payments,                                     payments,                        peer.service,   false
			peer.service,     backend,                                      backend,                         peer.service,   true
			db.system,        postgresql,                                   postgresql,                      db.system,      false
			messaging.system, kafka,                                        kafka,                           messaging.system, false
			rpc.system,       aws-api,                                      aws-api,                         rpc.system,     false
			server.address,   api.stripe.com,                               api.stripe.com,                  server.address, false
			server.address,   Backend:8081,                                 backend,                         server.address, true
			net.peer.name,    backend.prod.svc.cluster.local,               backend.prod.svc.cluster.local,  net.peer.name,  true
			client.name,      backend,                                      backend,                         client.name,    true
			url.full,         https://user@api.stripe.com:443/v1/charges?x, api.stripe.com,                  url.full,       false
			http.url,         http://backend/api/data,                      backend,                         http.url,       true
			sql.query,        select 1,                                     a database,                      sql.query,      false
			cassandra.tried_hosts, 10.0.0.117,                              a database,                      cassandra.tried_hosts, false
			""")
	void of_oneTag_namesCallee(String key, String value, String name, String basis, boolean traced) {
		Callee callee = Callee.of(CALL.with(key, value));

		assertThat(callee.name()).isEqualTo(name);
		assertThat(callee.basis()).isEqualTo(basis);
		assertThat(callee.tracedAmong(TRACED)).isEqualTo(traced);
	}

	/** {@code localhost} and IP addresses say where a call went, not whose it was. */
	@ParameterizedTest
	@CsvSource({ "server.address, localhost", "server.address, 10.0.0.3", "server.address, ::1",
			"http.url, http://localhost:8081/api/data", "http.url, http://127.0.0.1:8081/api/data",
			"http.url, http://[::1]:8081/api/data", "http.url, /api/data", "peer.service, unknown" })
	void of_placeOnly_unknown(String key, String value) {
		assertThat(Callee.of(CALL.with(key, value))).isEqualTo(Callee.UNKNOWN);
	}

	@Test
	void of_nothing_unknown() {
		assertThat(Callee.of(CALL)).isEqualTo(Callee.UNKNOWN);
		assertThat(Callee.UNKNOWN.known()).isFalse();
	}

	/**
	 * Brave's Cassandra instrumentation names the keyspace as the remote service, here the caller's own
	 * name: the statement says it is a database.
	 */
	@Test
	void of_statementWithTracedRemoteService_untracedStore() {
		Callee cassandra = Callee.of(client("a", "c1", "f1", "auth", 10, 20).calling("auth")
			.with("cassandra.keyspace", "auth"));

		assertThat(cassandra.name()).isEqualTo("auth");
		assertThat(cassandra.basis()).isEqualTo("cassandra.keyspace");
		assertThat(cassandra.tracedAmong(TRACED)).isFalse();
	}

	@Test
	void of_remoteServiceFirst() {
		Callee callee = Callee.of(CALL.calling("memcache").with("server.address", "cache-1.internal"));

		assertThat(callee.name()).isEqualTo("memcache");
		assertThat(callee.basis()).isEqualTo("remoteEndpoint.serviceName");
		assertThat(callee.identities()).containsExactly("memcache", "cache-1.internal");
	}

}
