package dev.tracer.web;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AllowedHosts}, on a machine named {@code devbox} with one interface at {@code 192.168.1.20} and
 * {@code fe80::1}, and {@code tracer.local} configured.
 */
class AllowedHostsTest {

	private final AtomicLong clock = new AtomicLong();

	private final Set<InetAddress> interfaces = new HashSet<>(Set.of(address("192.168.1.20"), address("fe80::1")));

	private final AllowedHosts hosts = new AllowedHosts(List.of("Tracer.Local.", "10.9.8.7"), List.of("devbox"),
			() -> Set.copyOf(interfaces), clock::get);

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "localhost:8080", "LOCALHOST:8080", "localhost.", "app.localhost:3000",
			"127.0.0.1", "127.0.0.1:8080", "127.1.2.3:80", "[::1]", "[::1]:8080", "[0:0:0:0:0:0:0:1]:8080",
			"devbox:8080", "DevBox", "192.168.1.20:8080", "[fe80::1]:8080", "[FE80:0::1]", "tracer.local:8080",
			"tracer.local", "10.9.8.7:9411", "localhost:" })
	void permits_expectedHost_isTrue(String host) {
		assertThat(hosts.permits(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.evil.example",
			"devbox.evil.example", "192.168.1.21", "8.8.8.8:80", "[2001:db8::1]:8080", "[::1", "[::1]x", "localhost:80:80",
			"localhost:http", "local host", "localhost\u0000", "évil.example", "[::1]:8080@evil.example" })
	void permits_unexpectedHost_isFalse(String host) {
		assertThat(hosts.permits(host)).isFalse();
	}

	/** An HTTP/1.0 request may have no Host: it names no other site, and no browser sends one. */
	@ParameterizedTest
	@NullAndEmptySource
	void permits_noHost_isTrue(String host) {
		assertThat(hosts.permits(host)).isTrue();
	}

	@Test
	void permits_star_isEveryHost() {
		AllowedHosts any = new AllowedHosts(List.of("*"), List.of(), Set::of, clock::get);

		assertThat(any.permits("evil.example:8080")).isTrue();
	}

	/** A laptop joins another network: its new address is taken once the interfaces are read again. */
	@Test
	void permits_newInterfaceAddress_isTakenAfterTheReread() {
		interfaces.add(address("10.0.0.5"));

		assertThat(hosts.permits("10.0.0.5")).as("within the reread interval").isFalse();
		clock.addAndGet(AllowedHosts.INTERFACES_REREAD_AFTER_NANOS);
		assertThat(hosts.permits("10.0.0.5")).isTrue();
		assertThat(hosts.permits("10.9.8.7")).as("configured addresses stay after a reread").isTrue();
	}

	@Test
	void ofThisMachine_permitsItsOwnNameAndAddresses() throws Exception {
		AllowedHosts machine = AllowedHosts.ofThisMachine(List.of());
		InetAddress local = InetAddress.getLocalHost();

		assertThat(machine.permits(local.getHostName() + ":8080")).isTrue();
		assertThat(machine.permits("localhost:8080")).isTrue();
		assertThat(machine.permits("evil.example")).isFalse();
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (java.net.UnknownHostException ex) {
			throw new AssertionError(ex);
		}
	}

}
