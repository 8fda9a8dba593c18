package dev.tracer.viewer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its own chromedriver, with nothing looked up or fetched: the
 * browser and driver paths are given, so Selenium Manager is never asked, and {@code SE_OFFLINE} is set
 * in case it were. Without the browser the tests are skipped with the reason, unless {@code CI=true},
 * where a missing browser is a failure ({@code .ci/run} installs it).
 */
final class Chromium {

	static final Path BROWSER = Path.of(System.getProperty("tracer.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("tracer.chromedriver", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	/** A fresh browser with its own profile directory under {@code target/}; the caller quits it. */
	static ChromeDriver start(int width, int height) throws IOException {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			String missing = "Chromium (" + BROWSER + ") and chromedriver (" + DRIVER
					+ ") are needed for the viewer's browser tests: apt-get install -y chromium chromium-driver";
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(missing);
			}
			Assumptions.abort("skipped: " + missing);
		}
		System.setProperty("SE_OFFLINE", "true");
		Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
					"--user-data-dir=" + profile, "--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3)).pageLoadTimeout(Duration.ofMinutes(2));
		return driver;
	}

}
