package dev.tracer.instrumentation;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import dev.tracer.core.context.HeaderGetter;
import dev.tracer.core.context.IncomingTraceparent;
import dev.tracer.core.context.IncomingTracestate;
import dev.tracer.core.context.ParsePolicy;
import dev.tracer.core.context.TraceTags;

/**
 * Makes exactly one server span per hop. The STRICT core decides whether the incoming
 * {@code traceparent} is valid (every value is read: two headers are invalid); a valid one becomes the
 * parent, anything else starts a new trace, as W3C says a receiver must. The span is created through
 * Micrometer Tracing, so its ids are in every log line and it is exported. Spring's own HTTP server
 * observation still times every request ({@code http.server.requests}) but makes no span of its own
 * ({@link ServerSpanFromFilter}).
 *
 * <p>The span is named as Boot names its observations, by the method and the route template
 * ({@code GET /api/traces/{traceId}}), and by the method alone when no route matched: a name per path
 * would give as many names as paths a client cares to try.
 *
 * <p>With {@code tracer.propagation.response-header.enabled} the response carries this hop's context in the Level 3
 * draft's {@code traceresponse} header.
 *
 * <p>The span intakes ({@code /api/v2/}, OTLP's {@code /v1/}) and the actuator are never traced:
 * reporting a span would otherwise make a span to report. Nor are CORS preflights. The viewer's files and
 * tracer's own API ({@link SelfTraffic}) are traced only with {@code tracer.self-tracing.enabled}.
 */
final class TraceContextFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(TraceContextFilter.class);

	static final String TRACERESPONSE = "traceresponse";

	/** The MDC key of the service name, which {@code logging.pattern.level} prints. */
	static final String SERVICE = "service";

	private final String service;

	private final Tracer tracer;

	private final boolean responseHeader;

	private final boolean selfTracing;

	TraceContextFilter(String service, Tracer tracer, boolean responseHeader, boolean selfTracing) {
		this.service = service;
		this.tracer = tracer;
		this.responseHeader = responseHeader;
		this.selfTracing = selfTracing;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/v2/") || path.startsWith("/v1/") || path.startsWith("/actuator")
				|| (!selfTracing && SelfTraffic.isOwn(path)) || isPreflight(request);
	}

	/**
	 * A CORS preflight: the browser asking, on its own, whether it may send the user's request; that
	 * request is traced when it comes, the question is not the user's traffic.
	 */
	private static boolean isPreflight(HttpServletRequest request) {
		return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
				&& request.getHeader("Access-Control-Request-Method") != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		IncomingTraceparent incoming = IncomingTraceparent.extract(request, HEADERS, ParsePolicy.STRICT);
		IncomingTracestate tracestate = IncomingTracestate.extract(request, HEADERS, incoming);
		if (!incoming.valid() && incoming.header() != null && logger.isDebugEnabled()) {
			// the reason quotes the offending character escaped: a header never reaches the log raw
			logger.debug("Starting a new trace: " + incoming.reason());
		}
		Span span = serverSpan(incoming, tracestate, request);
		HopContext hop = new HopContext(incoming, tracestate, span);
		request.setAttribute(HopContext.ATTRIBUTE, hop);
		if (responseHeader && !span.isNoop()) {
			// before the body: once the response is committed, headers can no longer be added
			response.setHeader(TRACERESPONSE, traceresponse(span, hop));
		}
		// both demo services may share one JVM and so one logging system: the service goes in the MDC
		try (Tracer.SpanInScope scope = tracer.withSpan(span); MDC.MDCCloseable name = MDC.putCloseable(SERVICE, service)) {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			finish(span, request, response);
		}
	}

	private Span serverSpan(IncomingTraceparent incoming, IncomingTracestate tracestate, HttpServletRequest request) {
		Span.Builder builder = W3CPropagator.childOf(tracer, incoming.parsed())
			.kind(Span.Kind.SERVER)
			.name(request.getMethod())
			.tag("http.method", request.getMethod())
			.tag("http.path", request.getRequestURI());
		evidence(builder, incoming, tracestate);
		String other = otherPropagation(request);
		if (other != null) {
			builder.tag(TraceTags.OTHER_PROPAGATION, other);
		}
		return builder.start();
	}

	/**
	 * The headers of other propagation formats the request carried, by name only ({@code b3,x-b3-traceid}):
	 * a request with no {@code traceparent} but a B3 or Jaeger header had its context sent in a format this
	 * hop does not read, not dropped. Null when it carried none.
	 */
	static String otherPropagation(HttpServletRequest request) {
		StringBuilder names = null;
		for (String name : OTHER_PROPAGATION_HEADERS) {
			if (request.getHeader(name) != null) {
				names = (names == null) ? new StringBuilder(name) : names.append(',').append(name);
			}
		}
		return (names != null) ? names.toString() : null;
	}

	/** What this hop received and made of it, as {@link TraceTags} names it: the viewer and the break analysis read it. */
	private static void evidence(Span.Builder builder, IncomingTraceparent incoming, IncomingTracestate tracestate) {
		if (incoming.header() != null) {
			builder.tag(TraceTags.TRACEPARENT_RECEIVED, TraceTags.received(incoming.header()));
		}
		builder.tag(TraceTags.TRACEPARENT_VALID, String.valueOf(incoming.valid()));
		if (!incoming.valid() && incoming.header() != null) {
			builder.tag(TraceTags.TRACEPARENT_INVALID, incoming.reason());
		}
		if (tracestate.header() == null) {
			builder.tag(TraceTags.TRACESTATE_VERDICT, TraceTags.ABSENT);
			return;
		}
		builder.tag(TraceTags.TRACESTATE_RECEIVED, TraceTags.received(tracestate.header()));
		builder.tag(TraceTags.TRACESTATE_VERDICT, (tracestate.reason() == null) ? TraceTags.KEPT : TraceTags.DROPPED);
		if (tracestate.reason() != null) {
			builder.tag(TraceTags.TRACESTATE_DROPPED, tracestate.reason());
		}
	}

	/**
	 * The Level 3 draft response header ({@code spec/21-http_response_header_format.md}): this hop's
	 * trace id and span id (the {@code child-id}) and its flags, sampled and random only.
	 */
	private static String traceresponse(Span span, HopContext hop) {
		return W3CPropagator.traceParent(hop.traceId(), span.context(), hop.randomTraceId()).format();
	}

	private static void finish(Span span, HttpServletRequest request, HttpServletResponse response) {
		Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		// the static resources' catch-all (/**, which answers 404 for a path nothing serves) is no route
		boolean resources = request
			.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof ResourceHttpRequestHandler;
		if (route != null && !resources) {
			// the route, not the path, names the span: /api/traces/{traceId} is one operation
			span.name(request.getMethod() + " " + route);
		}
		// errors are recorded where they are understood: above, and in ProblemHandler for handled ones
		span.tag("http.status_code", String.valueOf(response.getStatus()));
		span.end();
	}

	/** Every value of a header: the servlet API matches names ignoring case, as HTTP does. */
	/** B3 single and multi, and Jaeger's: lowercase, sorted, as {@link TraceTags#OTHER_PROPAGATION} lists them. */
	private static final List<String> OTHER_PROPAGATION_HEADERS = List.of("b3", "uber-trace-id", "x-b3-traceid");

	private static final HeaderGetter<HttpServletRequest> HEADERS = (request, name) -> Collections
		.list(request.getHeaders(name));

}
