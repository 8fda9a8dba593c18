package dev.tracer.instrumentation;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import brave.handler.MutableSpan;
import io.micrometer.core.instrument.MeterRegistry;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.ReporterMetrics;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;
import zipkin2.reporter.metrics.micrometer.MicrometerReporterMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The span handler that reports to Zipkin, declared here so that Boot's own
 * ({@code ZipkinWithBraveTracingAutoConfiguration}, {@code @ConditionalOnMissingBean}) backs off. It is
 * Boot's, built from the same sender and encoder, with two changes Boot has no setting for:
 * <ul>
 * <li>a batch goes every {@code tracer.reporting.message-timeout} rather than every second. While it fills a
 * message, zipkin-reporter 3.5's {@code AsyncReporter} sizes it by summing every span already in it, once
 * per span added, so a flush costs the square of its batch; a batch a tenth as long costs a tenth as
 * much, and the queue holds less between flushes;</li>
 * <li>what it sends and drops is counted as meters ({@code zipkin.reporter.spans},
 * {@code zipkin.reporter.spans.dropped}, {@code zipkin.reporter.queue.spans}...): Boot 4.1 builds the
 * handler with zipkin-reporter's no-op metrics, so a Zipkin that is down would drop spans unseen.</li>
 * </ul>
 * The queue is zipkin-reporter's, bounded by its defaults (10,000 spans, 1% of the heap); when it is
 * full or a send fails, the spans are dropped and counted, never buffered further.
 *
 * <p>An auto-configuration ({@code META-INF/spring/...AutoConfiguration.imports}), ordered between Boot's
 * two, because it needs Boot's sender and Boot's handler must see it: a condition on a bean of
 * auto-configuration is only reliable in auto-configuration. So a context without Zipkin reporting (a
 * {@code @WebMvcTest} slice, the node) has neither handler.
 */
@AutoConfiguration(after = ZipkinAutoConfiguration.class, before = ZipkinWithBraveTracingAutoConfiguration.class)
@EnableConfigurationProperties(ZipkinReporting.Properties.class)
public class ZipkinReporting {

	/**
	 * Boot's handler's conditions: a sender, and {@code management.tracing.export.zipkin.enabled} not false.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnBean(BytesMessageSender.class)
	@ConditionalOnEnabledTracingExport("zipkin")
	AsyncZipkinSpanHandler zipkinSpanHandler(BytesMessageSender sender, BytesEncoder<MutableSpan> encoder,
			Properties properties, ObjectProvider<MeterRegistry> meterRegistry) {
		MeterRegistry registry = meterRegistry.getIfAvailable();
		return handler(sender, encoder, properties.messageTimeout(),
				(registry != null) ? MicrometerReporterMetrics.create(registry) : ReporterMetrics.NOOP_METRICS);
	}

	static AsyncZipkinSpanHandler handler(BytesMessageSender sender, BytesEncoder<MutableSpan> encoder,
			Duration messageTimeout, ReporterMetrics metrics) {
		return AsyncZipkinSpanHandler.newBuilder(sender)
			.messageTimeout(messageTimeout.toNanos(), TimeUnit.NANOSECONDS)
			.metrics(metrics)
			.build(encoder);
	}

	/**
	 * How the services report their spans ({@code tracer.reporting.*}).
	 *
	 * @param messageTimeout the longest a span waits in the reporter's queue before its batch is sent
	 * (zipkin-reporter's own default is 1 s; see {@link ZipkinReporting} for why it is shorter here)
	 */
	@ConfigurationProperties("tracer.reporting")
	record Properties(@DefaultValue("100ms") Duration messageTimeout) {
	}

}
