package dev.tracer.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a third-party API the backend calls: an exchange-rate service outside our system.
 * A plain JDK HTTP server on the loopback address, on the port the system chose: it records no spans,
 * and it ignores the {@code traceparent} it receives, as a payment or currency API on the internet
 * would. It only counts its requests and keeps the last {@code traceparent}, so that a test can see
 * that the backend's call reached it and carried one.
 *
 * <pre>
 * GET /v1/rates   200 {"base": "EUR", "rates": {"USD": 1.0842, "GBP": 0.8571}}
 * anything else   404 (another path), 405 (another method)
 * </pre>
 */
final class ThirdPartyServer implements AutoCloseable {

	static final String RATES_PATH = "/v1/rates";

	private static final byte[] RATES = "{\"base\": \"EUR\", \"rates\": {\"USD\": 1.0842, \"GBP\": 0.8571}}"
		.getBytes(StandardCharsets.UTF_8);

	/** Enough to serve the backend under load without a queue at the door; a fixed number all the same. */
	private static final int THREADS = 8;

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicLong requests = new AtomicLong();

	private volatile String lastTraceparent;

	private ThirdPartyServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/** Listens on the loopback address, on a port the system chose, until {@link #close()}. */
	static ThirdPartyServer start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService executor = Executors.newFixedThreadPool(THREADS, (task) -> {
			Thread thread = new Thread(task, "third-party");
			thread.setDaemon(true);
			return thread;
		});
		ThirdPartyServer thirdParty = new ThirdPartyServer(server, executor);
		server.createContext("/", thirdParty::handle);
		server.setExecutor(executor);
		server.start();
		return thirdParty;
	}

	/** {@code http://127.0.0.1:<port>} */
	URI baseUrl() {
		InetSocketAddress address = server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/** How many requests it received, whatever their path. */
	long requests() {
		return requests.get();
	}

	/** The {@code traceparent} of the last request, or null if it had none (or none came yet). */
	String lastTraceparent() {
		return lastTraceparent;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
			requests.incrementAndGet();
			lastTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
			if (!RATES_PATH.equals(exchange.getRequestURI().getPath())) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "GET");
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, RATES.length);
			out.write(RATES);
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
		try {
			executor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
