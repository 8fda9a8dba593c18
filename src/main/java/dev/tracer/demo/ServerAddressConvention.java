package dev.tracer.demo;

import java.net.URI;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * Spring's client observation, plus OpenTelemetry's {@code server.address} and {@code server.port} on
 * the span: Spring names the callee only in {@code client.name} and {@code http.url}, and
 * {@code server.address} is the attribute that OpenTelemetry's HTTP instrumentations write and that
 * readers of a trace look for to see who was called. Used for the backend's call to the third party;
 * both values are high cardinality (one per host), so they become span tags and not metric tags. An
 * address alone (the stand-in listens on {@code 127.0.0.1}) says where a call went, not whose service
 * it was, so the callee is also named in {@code peer.service}, as OpenTelemetry's peer-service mapping
 * names a destination its operator configured.
 */
final class ServerAddressConvention extends DefaultClientRequestObservationConvention {

	static final String SERVER_ADDRESS = "server.address";

	static final String SERVER_PORT = "server.port";

	static final String PEER_SERVICE = "peer.service";

	private final String peerService;

	/** @param peerService the callee's name, never null */
	ServerAddressConvention(String peerService) {
		this.peerService = peerService;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ClientRequestObservationContext context) {
		KeyValues values = super.getHighCardinalityKeyValues(context);
		ClientHttpRequest request = context.getCarrier();
		URI uri = (request != null) ? request.getURI() : null;
		values = values.and(KeyValue.of(PEER_SERVICE, peerService));
		if (uri == null || uri.getHost() == null) {
			return values;
		}
		return values.and(KeyValue.of(SERVER_ADDRESS, uri.getHost()), KeyValue.of(SERVER_PORT, String.valueOf(port(uri))));
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
