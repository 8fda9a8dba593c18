package dev.tracer.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers every answer carries, set before anything else runs so that refusals carry them too:
 *
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}: a browser takes a JSON answer as JSON, never as a script
 * or a page;</li>
 * <li>{@link #CONTENT_SECURITY_POLICY}: the viewer's scripts, styles, images and calls come from this
 * server only (the viewer has no inline script or style; its JavaScript sets style properties, which a
 * policy does not govern), nothing is embedded, and no other site may frame a page of it
 * ({@code frame-ancestors 'none'}, with {@code X-Frame-Options: DENY} for browsers that predate it).</li>
 * </ul>
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
			+ " frame-ancestors 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Frame-Options", "DENY");
		chain.doFilter(request, response);
	}

}
