package dev.tracer.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the built launcher {@code target/tracer-node} as the grader does: a fresh process per case, every
 * input message written as one line, then stdin closed. Replies must match byte for byte, stdout must
 * carry nothing else, and the process must exit 0 by itself.
 *
 * Cases live in {@code src/test/resources/node-cases/} in the grader's format; {@code grader/} holds the
 * grader's published cases unchanged. A case may give {@code input_lines} (raw text, for broken input)
 * instead of {@code input} (messages).
 */
class NodeProcessIT {

	private static final Path LAUNCHER = Path.of("target", "tracer-node");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Stream<Path> cases() throws IOException {
		Path root = Path.of("src", "test", "resources", "node-cases");
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void case_repliesByteForByte(Path file) throws Exception {
		JsonNode testCase = JSON.readTree(file.toFile());
		List<String> input = new ArrayList<>();
		if (testCase.has("input")) {
			testCase.get("input").forEach((message) -> input.add(JSON.writeValueAsString(message)));
		}
		else {
			testCase.get("input_lines").forEach((line) -> input.add(line.asString()));
		}
		List<String> expected = new ArrayList<>();
		testCase.get("expected").forEach((line) -> expected.add(line.asString()));

		Result result = runNode(input);

		assertThat(result.stdout()).as("stderr: %s", result.stderr()).containsExactlyElementsOf(expected);
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void manyMessages_allAnsweredInOrder() throws Exception {
		List<String> input = new ArrayList<>();
		for (int i = 1; i <= 20_000; i++) {
			input.add("{\"src\": \"c\", \"dest\": \"service_b\", \"body\": {\"type\": \"http_request\", \"msg_id\": " + i
					+ ", \"path\": \"/\", \"headers\": {\"traceparent\": \"00-t" + i + "-p-01\"}}}");
		}
		Result result = runNode(input);
		assertThat(result.stdout()).hasSize(20_000);
		for (int i = 1; i <= 20_000; i++) {
			assertThat(result.stdout().get(i - 1)).contains("\"in_reply_to\": " + i + ", \"span\": {\"trace_id\": \"t" + i + "\"");
		}
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void emptyInput_exitsZeroWithoutOutput() throws Exception {
		Result result = runNode(List.of());
		assertThat(result.stdout()).isEmpty();
		assertThat(result.exitCode()).isZero();
	}

	private static Result runNode(List<String> input) throws Exception {
		assertThat(LAUNCHER).as("built by the package phase").isExecutable();
		Process process = new ProcessBuilder(LAUNCHER.toString()).start();
		Thread writer = new Thread(() -> {
			try (OutputStream stdin = process.getOutputStream()) {
				for (String line : input) {
					stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		writer.start();
		StringBuilder stderr = new StringBuilder();
		Thread errReader = new Thread(() -> {
			try (BufferedReader err = process.errorReader(StandardCharsets.UTF_8)) {
				err.lines().forEach((line) -> stderr.append(line).append('\n'));
			}
			catch (IOException ex) {
				stderr.append(ex);
			}
		});
		errReader.start();
		List<String> stdout = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			out.lines().forEach(stdout::add);
		}
		boolean exited = process.waitFor(10, TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly();
		}
		writer.join();
		errReader.join();
		assertThat(exited).as("exits by itself after stdin closes").isTrue();
		return new Result(stdout, stderr.toString(), process.exitValue());
	}

	private record Result(List<String> stdout, String stderr, int exitCode) {
	}

}
