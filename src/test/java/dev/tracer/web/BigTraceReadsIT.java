package dev.tracer.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.tracer.bench.BigTraceReads;

import static dev.tracer.testing.ForkedJars.awaitPorts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many readers of one big trace must not take the service down: both demo services from the built jar in
 * a JVM of their own with a 512 MB heap, one trace of 90,000 spans in the frontend's store, then 16
 * readers of its nested document at once ({@link BigTraceReads}), each asking once, while health, the
 * intake and {@code GET /api/data} are asked four times a second.
 *
 * <p>Every read must answer the whole trace (complete JSON, every span) or be refused with a reason (503
 * problem with {@code Retry-After}); nothing else, and no 500. Health must answer UP throughout, every
 * span posted meanwhile must be accepted (reads never make the intake refuse), and the JVM, which runs
 * with {@code -XX:+ExitOnOutOfMemoryError}, must never run out of memory. The same for the flat
 * {@code /view} document. The JVM is started as {@link StoreReproductionIT} starts it ({@link DemoJar}).
 *
 * <p>Runs with {@code -Pbig-reads}: it takes one to two minutes on 2 cores (most of it starting the JVM
 * and posting the trace), too long for every build.
 */
@EnabledIfSystemProperty(named = "tracer.big-reads", matches = "true")
class BigTraceReadsIT {

	private static final int SPANS = 90_000;

	private static final int READERS = 16;

	/** Each reader asks once: the bench script's readers ask again, this test only needs every answer. */
	private static final Duration READ_DEADLINE = Duration.ZERO;

	@Test
	@Timeout(value = 240, unit = TimeUnit.SECONDS)
	void sixteenReaders_ninetyThousandSpans_512MbHeap_serviceStaysUp() throws Exception {
		assertThat(DemoJar.JAR).as("built by the package phase").isRegularFile();
		Path dir = Files.createTempDirectory("tracer-big-reads-");
		Path ports = dir.resolve("ports.properties");
		Path gcLog = Path.of("target", "big-trace-reads-gc.log").toAbsolutePath();
		Path log = Path.of("target", "big-trace-reads.log");
		Files.deleteIfExists(gcLog);
		// the byte bound of a 512 MB heap's store (64 MB) is below what 90,000 spans are estimated at
		List<String> command = DemoJar.command(
				List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog), ports,
				List.of("--tracer.store.max-bytes=128MB"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			Properties listening = awaitPorts(process, ports, Duration.ofSeconds(120));
			String base = "http://127.0.0.1:" + listening.getProperty("frontend.port");
			DemoJar.awaitHealthy(process, base, Duration.ofSeconds(20));
			BigTraceReads load = new BigTraceReads(base, SPANS, "b16b16b16b16b16b0000000000000001");
			load.postTrace();

			for (BigTraceReads.Document document : BigTraceReads.Document.values()) {
				BigTraceReads.Report report = load.read(READERS, document, READ_DEADLINE, gcLog);
				System.out.println("big trace reads (" + document + "): " + report.summary());

				assertThat(process.isAlive()).as("alive after the reads; log: %s", log).isTrue();
				assertThat(report.otherReads()).as("answers other than the whole trace and 503 with Retry-After")
					.isEmpty();
				assertThat(report.whole()).as("reads answered whole").isPositive();
				assertThat(report.whole() + report.refused()).isEqualTo(READERS);
				assertThat(report.healthFailures()).as("health not answered UP during the reads").isEmpty();
				assertThat(report.healthMillis()).as("health asked during the reads").isNotEmpty();
				assertThat(report.intakeOther()).as("intake answers other than 202 during the reads").isEmpty();
				assertThat(report.intakeAccepted()).isPositive();
				assertThat(report.dataFailures()).as("/api/data not answered during the reads").isEmpty();
			}
			assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError").doesNotContain("Unexpected failure");
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("SIGTERM stops it").isTrue();
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(ports);
			Files.deleteIfExists(dir);
		}
	}

}
