package dev.tracer.instrumentation;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tags;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.ReporterMetrics;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;
import zipkin2.reporter.brave.MutableSpanBytesEncoder;
import zipkin2.reporter.metrics.micrometer.MicrometerReporterMetrics;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our handler sends on the configured timeout. zipkin-reporter's own default, one second, would miss
 * the wait below; the 50 ms asked for leaves it a wide margin.
 */
class ZipkinReportingTest {

	private static final BytesEncoder<MutableSpan> JSON = MutableSpanBytesEncoder.create(Encoding.JSON, Tags.ERROR);

	private final RecordingSender sender = new RecordingSender();

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZipkinAutoConfiguration.class, ZipkinReporting.class,
				ZipkinWithBraveTracingAutoConfiguration.class));

	@Test
	void context_bootsHandlerBacksOff_andOursTakesTheTimeoutAsAProperty() {
		contexts.withPropertyValues("tracer.reporting.message-timeout=50ms").run((context) -> {
			assertThat(context).hasSingleBean(AsyncZipkinSpanHandler.class);
			assertThat(context).hasBean("zipkinSpanHandler");
			assertThat(context.getBean(ZipkinReporting.Properties.class).messageTimeout())
				.isEqualTo(Duration.ofMillis(50));
		});
	}

	/** A {@code @WebMvcTest} slice, say: no sender, so no handler, and nothing fails for want of one. */
	@Test
	void context_noSender_noHandler() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZipkinReporting.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(AsyncZipkinSpanHandler.class);
			});
	}

	@Test
	void context_exportSwitchedOff_noHandlerAtAll() {
		contexts.withPropertyValues("management.tracing.export.zipkin.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncZipkinSpanHandler.class));
	}

	@Test
	void handler_sendsAfterTheConfiguredTimeout() throws Exception {
		try (AsyncZipkinSpanHandler handler = ZipkinReporting.handler(sender, JSON, Duration.ofMillis(50),
				ReporterMetrics.NOOP_METRICS)) {
			TraceContext context = TraceContext.newBuilder().traceId(1).spanId(2).sampled(true).build();
			MutableSpan span = new MutableSpan(context, null);
			span.name("work");
			span.startTimestamp(1_700_000_000_000_000L);
			span.finishTimestamp(1_700_000_000_000_100L);

			handler.end(context, span, SpanHandler.Cause.FINISHED);

			await().atMost(Duration.ofMillis(600)).until(() -> !sender.messages.isEmpty());
		}
		assertThat(new String(sender.messages.get(0).get(0))).contains("\"name\":\"work\"");
	}

	/** Zipkin down: every send fails; the spans are dropped and counted, and none stays queued. */
	@Test
	void handler_countsSpansDroppedWhenSendsFail() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (AsyncZipkinSpanHandler handler = ZipkinReporting.handler(new DownSender(), JSON, Duration.ofMillis(20),
				MicrometerReporterMetrics.create(registry))) {
			for (int i = 1; i <= 3; i++) {
				TraceContext context = TraceContext.newBuilder().traceId(1).spanId(i).sampled(true).build();
				MutableSpan span = new MutableSpan(context, null);
				span.name("work");
				span.startTimestamp(1_700_000_000_000_000L);
				span.finishTimestamp(1_700_000_000_000_100L);
				handler.end(context, span, SpanHandler.Cause.FINISHED);
			}

			await().atMost(Duration.ofSeconds(5))
				.until(() -> registry.get("zipkin.reporter.spans.dropped").counter().count() == 3);
		}
		assertThat(registry.get("zipkin.reporter.queue.spans").gauge().value()).isZero();
	}

	/** A Zipkin that cannot be reached. */
	static final class DownSender extends BytesMessageSender.Base {

		DownSender() {
			super(Encoding.JSON);
		}

		@Override
		public int messageMaxBytes() {
			return 500_000;
		}

		@Override
		public void send(List<byte[]> encodedSpans) throws IOException {
			throw new ConnectException("Connection refused");
		}

		@Override
		public void close() {
		}

	}

	/** Keeps what it is sent, in memory. */
	static final class RecordingSender extends BytesMessageSender.Base {

		final List<List<byte[]>> messages = new CopyOnWriteArrayList<>();

		RecordingSender() {
			super(Encoding.JSON);
		}

		@Override
		public int messageMaxBytes() {
			return 500_000;
		}

		@Override
		public void send(List<byte[]> encodedSpans) {
			messages.add(List.copyOf(encodedSpans));
		}

		@Override
		public void close() {
		}

	}

}
