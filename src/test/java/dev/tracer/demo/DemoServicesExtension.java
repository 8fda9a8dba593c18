package dev.tracer.demo;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link DemoServices}, started before a test class's first test and stopped after its last:
 * {@code @RegisterExtension static final DemoServicesExtension services = new DemoServicesExtension(...)}.
 */
public final class DemoServicesExtension implements BeforeAllCallback, AfterAllCallback {

	private final DemoServices services;

	public DemoServicesExtension(DemoServices services) {
		this.services = services;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		services.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		services.close();
	}

	/** {@code http://localhost:<frontend port><path>} */
	public String frontendUrl(String path) {
		return services.frontendUrl(path);
	}

	/** The services, to reach the backend or a context's beans. */
	public DemoServices services() {
		return services;
	}

}
