package dev.tracer.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.springframework.http.HttpStatus;

import dev.tracer.problem.ApiProblem;
import dev.tracer.problem.BodyTooLargeException;

/**
 * The {@code Content-Encoding} of a request body, undone within the body limit: the one way every span
 * intake (Zipkin's {@code /api/v2/spans}, OTLP's {@code /v1/traces}) reads a compressed body.
 * the body-size limit caps the bytes received; this caps the bytes they expand to, so a small
 * gzip bomb cannot become a large heap.
 */
final class ContentEncoding {

	private ContentEncoding() {
	}

	/**
	 * @param body the body as received, never null
	 * @param encoding the {@code Content-Encoding} header: absent, {@code identity} or {@code gzip}
	 * (case-insensitive)
	 * @param maxBytes the most bytes the decoded body may have
	 * @return the decoded body ({@code body} itself when it was not encoded)
	 * @throws BodyTooLargeException if the decoded body would pass {@code maxBytes}
	 * @throws ApiProblem 400 if the body is not what its encoding says, 415 for any other encoding
	 */
	static byte[] decode(byte[] body, String encoding, long maxBytes) {
		if (encoding == null || encoding.isBlank() || "identity".equalsIgnoreCase(encoding.strip())) {
			return body;
		}
		if ("gzip".equalsIgnoreCase(encoding.strip())) {
			return gunzip(body, maxBytes);
		}
		// RFC 9110, 15.5.16: an unsupported content coding is a 415
		throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Content-Encoding " + encoding.strip() + " is not supported; send gzip or no encoding");
	}

	private static byte[] gunzip(byte[] body, long maxBytes) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, body.length * 4L));
			byte[] buffer = new byte[8192];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				if (out.size() + n > maxBytes) {
					throw new BodyTooLargeException(maxBytes);
				}
				out.write(buffer, 0, n);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw ApiProblem.badRequest("Content-Encoding gzip: the body is not valid gzip (" + ex.getMessage() + ")");
		}
	}

}
