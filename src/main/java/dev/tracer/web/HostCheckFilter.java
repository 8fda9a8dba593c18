package dev.tracer.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Host} is not one {@link AllowedHosts} permits with 421 Misdirected Request
 * (RFC 9110: the request was directed at a server not able to answer for that host), as
 * {@code application/problem+json}, before anything else runs: the request is not traced, read or
 * stored. This is what keeps a page of another site, whose name was rebound to this machine, from
 * reading traces or posting spans.
 */
final class HostCheckFilter extends OncePerRequestFilter {

	static final int MISDIRECTED_REQUEST = 421;

	/** A host quoted back only when it is plainly a host name or address; never raw bytes of a header. */
	private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,100}");

	private final AllowedHosts hosts;

	private final JsonMapper json;

	HostCheckFilter(AllowedHosts hosts, JsonMapper json) {
		this.hosts = hosts;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getHeader(HttpHeaders.HOST);
		if (hosts.permits(host)) {
			chain.doFilter(request, response);
			return;
		}
		String named = QUOTABLE.matcher(host).matches() ? "\"" + host + "\"" : "this Host";
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", "Misdirected Request");
		problem.put("status", MISDIRECTED_REQUEST);
		problem.put("detail", named + " is not a name of this server; if it is how you reach it, add it to"
				+ " tracer.web.allowed-hosts");
		problem.put("instance", request.getRequestURI());
		response.setStatus(MISDIRECTED_REQUEST);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(problem));
	}

}
