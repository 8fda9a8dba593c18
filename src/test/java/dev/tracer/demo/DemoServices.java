package dev.tracer.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.tracer.TracingApplication;

/**
 * Both demo services in one JVM, each its own application context on the port its server chose
 * ({@code server.port=0}), as {@code java -jar tracer.jar} runs them: the frontend calls the backend,
 * and both report their spans to the frontend's store, the backend's, or a Zipkin server.
 *
 * <p>The two point at each other, so the order is (reporting to the frontend):
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
 * <p>A test class registers a {@link DemoServicesExtension} to have both started before its first test
 * and stopped after its last; other code calls {@link #start()} and {@link #close()}. This class needs
 * no JUnit: {@link #main} runs it in a JVM of its own, on the built jar's class path.
 */
public final class DemoServices implements AutoCloseable {

	private static final String SPANS_PATH = "/api/v2/spans";

	private static final String FRONTEND_PORT = "tracer.test.frontend-port";

	private static final String OWN_PORT = "${local.server.port}";

	/** Where both report; null for a store of the two services. */
	private final String spans;

	/** With {@link #spans} null: the backend's store rather than the frontend's, the default. */
	private final boolean toBackend;

	private final List<String> sharedArguments;

	private final List<String> frontendArguments;

	/** Configuration added to both contexts, beside the application's own. */
	private final List<Class<?>> extraSources;

	private ConfigurableApplicationContext backend;

	private ConfigurableApplicationContext frontend;

	private DemoServices(String spans, boolean toBackend, List<String> sharedArguments,
			List<String> frontendArguments, List<Class<?>> extraSources) {
		this.spans = spans;
		this.toBackend = toBackend;
		this.sharedArguments = sharedArguments;
		this.frontendArguments = frontendArguments;
		this.extraSources = extraSources;
	}

	/**
	 * Both services, both reporting to the frontend's span store, as they do by default.
	 *
	 * @param frontendArguments more {@code --key=value} arguments for the frontend
	 */
	public static DemoServices reportingToFrontend(String... frontendArguments) {
		return new DemoServices(null, false, List.of(), List.of(frontendArguments), List.of());
	}

	/**
	 * Both services, reporting nothing ({@code management.tracing.export.zipkin.enabled=false}): a test
	 * catches the finished spans itself, with {@link #withSource}.
	 *
	 * @param arguments more {@code --key=value} arguments for both
	 */
	public static DemoServices notReporting(String... arguments) {
		List<String> shared = new ArrayList<>(List.of("--management.tracing.export.zipkin.enabled=false"));
		shared.addAll(List.of(arguments));
		return new DemoServices(null, true, List.copyOf(shared), List.of(), List.of());
	}

	/**
	 * Both services, both reporting to the backend's span store, so that the frontend's holds only
	 * what a test posts to it.
	 *
	 * @param arguments more {@code --key=value} arguments for both
	 */
	public static DemoServices reportingToBackend(String... arguments) {
		return new DemoServices(null, true, List.of(arguments), List.of(), List.of());
	}

	/**
	 * Both services, both reporting to a span intake of their own (a Zipkin server).
	 *
	 * @param spans the reporters' endpoint, {@code .../api/v2/spans}
	 * @param frontendArguments more {@code --key=value} arguments for the frontend
	 */
	public static DemoServices reportingTo(String spans, String... frontendArguments) {
		return new DemoServices(spans, false, List.of(), List.of(frontendArguments), List.of());
	}

	/** The same services, with {@code source} (a configuration class, a component) in both contexts. */
	public DemoServices withSource(Class<?> source) {
		List<Class<?>> sources = new ArrayList<>(extraSources);
		sources.add(source);
		return new DemoServices(spans, toBackend, sharedArguments, frontendArguments, List.copyOf(sources));
	}

	/** Starts the backend, then the frontend; returns once both listen. */
	public DemoServices start() {
		String backendSpans = (spans != null) ? spans
				: spansOn(toBackend ? OWN_PORT : "${" + FRONTEND_PORT + "}");
		backend = run("backend", List.of(spansArgument(backendSpans)));
		try {
			String frontendSpans = (spans != null) ? spans : spansOn(toBackend ? backendPort() : OWN_PORT);
			List<String> arguments = new ArrayList<>(List.of(spansArgument(frontendSpans),
					"--tracer.demo.downstream=http://localhost:" + backendPort()));
			arguments.addAll(frontendArguments);
			frontend = run("frontend", arguments);
		}
		catch (RuntimeException | Error ex) {
			backend.close();
			throw ex;
		}
		if (spans == null && !toBackend) {
			backend.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("demo-services", Map.of(FRONTEND_PORT, frontendPort())));
		}
		return this;
	}

	/** Arguments, not default properties: those rank below {@code application.yml}. */
	private ConfigurableApplicationContext run(String profile, List<String> arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0"));
		all.addAll(sharedArguments);
		all.addAll(arguments);
		List<Class<?>> sources = new ArrayList<>(List.of(TracingApplication.class, LateSpanEndpoint.class));
		sources.addAll(extraSources);
		return new SpringApplicationBuilder(sources.toArray(new Class<?>[0])).profiles(profile)
			.run(all.toArray(new String[0]));
	}

	private static String spansOn(Object port) {
		return "http://localhost:" + port + SPANS_PATH;
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

	/** {@code http://localhost:<backend port><path>} */
	public String backendUrl(String path) {
		return "http://localhost:" + backendPort() + path;
	}

	/** The frontend's bean of {@code type}. */
	public <T> T frontendBean(Class<T> type) {
		return frontend.getBean(type);
	}

	/** The backend's bean of {@code type}. */
	public <T> T backendBean(Class<T> type) {
		return backend.getBean(type);
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

	/**
	 * Both services reporting to the backend's store, in a JVM of their own:
	 * {@code DemoServices PORTS_FILE [--key=value...]}, the arguments for both. Once both listen, writes
	 * {@code frontend.port} and {@code backend.port} to {@code PORTS_FILE} (a properties file, moved
	 * into place whole) and leaves them running until the JVM is stopped.
	 */
	public static void main(String[] args) throws IOException {
		Path ports = Path.of(args[0]);
		DemoServices services = reportingToBackend(Arrays.copyOfRange(args, 1, args.length)).start();
		Path written = Files.writeString(Files.createTempFile(ports.toAbsolutePath().getParent(), "ports-", ".tmp"),
				"frontend.port=" + services.frontendPort() + "\nbackend.port=" + services.backendPort() + "\n");
		Files.move(written, ports, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}
