package dev.tracer.demo;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The backend's {@code GET /api/data}: answers from its own hop, after a bit of traced local work. */
@RestController
@Profile("backend")
class BackendController {

	private static final Log log = LogFactory.getLog(BackendController.class);

	private final String service;

	private final Tracer tracer;

	BackendController(@Value("${spring.application.name}") String service, Tracer tracer) {
		this.service = service;
		this.tracer = tracer;
	}

	@GetMapping("/api/data")
	HopView data() {
		HopView view = HopView.of(service, tracer, null);
		// a child span inside the hop, to show in-process nesting under the server span
		Span work = tracer.nextSpan().name("prepare-data").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(work)) {
			log.info("Preparing data");
			return view;
		}
		catch (RuntimeException ex) {
			work.error(ex);
			throw ex;
		}
		finally {
			work.end();
		}
	}

}
