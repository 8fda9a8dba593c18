package dev.tracer.store.zipkin;

/**
 * A call to the Zipkin server failed: it could not be reached, did not answer in time, refused the
 * call, or sent something that is not Zipkin v2. The cause is the client's own exception, which the
 * web layer reads to tell a timeout (504) from the rest (502).
 */
public class ZipkinStoreException extends RuntimeException {

	private final String baseUrl;

	ZipkinStoreException(String baseUrl, String call, Throwable cause) {
		super("Zipkin at " + baseUrl + ": " + call, cause);
		this.baseUrl = baseUrl;
	}

	/** The Zipkin server's address, as configured ({@code tracer.store.zipkin.base-url}). */
	public String baseUrl() {
		return baseUrl;
	}

}
