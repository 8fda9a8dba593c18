package dev.tracer.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.tracer.testing.FindingTraces;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Findings panel in a real browser (headless Chromium) against the demo services: a trace with N+1
 * calls lists the finding, and choosing it brackets the group under its parent in the waterfall; a
 * gateway's masked timeout marks the failed span and the slow chain below it. Saves the N+1 trace's page,
 * the group chosen, as {@code docs/viewer-findings.png}.
 */
class FindingsBrowserIT extends BrowserTest {

	private static final String N_PLUS_ONE_TRACE = "4bf92f3577b34da600000000000f0021";

	private static final String MASKED_TRACE = "4bf92f3577b34da600000000000f0022";

	@BeforeAll
	void start() throws Exception {
		start(1400, 1000);
		services.post(FindingTraces.nPlusOne(N_PLUS_ONE_TRACE));
		services.post(FindingTraces.maskedTimeout(MASKED_TRACE));
	}

	@Test
	void findings_nPlusOneGroupIsBracketed_andMaskedTimeoutMarked() throws Exception {
		openTrace(N_PLUS_ONE_TRACE);
		WebElement finding = wait.until(ExpectedConditions
			.elementToBeClickable(By.cssSelector("#findings li.finding[data-kind=n_plus_one]")));
		assertThat(finding.getText()).contains("N+1 calls", "12 times one after another");
		assertThat(finding.findElement(By.className("confidence")).getDomProperty("textContent")).isEqualTo("definite");
		assertThat(rowsWith("f-group")).isEmpty();

		finding.click();
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".wf-rows .row.f-group"), 12));
		List<WebElement> group = rowsWith("f-group");
		assertThat(group.get(0).getDomAttribute("class")).contains("f-first");
		assertThat(group.get(11).getDomAttribute("class")).contains("f-last");
		assertThat(rowsWith("f-parent")).singleElement()
			.satisfies((row) -> assertThat(row.getDomAttribute("data-span-id")).isEqualTo("00000000000f0001"));
		Path shot = Path.of("docs", "viewer-findings.png");
		// the waterfall and the side panels, whatever banners sit above them
		WebElement body = browser.findElement(By.cssSelector(".trace-body"));
		browser.executeScript("arguments[0].scrollIntoView()", body);
		Files.write(shot, body.getScreenshotAs(OutputType.BYTES));
		assertThat(Files.size(shot)).isGreaterThan(10_000);

		openTrace(MASKED_TRACE);
		WebElement masked = wait.until(ExpectedConditions
			.elementToBeClickable(By.cssSelector("#findings li.finding[data-kind=masked_timeout]")));
		assertThat(masked.getText()).contains("Masked timeout", "by a timeout");
		masked.click();
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".wf-rows .row.f-slow"), 3));
		assertThat(rowsWith("f-cause")).singleElement()
			.satisfies((row) -> assertThat(row.getDomAttribute("data-span-id")).isEqualTo("00000000000f1001"));
		assertThat(rowsWith("f-slow")).extracting((row) -> row.getDomAttribute("data-span-id"))
			.containsExactly("00000000000f1002", "00000000000f1003", "00000000000f1004");

		masked.click();
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".wf-rows .row.f-slow"), 0));
	}

	private List<WebElement> rowsWith(String mark) {
		List<WebElement> rows = new ArrayList<>(browser.findElements(By.cssSelector(".wf-rows .row." + mark)));
		rows.removeIf((row) -> !row.isDisplayed());
		rows.sort((a, b) -> Integer.compare(Integer.parseInt(a.getDomAttribute("data-row")),
				Integer.parseInt(b.getDomAttribute("data-row"))));
		return rows;
	}

}
