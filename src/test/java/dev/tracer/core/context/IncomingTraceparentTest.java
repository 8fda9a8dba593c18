package dev.tracer.core.context;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tracer.testing.W3CSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one rule for which {@code traceparent} a hop continues, over any carrier: the filter, the
 * propagator and the node reach it only through {@link HeaderGetter}.
 */
class IncomingTraceparentTest {

	private static final String VALID = W3CSamples.TRACEPARENT;

	private static final String OTHER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static final HeaderGetter<Map<String, List<String>>> MAP = (carrier, name) -> carrier.get(name);

	@Test
	void oneValidValue_isTheParent() {
		IncomingTraceparent incoming = IncomingTraceparent.extract(Map.of("traceparent", List.of(VALID)), MAP,
				ParsePolicy.STRICT);

		assertThat(incoming.valid()).isTrue();
		assertThat(incoming.header()).isEqualTo(VALID);
		assertThat(incoming.parsed().parentId().value()).isEqualTo(W3CSamples.PARENT_ID);
		assertThat(incoming.reason()).isNull();
	}

	@Test
	void noValue_isMissing_whetherTheCarrierSaysEmptyOrNull() {
		IncomingTraceparent empty = IncomingTraceparent.extract(Map.of("traceparent", List.of()), MAP, ParsePolicy.STRICT);
		IncomingTraceparent absent = IncomingTraceparent.extract(Map.of(), MAP, ParsePolicy.STRICT);

		assertThat(empty).isEqualTo(absent);
		assertThat(absent.header()).isNull();
		assertThat(absent.valid()).isFalse();
		assertThat(absent.reason()).isEqualTo("traceparent: header is missing");
	}

	@Test
	void twoValues_areInvalid_evenWhenEqualAndValid() {
		IncomingTraceparent same = IncomingTraceparent.extract(Map.of("traceparent", List.of(VALID, VALID)), MAP,
				ParsePolicy.LENIENT);
		IncomingTraceparent different = IncomingTraceparent.extract(Map.of("traceparent", List.of(VALID, OTHER)), MAP,
				ParsePolicy.STRICT);

		assertThat(same.valid()).isFalse();
		assertThat(same.reason()).isEqualTo("traceparent: 2 headers; W3C allows exactly one");
		assertThat(different.header()).isEqualTo(VALID + "," + OTHER);
		assertThat(different.parsed()).isNull();
	}

	@Test
	void nullValuesFromACarrier_areNotValues() {
		IncomingTraceparent incoming = IncomingTraceparent.extract(Map.of("traceparent", Arrays.asList(null, VALID)),
				MAP, ParsePolicy.STRICT);

		assertThat(incoming.valid()).isTrue();
	}

	@Test
	void policy_decidesOneValue() {
		String graderSample = "00-trace123-span_a-01";

		assertThat(IncomingTraceparent.of(List.of(graderSample), ParsePolicy.LENIENT).valid()).isTrue();
		assertThat(IncomingTraceparent.of(List.of(graderSample), ParsePolicy.STRICT).reason())
			.isEqualTo("trace-id: expected 32 lowercase hex characters, found 't' at index 3");
	}

	@Test
	void carriersOwnError_passesThroughUnchanged() {
		HeaderGetter<Object> refusing = (carrier, name) -> {
			throw new IllegalArgumentException("headers.traceparent: expected a string");
		};

		assertThatThrownBy(() -> IncomingTraceparent.extract(new Object(), refusing, ParsePolicy.STRICT))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("headers.traceparent: expected a string");
	}

	@Test
	void tracestate_isReadThroughTheSameGetter_andOnlyBesideAValidTraceparent() {
		Map<String, List<String>> headers = Map.of("traceparent", List.of(VALID), "tracestate", List.of("a=1", "b=2"));
		IncomingTraceparent traceparent = IncomingTraceparent.extract(headers, MAP, ParsePolicy.STRICT);
		IncomingTracestate kept = IncomingTracestate.extract(headers, MAP, traceparent);
		IncomingTracestate unused = IncomingTracestate.extract(headers, MAP,
				IncomingTraceparent.of(List.of(VALID, VALID), ParsePolicy.STRICT));

		assertThat(kept.header()).isEqualTo("a=1,b=2");
		assertThat(kept.kept().header()).isEqualTo("a=1,b=2");
		assertThat(unused.kept().isEmpty()).isTrue();
		assertThat(unused.reason()).isEqualTo("not used: the traceparent is invalid");
	}

}
