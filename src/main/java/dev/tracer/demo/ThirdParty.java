package dev.tracer.demo;

import java.net.URI;

import org.springframework.web.client.RestClient;

/**
 * The backend's client for the exchange-rate API, and where that API is, so that a failure names it.
 *
 * @param client with the API's base URL
 * @param baseUrl the API's base URL
 */
record ThirdParty(RestClient client, URI baseUrl) {

	/** The name its calls give it ({@code peer.service}): an untraced callee, as a real exchange-rate API is. */
	static final String PEER_SERVICE = "exchange-rates";

	/** The API's {@code path} as a failure names it: {@code third party http://127.0.0.1:PORT/v1/rates}. */
	String describe(String path) {
		return "third party " + baseUrl.resolve(path);
	}

}
