package dev.tracer.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The names a request's {@code Host} may give for this server: a page of another site that rebinds its own
 * name to 127.0.0.1 (DNS rebinding) reaches the server with that site's name in {@code Host}, so refusing
 * names the user did not expect closes the door, whatever the address the connection came to.
 *
 * <p>Permitted: {@code localhost} and its subdomains ({@code *.localhost}, which RFC 6761 reserves for the
 * loopback), any loopback address ({@code 127.0.0.0/8}, {@code [::1]}), this machine's names as the JVM knows
 * them (taken once, at start) and the addresses of its network interfaces (read again, at most every
 * {@link #INTERFACES_REREAD_AFTER_NANOS} nanoseconds, when an address not among them is asked for: a laptop
 * changes networks), and the configured names ({@code tracer.web.allowed-hosts}), of which {@code *}
 * permits every host. Names compare without case and without a trailing dot; addresses compare as
 * addresses, so {@code [::1]} and {@code [0:0:0:0:0:0:0:1]} are one. The port is not compared: the
 * connection already came to the port the server listens on.
 *
 * <p>No name is ever resolved when a request is checked: an address is recognised only in its literal
 * form (dotted IPv4 or bracketed IPv6), and everything else is a name, looked up in the set.
 */
public final class AllowedHosts {

	static final long INTERFACES_REREAD_AFTER_NANOS = 10_000_000_000L;

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	/** What a host name or address may be made of; anything else is refused without being looked at. */
	private static final Pattern HOST_CHARACTERS = Pattern.compile("[A-Za-z0-9._\\-:\\[\\]%]{1,255}");

	private final boolean any;

	private final Set<String> names;

	private final Supplier<Set<InetAddress>> interfaces;

	private final LongSupplier nanoTime;

	private volatile Set<InetAddress> addresses;

	private volatile long addressesReadNanos;

	/**
	 * @param configured the names or addresses the user added; {@code *} permits every host
	 * @param machineNames this machine's names
	 * @param interfaces reads the addresses of this machine's interfaces
	 * @param nanoTime the clock that spaces the rereads
	 */
	AllowedHosts(Collection<String> configured, Collection<String> machineNames, Supplier<Set<InetAddress>> interfaces,
			LongSupplier nanoTime) {
		Set<String> names = new HashSet<>();
		Set<InetAddress> configuredAddresses = new HashSet<>();
		boolean any = false;
		for (String host : configured) {
			String name = normalized(host);
			if (name.equals("*")) {
				any = true;
				continue;
			}
			InetAddress literal = literal(name);
			if (literal != null) {
				configuredAddresses.add(literal);
			}
			else if (!name.isEmpty()) {
				names.add(name);
			}
		}
		machineNames.stream().map(AllowedHosts::normalized).filter((name) -> !name.isEmpty()).forEach(names::add);
		names.add("localhost");
		this.any = any;
		this.names = Set.copyOf(names);
		this.nanoTime = nanoTime;
		this.interfaces = () -> {
			Set<InetAddress> all = new HashSet<>(interfaces.get());
			all.addAll(configuredAddresses);
			return Set.copyOf(all);
		};
		this.addresses = this.interfaces.get();
		this.addressesReadNanos = nanoTime.getAsLong();
	}

	/**
	 * The hosts of this machine and the configured ones.
	 *
	 * @param configured {@code tracer.web.allowed-hosts}
	 */
	public static AllowedHosts ofThisMachine(List<String> configured) {
		return new AllowedHosts(configured, machineNames(), AllowedHosts::interfaceAddresses, System::nanoTime);
	}

	/**
	 * Whether a request with this {@code Host} header is for this server.
	 *
	 * @param hostHeader the header's value, {@code name[:port]} or {@code [v6address][:port]}; null or blank
	 * (an HTTP/1.0 request, which no browser sends) is permitted, as it names no other site
	 */
	public boolean permits(String hostHeader) {
		if (any || hostHeader == null || hostHeader.isBlank()) {
			return true;
		}
		if (!HOST_CHARACTERS.matcher(hostHeader).matches()) {
			return false;
		}
		String host = normalized(withoutPort(hostHeader));
		if (host == null || host.isEmpty()) {
			return false;
		}
		InetAddress address = literal(host);
		if (address == null) {
			return names.contains(host) || host.endsWith(".localhost");
		}
		if (address.isLoopbackAddress() || addresses.contains(address)) {
			return true;
		}
		long now = nanoTime.getAsLong();
		if (now - addressesReadNanos >= INTERFACES_REREAD_AFTER_NANOS) {
			addressesReadNanos = now;
			addresses = interfaces.get();
			return addresses.contains(address);
		}
		return false;
	}

	/** The host of a {@code Host} value, brackets removed from an IPv6 address; null if malformed. */
	private static String withoutPort(String hostHeader) {
		if (hostHeader.startsWith("[")) {
			int close = hostHeader.indexOf(']');
			if (close < 0) {
				return null;
			}
			String rest = hostHeader.substring(close + 1);
			if (!rest.isEmpty() && !rest.matches(":\\d{0,5}")) {
				return null;
			}
			return hostHeader.substring(1, close);
		}
		int colon = hostHeader.indexOf(':');
		if (colon < 0) {
			return hostHeader;
		}
		if (!hostHeader.substring(colon).matches(":\\d{0,5}")) {
			return null;
		}
		return hostHeader.substring(0, colon);
	}

	private static String normalized(String host) {
		if (host == null) {
			return null;
		}
		String name = host.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	/** The address a literal names, without any lookup; null for a name. */
	private static InetAddress literal(String host) {
		boolean v6 = host.indexOf(':') >= 0;
		if (!v6 && !IPV4.matcher(host).matches()) {
			return null;
		}
		if (v6 && host.indexOf('%') >= 0) {
			// a zone id names an interface of the client's side; the address alone is what is compared
			host = host.substring(0, host.indexOf('%'));
		}
		try {
			// a literal is parsed, never resolved
			return InetAddress.getByName(v6 ? "[" + host + "]" : host);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static Set<String> machineNames() {
		Set<String> names = new HashSet<>();
		try {
			InetAddress local = InetAddress.getLocalHost();
			names.add(local.getHostName());
			names.add(local.getCanonicalHostName());
		}
		catch (UnknownHostException ex) {
			// a machine without a resolvable name is reached by address or localhost
		}
		String hostname = System.getenv("HOSTNAME");
		if (hostname != null) {
			names.add(hostname);
		}
		return names;
	}

	private static Set<InetAddress> interfaceAddresses() {
		Set<InetAddress> addresses = new HashSet<>();
		try {
			Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
			while (all != null && all.hasMoreElements()) {
				for (InetAddress address : Collections.list(all.nextElement().getInetAddresses())) {
					addresses.add(withoutScope(address));
				}
			}
		}
		catch (SocketException ex) {
			// no interfaces to read: loopback and the configured hosts remain
		}
		return addresses;
	}

	/** An IPv6 address without its scope, as a {@code Host} header gives it. */
	private static InetAddress withoutScope(InetAddress address) {
		try {
			return InetAddress.getByAddress(address.getAddress());
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
