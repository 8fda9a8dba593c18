package dev.tracer.intake;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import dev.tracer.problem.ApiProblem;
import dev.tracer.problem.BodyTooLargeException;

import static dev.tracer.testing.MvcProblems.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link ContentEncoding}: the one reading of a compressed span body, shared by both intakes. */
class ContentEncodingTest {

	private static final byte[] BODY = "[{\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}]".getBytes(StandardCharsets.UTF_8);

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "identity", " Identity " })
	void decode_notEncoded_isTheBodyItself(String encoding) {
		assertThat(ContentEncoding.decode(BODY, encoding, BODY.length)).isSameAs(BODY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gzip", "GZIP", " gzip" })
	void decode_gzip_isTheOriginal(String encoding) throws Exception {
		assertThat(ContentEncoding.decode(gzip(BODY), encoding, BODY.length)).isEqualTo(BODY);
	}

	@Test
	void decode_gzipOneByteOverTheLimit_is413() throws Exception {
		byte[] compressed = gzip(BODY);

		assertThatExceptionOfType(BodyTooLargeException.class)
			.isThrownBy(() -> ContentEncoding.decode(compressed, "gzip", BODY.length - 1))
			.withMessage("request body is larger than " + (BODY.length - 1) + " bytes (tracer.web.max-body-size)");
	}

	@Test
	void decode_bomb_stopsAtTheLimit() throws Exception {
		byte[] bomb = gzip(new byte[64 * 1024 * 1024]);

		assertThat(bomb.length).isLessThan(100_000);
		assertThatExceptionOfType(BodyTooLargeException.class).isThrownBy(() -> ContentEncoding.decode(bomb, "gzip", 1024));
	}

	@Test
	void decode_notGzip_is400() {
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> ContentEncoding.decode(BODY, "gzip", 1024))
			.withMessageStartingWith("Content-Encoding gzip: the body is not valid gzip (")
			.extracting(ApiProblem::status)
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void decode_truncatedGzip_is400() throws Exception {
		byte[] compressed = gzip(BODY);
		byte[] truncated = java.util.Arrays.copyOf(compressed, compressed.length - 4);

		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> ContentEncoding.decode(truncated, "gzip", 1024))
			.extracting(ApiProblem::status)
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "deflate", "gzip, br" })
	void decode_otherEncoding_is415(String encoding) {
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> ContentEncoding.decode(BODY, encoding, 1024))
			.withMessage("Content-Encoding " + encoding + " is not supported; send gzip or no encoding")
			.extracting(ApiProblem::status)
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

}
