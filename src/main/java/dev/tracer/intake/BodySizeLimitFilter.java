package dev.tracer.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.tracer.problem.BodyTooLargeException;

/**
 * Caps request bodies at {@code tracer.web.max-body-size}, or at a path's own limit (a trace file's,
 * {@code tracer.files.max-size}): reading stops where a body crosses the limit (whatever its
 * {@code Content-Length} claims, chunked or not) with a {@link BodyTooLargeException}, which the problem
 * handler answers 413. A handler that never reads the body is not affected.
 */
final class BodySizeLimitFilter extends OncePerRequestFilter {

	/**
	 * @param bytes the most bytes a body may bring
	 * @param property the setting that says so, named in a refusal
	 */
	record Limit(long bytes, String property) {
	}

	private final Limit general;

	private final Map<String, Limit> byPath;

	BodySizeLimitFilter(long maxBytes) {
		this(new Limit(maxBytes, "tracer.web.max-body-size"), Map.of());
	}

	/**
	 * @param general the limit of every request
	 * @param byPath request paths (exactly, without the context path) with a limit of their own
	 */
	BodySizeLimitFilter(Limit general, Map<String, Limit> byPath) {
		this.general = general;
		this.byPath = Map.copyOf(byPath);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		chain.doFilter(new LimitedRequest(request, byPath.getOrDefault(path, general)), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final Limit limit;

		private ServletInputStream stream;

		private BufferedReader reader;

		LimitedRequest(HttpServletRequest request, Limit limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedInputStream(super.getInputStream(), limit);
			}
			return stream;
		}

		/**
		 * The container's reader would read the unlimited stream underneath, so the reader is made here,
		 * over the limited one, in the request's encoding (the servlet default, ISO-8859-1, when none is
		 * set; Boot's encoding filter normally sets UTF-8).
		 */
		@Override
		public BufferedReader getReader() throws IOException {
			if (reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
				reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return reader;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final Limit limit;

		private long read;

		LimitedInputStream(ServletInputStream in, Limit limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			read += n;
			if (read > limit.bytes()) {
				throw new BodyTooLargeException(limit.bytes(), limit.property());
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
