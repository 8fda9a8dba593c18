package dev.tracer.store.zipkin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tracer.testing.TestObjects.call;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server:3.6.1:exec}, which {@code -Pzipkin} copies to
 * {@code target/zipkin/zipkin-server.jar}) in its own process, {@code STORAGE_TYPE=mem}, on 127.0.0.1.
 * {@link #close()} destroys the process and waits for it; a shutdown hook does the same if the test JVM
 * ends first, so no server outlives its tests.
 *
 * <p>{@link #start()} has Zipkin's server (Armeria) bind port 0, so the system chooses the port at the
 * bind and no other process can take it first; the port is read from the line Armeria logs once it
 * listens ({@code Serving HTTP at /127.0.0.1:46199 - http://127.0.0.1:46199/}).
 */
public final class ZipkinServer implements AutoCloseable {

	/** On this 2-core machine Zipkin starts in 4 to 10 s; a loaded one takes longer. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	/** Armeria's line once it listens; the address is the one of {@code armeria.ports[0]}. */
	private static final Pattern SERVING = Pattern.compile("Serving HTTP at /127\\.0\\.0\\.1:(\\d+)");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Process process;

	private final Path log;

	private final Thread reaper;

	/** Known once Zipkin listens. */
	private int port;

	private ZipkinServer(Process process, Path log) {
		this.process = process;
		this.log = log;
		this.reaper = new Thread(this::stopProcess, "zipkin-server-reaper");
		Runtime.getRuntime().addShutdownHook(reaper);
	}

	/** Starts a server on the port the system chooses and waits until {@code /health} says UP. */
	public static ZipkinServer start() {
		return start(0);
	}

	/**
	 * Starts a server on the given port (to bring one back where its clients expect it), or on the port
	 * the system chooses for 0, and waits until {@code /health} says UP. A port given back by a stopped
	 * server may have been bound by another process since: then Zipkin exits, and this throws with its
	 * log ({@code Address already in use}); it never reaches another server in Zipkin's place.
	 *
	 * @throws IllegalStateException if it does not come up within {@link #START_TIMEOUT}; the message
	 * has the end of its log
	 */
	public static ZipkinServer start(int port) {
		Path jar = jar();
		Path log;
		try {
			log = Files.createTempFile(jar.getParent(), "zipkin-", ".log");
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not create a log file beside " + jar, ex);
		}
		ProcessBuilder builder = new ProcessBuilder(javaCommand(jar, port));
		builder.environment().put("STORAGE_TYPE", "mem");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start " + jar, ex);
		}
		ZipkinServer server = new ZipkinServer(process, log);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		try {
			server.port = server.awaitListening(deadline);
			server.awaitHealthy(deadline);
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
		// Armeria's own port list replaces QUERY_PORT's, so that the server binds 127.0.0.1 only; port 0 is
		// bound as the system chooses
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

	/** The port Armeria logs once it listens. */
	private int awaitListening(long deadline) {
		while (System.nanoTime() < deadline) {
			Matcher serving = SERVING.matcher(readLog());
			if (serving.find()) {
				return Integer.parseInt(serving.group(1));
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("Zipkin exited with " + process.exitValue() + "; its log ends:\n"
						+ logTail());
			}
			sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("Zipkin not listening after " + START_TIMEOUT + "; its log ends:\n"
				+ logTail());
	}

	private void awaitHealthy(long deadline) {
		HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Zipkin on port " + port + " exited with " + process.exitValue()
						+ "; its log ends:\n" + logTail());
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
		List<String> lines = readLog().lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	private String readLog() {
		try {
			return Files.readString(log, StandardCharsets.ISO_8859_1);
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

}
