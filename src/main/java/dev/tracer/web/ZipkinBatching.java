package dev.tracer.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import zipkin2.reporter.ReporterMetrics;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;

/**
 * Has the Zipkin reporter send a batch every {@code tracer.zipkin.message-timeout} rather than every
 * second, its default, and count what it sends and drops as meters ({@code zipkin.reporter.spans},
 * {@code zipkin.reporter.spans.dropped}, {@code zipkin.reporter.queue.spans}...): Boot 4.1 builds the
 * handler with zipkin-reporter's no-op metrics, so a Zipkin that is down would drop spans unseen. The
 * queue is zipkin-reporter's, bounded by its defaults (10,000 spans, 1% of the heap); when it is full
 * or a send fails, the spans are dropped and counted, never buffered further.
 *
 * <p>While it fills a message, zipkin-reporter 3.5's {@code AsyncReporter} sizes it by summing every
 * span already in it, once per span added, so a flush costs the square of its batch. At
 * the few thousand spans a second each demo service makes under load, that was 5.6% of all CPU samples
 * (JFR); a batch a tenth as long costs a tenth as much, and the queue holds less between flushes.
 *
 * <p>Boot builds the handler with no way to set the timeout, so the bean is rebuilt from its own
 * settings with only the timeout and the metrics changed.
 */
final class ZipkinBatching implements BeanPostProcessor {

	static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofMillis(100);

	private final Duration messageTimeout;

	private final Supplier<ReporterMetrics> metrics;

	/**
	 * @param messageTimeout the longest a span waits in the queue before its batch is sent
	 * @param metrics the reporter's meters, asked for once the handler is made (a post-processor is made
	 * before the meter registry)
	 */
	ZipkinBatching(Duration messageTimeout, Supplier<ReporterMetrics> metrics) {
		this.messageTimeout = messageTimeout;
		this.metrics = metrics;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof AsyncZipkinSpanHandler handler)) {
			return bean;
		}
		AsyncZipkinSpanHandler rebuilt = handler.toBuilder()
			.messageTimeout(messageTimeout.toNanos(), TimeUnit.NANOSECONDS)
			.metrics(metrics.get())
			.build();
		// never used: its flushing thread starts with the first span, and there was none
		handler.close();
		return rebuilt;
	}

}
