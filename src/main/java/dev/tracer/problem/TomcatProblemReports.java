package dev.tracer.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Requests Tomcat refuses itself, before any filter or controller runs (a header section over
 * {@code server.max-http-request-header-size}, more than 100 headers, a control character in a header,
 * an encoded NUL in the path), get {@code application/problem+json} like every other refusal, instead of
 * Tomcat's {@code text/html} page. Tomcat writes that page from its host's {@link ErrorReportValve};
 * Boot adds one to hide the server's version, and this customizer, ordered after Boot's, replaces it:
 *
 * <pre>
 * HTTP/1.1 400
 * Content-Type: application/problem+json
 *
 * {"type":"about:blank","title":"Bad Request","status":400,
 *  "detail":"the request's headers are too large; nothing was processed"}
 * </pre>
 *
 * Tomcat's own message is never sent: it may quote the request's bytes. Where Tomcat answers without
 * the valve (it closes the connection, or the client is gone), nothing can be written; the README's
 * bad-input table says which cases those are.
 */
final class TomcatProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			if (host instanceof StandardHost standardHost) {
				// or the host adds Tomcat's own valve when it starts
				standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
			host.getPipeline().addValve(new ProblemReportValve());
		});
	}

	/** After Boot's {@code TomcatWebServerFactoryCustomizer}, which adds the valve this one replaces. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Writes an error status that has no body yet as {@code application/problem+json}. */
	public static final class ProblemReportValve extends ErrorReportValve {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean(false);
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get()) {
				return;
			}
			Problem problem = ErrorTable.ofTomcat(status, throwable, response.getMessage());
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", "about:blank");
			body.put("title", problem.title());
			body.put("status", status);
			body.put("detail", problem.detail());
			try {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(JSON.writeValueAsString(body));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the response was taken over: there is no one to tell
			}
		}


	}

}
