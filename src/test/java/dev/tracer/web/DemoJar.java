package dev.tracer.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tracer.demo.DemoServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both demo services from the built jar in a JVM of their own (a heap of its own), as
 * {@link StoreReproductionIT} and {@link BigTraceReadsIT} run them: the jar through Boot's
 * {@code PropertiesLauncher} with {@link DemoServices} as its main class (from the test classes), which
 * starts both as {@code main} does, the backend first, and writes their ports to a file once both listen
 * ({@code ForkedJars.awaitPorts} waits for it).
 */
final class DemoJar {

	/** Built by the package phase, before the ITs run. */
	static final Path JAR = Path.of("target", "tracer.jar");

	/** On the launcher's class path beside the jar's: {@link DemoServices} and what it uses. */
	private static final Path TEST_CLASSES = Path.of("target", "test-classes");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private DemoJar() {
	}

	/**
	 * The command that starts both services on 127.0.0.1, with this JVM's {@code java}.
	 *
	 * @param jvmOptions the forked JVM's options (its heap first), before the class path
	 * @param ports the file the ports are written to
	 * @param args the services' arguments after {@code --server.address}, such as
	 * {@code --tracer.store.max-bytes=4MB}
	 */
	static List<String> command(List<String> jvmOptions, Path ports, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", JAR.toString(), "-Dloader.path=" + TEST_CLASSES,
				"-Dloader.main=" + DemoServices.class.getName(), "org.springframework.boot.loader.launch.PropertiesLauncher",
				ports.toString(), "--server.address=127.0.0.1"));
		command.addAll(args);
		return command;
	}

	/** Asks {@code base}'s health every 200 ms until it answers 200, failing fast if the JVM exits. */
	static void awaitHealthy(Process process, String base, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as("the jar exited during its start").isTrue();
			try {
				HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("not healthy after " + limit + ": " + base);
	}

}
