package dev.tracer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The trace files of {@code src/test/resources/files} (its README says what each holds): one HotROD-like
 * scenario, with a broken trace and a clock-skewed child, as Jaeger JSON, Zipkin v2 JSON and OTLP/JSON.
 */
public final class TraceFileFixtures {

	public static final String JAEGER = "hotrod.jaeger.json";

	public static final String ZIPKIN = "hotrod.zipkin.json";

	public static final String OTLP = "hotrod.otlp.jsonl";

	private TraceFileFixtures() {
	}

	public static byte[] bytes(String name) {
		try (InputStream in = TraceFileFixtures.class.getResourceAsStream("/files/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture /files/" + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The file with its trace and span ids' prefix replaced, so that a test's traces are its own. */
	public static byte[] moved(String name, String prefix) {
		String text = new String(bytes(name), StandardCharsets.UTF_8);
		String from = switch (name) {
			case JAEGER -> "1f0e";
			case ZIPKIN -> "2f0e";
			default -> "3f0e";
		};
		return text.replace(from, prefix).replace(from.toUpperCase(), prefix.toUpperCase()).getBytes(StandardCharsets.UTF_8);
	}

}
