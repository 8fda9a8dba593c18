package dev.tracer.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tests that run the built jar in a JVM of their own (a heap of its own) share. */
public final class ForkedJars {

	private ForkedJars() {
	}

	/**
	 * Waits for the ports file that {@code DemoServices#main} writes once both services listen.
	 *
	 * @param process the forked JVM: failing fast if it exits
	 * @param file the ports file it was told to write
	 * @param limit how long both services may take to listen
	 * @return the ports, as {@code DemoServices#main} names them
	 */
	public static Properties awaitPorts(Process process, Path file, Duration limit)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!Files.exists(file)) {
			assertThat(process.isAlive()).as("the jar exited during its start").isTrue();
			assertThat(System.nanoTime()).as("both services listening within " + limit).isLessThan(deadline);
			Thread.sleep(200);
		}
		Properties ports = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			ports.load(reader);
		}
		return ports;
	}

}
