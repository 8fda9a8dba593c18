package dev.tracer.analysis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tracer.core.breaks.PropagationMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code tracer.propagation-map.*}: the retention in whole buckets, every bound at least 1. */
class PropagationMapPropertiesTest {

	@Test
	void defaults_aDayOfMinuteBuckets() {
		PropagationMap.Limits limits = new PropagationMapProperties(Duration.ofMinutes(1), Duration.ofDays(1), 500, 8, 100)
			.limits();

		assertThat(limits).isEqualTo(new PropagationMap.Limits(60_000_000L, 1440, 500, 8, 100));
		assertThat(limits.retentionMicros()).isEqualTo(86_400_000_000L);
	}

	@Test
	void retention_notAWholeNumberOfBuckets_refusedNamingTheKeys() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PropagationMapProperties(Duration.ofMinutes(1), Duration.ofSeconds(90), 500, 8, 100))
			.withMessageContaining("tracer.propagation-map.retention must be a whole number");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PropagationMapProperties(Duration.ofMinutes(1), Duration.ofSeconds(30), 500, 8, 100));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PropagationMapProperties(Duration.ZERO, Duration.ofHours(1), 500, 8, 100));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PropagationMapProperties(Duration.ofMillis(1), Duration.ofDays(30), 500, 8, 100))
			.withMessageContaining("1000000");
	}

	@Test
	void bounds_belowOne_refused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PropagationMapProperties(Duration.ofMinutes(1), Duration.ofDays(1), 0, 8, 100))
			.withMessageContaining("max-edges");
	}

}
