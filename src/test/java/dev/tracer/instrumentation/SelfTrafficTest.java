package dev.tracer.instrumentation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SelfTraffic}, the rule for what is tracer's own traffic, held against every route the
 * controllers declare: each of the API's ({@code dev.tracer.api}, the viewer's reads) is covered, none of
 * the demo's or the intakes' is, so a new endpoint cannot silently be traced or silently not be.
 */
class SelfTrafficTest {

	/** The controller of trace files, an intake the viewer itself calls. */
	private static final String TRACE_FILES = "TraceFileController";

	@ParameterizedTest
	@CsvSource({ "/, true", "/index.html, true", "/viewer/app.js, true", "/favicon.svg, true",
			"/favicon.ico, true", "/api/traces, true", "/api/traces/abc/view, true", "/api/breaks, true",
			"/api/traceparent/parse, true", "/api/tracesx, false", "/api/data, false", "/api/v2/spans, false",
			"/test, false", "/v1/traces, false", "/api/files, true", "/propagation.html, true", "/api/propagation, true",
			"/api/propagation/broken, true" })
	void isOwn(String path, boolean own) {
		assertThat(SelfTraffic.isOwn(path)).as(path).isEqualTo(own);
	}

	@Test
	void everyApiRoute_isOwn() {
		List<String> routes = routes("dev.tracer.api");
		// a file opened in the viewer, and a trace downloaded from it, are the viewer's own requests
		routes.addAll(routes("dev.tracer.intake", TRACE_FILES));
		// the W3C harness's endpoint is a traced service under test, not a read of the store
		routes.remove("/test");

		assertThat(routes).isNotEmpty().allSatisfy((route) -> assertThat(SelfTraffic.isOwn(route)).as(route).isTrue());
	}

	@Test
	void demoAndIntakeRoutes_areNotOwn() {
		List<String> routes = routes("dev.tracer.demo");
		routes.addAll(routes("dev.tracer.intake"));
		routes.removeAll(routes("dev.tracer.intake", TRACE_FILES));

		assertThat(routes).contains("/api/data")
			.allSatisfy((route) -> assertThat(SelfTraffic.isOwn(route)).as(route).isFalse());
	}

	/** Every path a {@code @RestController} of the package maps, its class prefix included. */
	private static List<String> routes(String packageName) {
		return routes(packageName, "");
	}

	/** The paths of the package's controllers whose simple name starts with {@code namePrefix}. */
	private static List<String> routes(String packageName, String namePrefix) {
		List<String> routes = new ArrayList<>();
		for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(packageName)) {
			Class<?> controller = type.reflect();
			if (!controller.isAnnotationPresent(RestController.class) || !controller.getSimpleName().startsWith(namePrefix)) {
				continue;
			}
			RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
			String prefix = (base == null || base.path().length == 0) ? "" : base.path()[0];
			for (Method method : controller.getDeclaredMethods()) {
				RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
				if (mapping != null) {
					for (String path : mapping.path()) {
						routes.add(prefix + path);
					}
				}
			}
		}
		return routes;
	}

}
