package dev.tracer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tracer.demo.DemoServices;
import dev.tracer.demo.DemoServicesExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The check of {@code Host} over real HTTP, both demo services on all interfaces (Tomcat's default, as
 * {@code server.address=0.0.0.0}): a request naming another site is refused with 421, while the demo
 * works as it did: the frontend's call to the backend ({@code http://localhost:<port>}) and both reporters'
 * posts to the frontend's store. {@code Host} is written by hand on a socket, as a page rebound to
 * 127.0.0.1 would have the browser send it (Java's HTTP client will not send a chosen {@code Host}).
 */
class HostCheckOverHttpTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4737";

	@RegisterExtension
	static final DemoServicesExtension services = new DemoServicesExtension(DemoServices.reportingToFrontend());

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void otherSitesName_is421() throws IOException {
		String answer = rawGet(InetAddress.getLoopbackAddress(), "/api/traces", "evil.example:" + port());

		assertThat(answer).startsWith("HTTP/1.1 421").contains("application/problem+json")
			.contains("tracer.web.allowed-hosts");
	}

	@Test
	void localhostByNameAndAddress_answers() throws IOException {
		assertThat(rawGet(InetAddress.getLoopbackAddress(), "/api/traces", "localhost:" + port()))
			.startsWith("HTTP/1.1 200");
		assertThat(rawGet(InetAddress.getLoopbackAddress(), "/api/traces", "127.0.0.1:" + port()))
			.startsWith("HTTP/1.1 200");
	}

	/** Bound to every interface, the server answers to this machine's own address. */
	@Test
	void machinesOwnAddress_answers() throws IOException {
		Optional<InetAddress> own = ownAddress();
		assumeThat(own).as("a non-loopback IPv4 interface").isPresent();

		String answer = rawGet(own.get(), "/api/traces", own.get().getHostAddress() + ":" + port());

		assertThat(answer).startsWith("HTTP/1.1 200");
	}

	/** The frontend calls the backend, and both report their spans to the frontend, past the check. */
	@Test
	void demoCallAndReporting_stillWork() throws Exception {
		HttpResponse<String> data = http.send(HttpRequest.newBuilder(URI.create(services.frontendUrl("/api/data")))
			.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(data.statusCode()).isEqualTo(200);
		assertThat(data.body()).contains("\"service\":\"backend\"");

		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		String trace = "";
		while (System.nanoTime() < deadline && !(trace.contains("\"frontend\"") && trace.contains("\"backend\""))) {
			Thread.sleep(200);
			trace = http.send(HttpRequest.newBuilder(URI.create(services.frontendUrl("/api/traces/" + TRACE_ID))).build(),
					HttpResponse.BodyHandlers.ofString()).body();
		}
		assertThat(trace).as("both services' spans reported to the frontend").contains("\"frontend\"")
			.contains("\"backend\"");
	}

	private static int port() {
		return services.services().frontendPort();
	}

	private static String rawGet(InetAddress address, String path, String host) throws IOException {
		try (Socket socket = new Socket(address, port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static Optional<InetAddress> ownAddress() throws IOException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address) {
						return Optional.of(address);
					}
				}
			}
		}
		return Optional.empty();
	}

}
