package dev.tracer.store.zipkin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server:3.6.1:exec}, which {@code -Pzipkin} copies to
 * {@code target/zipkin/zipkin-server.jar}) in its own process, {@code STORAGE_TYPE=mem}, on 127.0.0.1.
 * {@link #close()} destroys the process and waits for it; a shutdown hook does the same if the test JVM
 * ends first, so no server outlives its tests.
 *
 * <p>The port is found by binding port 0 and closing it; if another process takes it before Zipkin
 * binds, the start is retried on a new port.
 */
public final class ZipkinServer implements AutoCloseable {

	/** On this 2-core machine Zipkin starts in 4 to 10 s; a loaded one takes longer. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final int ATTEMPTS = 3;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private final Thread reaper;

	private ZipkinServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.reaper = new Thread(this::stopProcess, "zipkin-server-reaper-" + port);
		Runtime.getRuntime().addShutdownHook(reaper);
	}

	/** Starts a server on a free port and waits until {@code /health} says UP. */
	public static ZipkinServer start() {
		IllegalStateException last = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				return start(freePort());
			}
			catch (PortTakenException ex) {
				last = ex;
			}
		}
		throw last;
	}

	/**
	 * Starts a server on the given port (to bring one back where its clients expect it) and waits until
	 * {@code /health} says UP.
	 *
	 * @throws IllegalStateException if it does not come up within {@link #START_TIMEOUT}; the message
	 * has the end of its log
	 */
	public static ZipkinServer start(int port) {
		Path jar = jar();
		Path log = jar.resolveSibling("zipkin-" + port + ".log");
		ProcessBuilder builder = new ProcessBuilder(javaCommand(jar, port));
		builder.environment().put("STORAGE_TYPE", "mem");
		builder.environment().put("QUERY_PORT", Integer.toString(port));
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start " + jar, ex);
		}
		ZipkinServer server = new ZipkinServer(process, port, log);
		try {
			server.awaitHealthy();
			return server;
		}
		catch (RuntimeException | Error ex) {
			server.close();
			throw ex;
		}
	}

	private static List<String> javaCommand(Path jar, int port) {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		// a test server: C1 only and a small serial heap start it about twice as fast here
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m"));
		command.addAll(List.of("-jar", jar.toString()));
		// Armeria's own port list replaces QUERY_PORT's, so that the server binds 127.0.0.1 only
		command.addAll(List.of("--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
				"--armeria.ports[0].protocols[0]=http"));
		return command;
	}

	/** The jar that {@code -Pzipkin} copies; its path comes from the profile, or the default. */
	static Path jar() {
		Path jar = Paths.get(System.getProperty("zipkin.server.jar", "target/zipkin/zipkin-server.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the Zipkin tests with"
					+ " ./mvnw -Pzipkin test, which copies io.zipkin:zipkin-server:exec there");
		}
		return jar;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void awaitHealthy() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				String tail = logTail();
				if (tail.contains("Address already in use") || tail.contains("BindException")) {
					throw new PortTakenException(port, tail);
				}
				throw new IllegalStateException("Zipkin on port " + port + " exited with " + process.exitValue()
						+ "; its log ends:\n" + tail);
			}
			try {
				HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("UP")) {
					return;
				}
			}
			catch (ConnectException ex) {
				// not listening yet
			}
			catch (IOException ex) {
				// listening, not answering yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while Zipkin started", ex);
			}
			sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("Zipkin on port " + port + " not healthy after " + START_TIMEOUT
				+ "; its log ends:\n" + logTail());
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return port;
	}

	/** {@code http://127.0.0.1:<port>}, no trailing slash. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	/** Stops the server and waits until its process has ended; safe to call more than once. */
	@Override
	public void close() {
		stopProcess();
		try {
			Runtime.getRuntime().removeShutdownHook(reaper);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down, and the hook is running or ran
		}
	}

	private void stopProcess() {
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(15, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static final class PortTakenException extends IllegalStateException {

		PortTakenException(int port, String log) {
			super("port " + port + " was taken before Zipkin bound it:\n" + log);
		}

	}

}
