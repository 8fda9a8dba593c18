package dev.tracer.viewer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a class of the viewer's browser tests shares: one headless Chromium ({@link Chromium}), a wait of
 * 20 s for what the page shows, and both demo services ({@link DemoPair}) started with the class's
 * arguments, all closed after the class's last test. A class starts them in its own {@code @BeforeAll}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

	protected ChromeDriver browser;

	protected WebDriverWait wait;

	protected DemoPair services;

	/**
	 * Starts the browser with a window of this size, then both services.
	 *
	 * @param frontendArguments the frontend's extra arguments ({@code --tracer.breaks.settle=500ms}, ...)
	 */
	protected void start(int width, int height, String... frontendArguments) throws IOException {
		browser = Chromium.start(width, height);
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		services = new DemoPair(frontendArguments);
	}

	/** Opens a trace's page and waits until it is drawn. */
	protected void openTrace(String traceId) {
		browser.get(services.url("/?trace=" + traceId));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
	}

	/** The waterfall's rows on screen, in row order. */
	protected List<WebElement> visibleRows() {
		List<WebElement> rows = new ArrayList<>(browser.findElements(By.cssSelector(".wf-rows .row")));
		rows.removeIf((row) -> !row.isDisplayed());
		rows.sort((a, b) -> Integer.compare(Integer.parseInt(a.getDomAttribute("data-row")),
				Integer.parseInt(b.getDomAttribute("data-row"))));
		return rows;
	}

	@AfterAll
	void stopBrowserAndServices() {
		if (browser != null) {
			browser.quit();
		}
		if (services != null) {
			services.close();
		}
	}

}
