package dev.tracer.demo;

import java.util.Map;

import io.micrometer.tracing.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.tracer.problem.UpstreamProblem;

/**
 * The frontend's {@code GET /api/data}: calls the backend through a {@link RestClient} from Boot's
 * builder, whose observation makes the client span and writes its {@code traceparent}, and answers
 * with both hops. A backend that cannot be reached is a 502, one that does not answer in time a 504.
 */
@RestController
@Profile("frontend")
class FrontendController {

	private static final Log log = LogFactory.getLog(FrontendController.class);

	private final String service;

	private final RestClient downstream;

	private final String downstreamUrl;

	private final Tracer tracer;

	FrontendController(@Value("${spring.application.name}") String service, RestClient downstream,
			DemoProperties properties, Tracer tracer) {
		this.service = service;
		this.tracer = tracer;
		this.downstream = downstream;
		this.downstreamUrl = properties.downstream().resolve("/api/data").toString();
	}

	/**
	 * @param propagation what happens to the context on the way to the backend ({@link PropagationFault}):
	 * {@code normal} unless asked to break it
	 */
	@GetMapping("/api/data")
	HopView data(@RequestParam(defaultValue = "normal") String propagation) {
		PropagationFault fault = PropagationFault.of(propagation);
		log.info("Calling " + downstreamUrl);
		Map<?, ?> backend = call(fault);
		return HopView.of(service, tracer, backend, null);
	}

	private Map<?, ?> call(PropagationFault fault) {
		try {
			return downstream.get().uri("/api/data").attribute(PropagationFault.ATTRIBUTE, fault).retrieve().body(Map.class);
		}
		catch (RestClientException ex) {
			throw UpstreamProblem.of("downstream " + downstreamUrl, ex);
		}
	}

}
