package dev.tracer.web;

import org.springframework.core.convert.converter.Converter;

import dev.tracer.core.context.TraceId;

/**
 * Reads a trace id named in a request's path or parameters ({@code /api/traces/{traceId}},
 * {@code /api/v2/trace/{traceId}}) once, at the edge: the controllers take a {@link TraceId} and pass it
 * down to the store and the analyses. An id that is not 16 or 32 hex characters is a 400 that says why
 * ({@code problem.ErrorTable}).
 */
final class TraceIdParameter implements Converter<String, TraceId> {

	@Override
	public TraceId convert(String source) {
		return TraceId.parseHex(source);
	}

}
