package dev.tracer.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.tracer.TracingApplication;

/**
 * Both demo services in this JVM, each its own application context on the port its server chose
 * ({@code server.port=0}), as {@code java -jar tracer.jar} runs them: the frontend calls the backend,
 * and both report their spans to the frontend's store (or to a Zipkin server).
 *
 * <p>The two point at each other, so the order is:
 *
 * <pre>
 * 1. backend   server.port=0, reports to http://localhost:${tracer.test.frontend-port}/api/v2/spans
 *              -> listening on B
 * 2. frontend  server.port=0, tracer.demo.downstream=http://localhost:B,
 *              reports to http://localhost:${local.server.port}/api/v2/spans (its own)
 *              -> listening on F
 * 3. backend   tracer.test.frontend-port=F
 * </pre>
 *
 * Both reporters resolve their endpoint at each send ({@link LateSpanEndpoint}), so neither port is
 * picked before its server binds it, and no request is served before step 3.
 *
 * <p>A test class registers it ({@code @RegisterExtension static final DemoServices services = ...}) to
 * have both started before its first test and stopped after its last; other code calls {@link #start()}
 * and {@link #close()}.
 */
public final class DemoServices implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	private static final String SPANS_PATH = "/api/v2/spans";

	private static final String FRONTEND_PORT = "tracer.test.frontend-port";

	/** Null: the frontend's own store. */
	private final String spans;

	private final List<String> frontendArguments;

	private ConfigurableApplicationContext backend;

	private ConfigurableApplicationContext frontend;

	private DemoServices(String spans, String... frontendArguments) {
		this.spans = spans;
		this.frontendArguments = List.of(frontendArguments);
	}

	/**
	 * Both services, both reporting to the frontend's span store, as they do by default.
	 *
	 * @param frontendArguments more {@code --key=value} arguments for the frontend
	 */
	public static DemoServices reportingToFrontend(String... frontendArguments) {
		return new DemoServices(null, frontendArguments);
	}

	/**
	 * Both services, both reporting to a span intake of their own (a Zipkin server).
	 *
	 * @param spans the reporters' endpoint, {@code .../api/v2/spans}
	 * @param frontendArguments more {@code --key=value} arguments for the frontend
	 */
	public static DemoServices reportingTo(String spans, String... frontendArguments) {
		return new DemoServices(spans, frontendArguments);
	}

	/** Starts the backend, then the frontend; returns once both listen. */
	public DemoServices start() {
		boolean toFrontend = (spans == null);
		backend = run("backend", "--server.port=0",
				spansArgument(toFrontend ? "http://localhost:${" + FRONTEND_PORT + "}" + SPANS_PATH : spans));
		try {
			List<String> arguments = new ArrayList<>(List.of("--server.port=0",
					spansArgument(toFrontend ? "http://localhost:${local.server.port}" + SPANS_PATH : spans),
					"--tracer.demo.downstream=http://localhost:" + backendPort()));
			arguments.addAll(frontendArguments);
			frontend = run("frontend", arguments.toArray(new String[0]));
		}
		catch (RuntimeException | Error ex) {
			backend.close();
			throw ex;
		}
		if (toFrontend) {
			backend.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("demo-services", Map.of(FRONTEND_PORT, frontendPort())));
		}
		return this;
	}

	/** Arguments, not default properties: those rank below {@code application.yml}. */
	private static ConfigurableApplicationContext run(String profile, String... arguments) {
		return new SpringApplicationBuilder(TracingApplication.class, LateSpanEndpoint.class).profiles(profile)
			.run(arguments);
	}

	private static String spansArgument(String endpoint) {
		return "--management.tracing.export.zipkin.endpoint=" + endpoint;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	public int frontendPort() {
		return port(frontend);
	}

	public int backendPort() {
		return port(backend);
	}

	/** {@code http://localhost:<frontend port><path>} */
	public String frontendUrl(String path) {
		return "http://localhost:" + frontendPort() + path;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/** Stops whichever of the two started; safe to call more than once. */
	@Override
	public void close() {
		try {
			if (frontend != null) {
				frontend.close();
			}
		}
		finally {
			if (backend != null) {
				backend.close();
			}
		}
	}

}
