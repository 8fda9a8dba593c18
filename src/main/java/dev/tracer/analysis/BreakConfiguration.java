package dev.tracer.analysis;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tracer.core.breaks.BreakEngine;
import dev.tracer.core.breaks.CallOutcome;

/**
 * Where propagation broke, analysed on arrival: the engine, fed by the store ({@link StoreBreaks} is the
 * store's {@link dev.tracer.store.SpanListener}), the tick that settles quiet traces, and the consumers
 * of each judged call ({@code Consumer<CallOutcome>} beans, such as the propagation map; none is needed).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BreakProperties.class)
public class BreakConfiguration {

	private static final Log logger = LogFactory.getLog(BreakConfiguration.class);

	@Bean
	StoreBreaks storeBreaks(BreakProperties properties, ObjectProvider<Consumer<CallOutcome>> consumers) {
		List<Consumer<CallOutcome>> all = consumers.orderedStream().toList();
		Consumer<CallOutcome> outcomes = (outcome) -> {
			for (Consumer<CallOutcome> consumer : all) {
				try {
					consumer.accept(outcome);
				}
				catch (RuntimeException ex) {
					// a reader of outcomes failing must not fail the intake that delivered the spans
					logger.warn("A consumer of call outcomes failed: " + ex, ex);
				}
			}
		};
		return new StoreBreaks(new BreakEngine(properties.rules(), properties.limits(), outcomes), clockMicros());
	}

	/** Settles quiet traces when nothing arrives and nobody reads, so every outcome goes out in time. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService breakTick(StoreBreaks breaks, BreakProperties properties) {
		ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tracer-break-tick");
			thread.setDaemon(true);
			return thread;
		});
		long period = properties.tick().toMillis();
		tick.scheduleWithFixedDelay(() -> {
			try {
				breaks.settle();
			}
			catch (RuntimeException ex) {
				logger.warn("Settling the break analysis failed: " + ex, ex);
			}
		}, period, period, TimeUnit.MILLISECONDS);
		return tick;
	}

	static LongSupplier clockMicros() {
		Clock clock = Clock.systemUTC();
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
		};
	}

}
