package dev.tracer.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

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
			HttpStatus known = HttpStatus.resolve(status);
			String body = "{\"type\":\"about:blank\",\"title\":\"" + ((known != null) ? known.getReasonPhrase() : "Error")
					+ "\",\"status\":" + status + ",\"detail\":\"" + detail(status, throwable, response.getMessage()) + "\"}";
			try {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(body);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the response was taken over: there is no one to tell
			}
		}

		/**
		 * Our words for what Tomcat refused, told by its exception or, where it has none (an encoded NUL
		 * in the path), by its status message; either is only read, never sent.
		 */
		static String detail(int status, Throwable throwable, String statusMessage) {
			String message = (throwable != null && throwable.getMessage() != null) ? throwable.getMessage()
					: (statusMessage != null) ? statusMessage : "";
			if (message.startsWith("Request header is too large")) {
				return "the request's headers are too large (server.max-http-request-header-size); nothing was processed";
			}
			if (message.contains("maximum allowed number of headers")) {
				return "too many headers (at most 100); nothing was processed";
			}
			if (message.contains("HTTP header") || message.contains("header line")) {
				return "a header holds a character HTTP does not allow (a control character such as NUL or CR); nothing was processed";
			}
			if (message.contains("request target") || message.contains("URI")) {
				return "the request's path holds a character or an escape that is not allowed (such as %00); nothing was processed";
			}
			if (status == 400) {
				return "the server could not read the request; nothing was processed";
			}
			return "the server refused the request (" + status + "); nothing was processed";
		}

	}

}
