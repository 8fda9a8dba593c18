package dev.tracer.intake.otlp;

import java.util.Random;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.Test;

import dev.tracer.testing.TestObjects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wire input never throws anything but the documented {@link IllegalArgumentException}: random bytes
 * and damaged copies of a valid request, in both encodings, are either refused with a reason or read
 * and mapped, every span stored or counted. Seeded, so a failure repeats.
 */
class OtlpRandomInputTest {

	private static final int ROUNDS = 2_000;

	@Test
	void protobuf_damagedOrRandom_isRefusedOrMappedCompletely() {
		byte[] valid = OtlpTestObjects.twoServices(OtlpTestObjects.TRACE_ID).toByteArray();
		assertThat(OtlpSpans.map(OtlpFormat.PROTOBUF.decode(valid)).spans()).as("the undamaged input").hasSize(3);
		Random random = new Random(14);
		for (int round = 0; round < ROUNDS; round++) {
			byte[] input = (round % 4 == 0) ? randomBytes(random, random.nextInt(200)) : damaged(valid, random);
			readAndMap(OtlpFormat.PROTOBUF, input);
		}
	}

	@Test
	void json_damaged_isRefusedOrMappedCompletely() throws Exception {
		byte[] valid = OtlpTestObjects.otlpJson(OtlpTestObjects.twoServices(OtlpTestObjects.TRACE_ID));
		assertThat(OtlpSpans.map(OtlpFormat.JSON.decode(valid)).spans()).as("the undamaged input").hasSize(3);
		Random random = new Random(14);
		for (int round = 0; round < ROUNDS; round++) {
			readAndMap(OtlpFormat.JSON, damaged(valid, random));
		}
	}

	private static void readAndMap(OtlpFormat format, byte[] input) {
		ExportTraceServiceRequest request;
		try {
			request = format.decode(input);
		}
		catch (IllegalArgumentException ex) {
			assertThat(ex.getMessage()).startsWith("invalid OTLP");
			return;
		}
		long spans = request.getResourceSpansList()
			.stream()
			.flatMap((resourceSpans) -> resourceSpans.getScopeSpansList().stream())
			.mapToLong((scopeSpans) -> scopeSpans.getSpansCount())
			.sum();
		OtlpBatch batch = OtlpSpans.map(request);
		assertThat(batch.spans().size() + batch.rejectedSpans()).as("every span stored or counted").isEqualTo(spans);
	}

	/** A copy with one to four bytes changed, removed or duplicated. */
	private static byte[] damaged(byte[] valid, Random random) {
		byte[] copy = valid.clone();
		int changes = 1 + random.nextInt(4);
		for (int i = 0; i < changes; i++) {
			int at = random.nextInt(copy.length);
			switch (random.nextInt(3)) {
				case 0 -> copy[at] = (byte) random.nextInt(256);
				case 1 -> copy = concat(copy, 0, at, copy, at + 1, copy.length);
				default -> copy = concat(copy, 0, at + 1, copy, at, copy.length);
			}
		}
		return copy;
	}

	private static byte[] concat(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
		byte[] out = new byte[(aTo - aFrom) + (bTo - bFrom)];
		System.arraycopy(a, aFrom, out, 0, aTo - aFrom);
		System.arraycopy(b, bFrom, out, aTo - aFrom, bTo - bFrom);
		return out;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
