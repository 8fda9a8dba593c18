package dev.tracer.testing;

import java.util.ArrayList;
import java.util.List;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;

/**
 * A Brave {@link SpanHandler} that keeps every finished span, for tests that assert what a request
 * traced. Register it as a bean, or give the class to {@code SpringApplicationBuilder} as a source (Boot's
 * Brave auto-configuration hands every {@code SpanHandler} bean to {@code Tracing}), and {@link #clear()}
 * it before each test.
 */
public final class FinishedSpans extends SpanHandler {

	private final List<MutableSpan> spans = new ArrayList<>();

	@Override
	public synchronized boolean end(TraceContext context, MutableSpan span, Cause cause) {
		if (cause == Cause.FINISHED) {
			spans.add(span);
		}
		return true;
	}

	/** The spans finished so far, in the order they finished. */
	public synchronized List<MutableSpan> spans() {
		return List.copyOf(spans);
	}

	/** The one server span finished so far; fails if there is not exactly one. */
	public synchronized MutableSpan onlyServerSpan() {
		List<MutableSpan> servers = spans.stream().filter((span) -> span.kind() == brave.Span.Kind.SERVER).toList();
		if (servers.size() != 1) {
			throw new AssertionError("expected exactly one server span, found " + servers);
		}
		return servers.get(0);
	}

	public synchronized void clear() {
		spans.clear();
	}

}
