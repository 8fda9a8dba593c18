package dev.tracer.viewer;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.json.JsonMapper;

import dev.tracer.testing.TraceFileFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening trace files in a real browser (headless Chromium) against the frontend: one file of each
 * format through the file input, each a broken trace among its two, whose list links to the trace page
 * with its tree, its break and its clock skew marked; bad files' messages; a pasted trace; a trace
 * downloaded and opened again. Saves the Jaeger file's trace page as {@code docs/viewer-jaeger-file.png}.
 */
class OpenFileBrowserIT extends BrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Small, so that a file over it is small too; the page states it. */
	private static final int MAX_BYTES = 64 * 1024;

	private Path files;

	@BeforeAll
	void start() throws Exception {
		start(1400, 900, "--tracer.files.max-size=64KB");
		files = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "open-file-");
	}

	private Path file(String name, byte[] content) throws Exception {
		return Files.write(files.resolve(name), content);
	}

	/** The list page with the file section open, the limit read from the server. */
	private void openFileSection() {
		browser.get(services.url("/"));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("file-toggle"))).click();
		wait.until(ExpectedConditions.textToBe(By.id("file-limit"), "up to 64 KB"));
	}

	private void choose(Path file) {
		browser.findElement(By.id("file-input")).sendKeys(file.toString());
	}

	@ParameterizedTest
	@CsvSource({ TraceFileFixtures.JAEGER + ", Jaeger JSON", TraceFileFixtures.ZIPKIN + ", Zipkin v2 JSON",
			TraceFileFixtures.OTLP + ", OTLP/JSON" })
	void openEachFormat_listsItsTraces_andTheBrokenOneShowsTreeBreakAndSkew(String name, String format)
			throws Exception {
		openFileSection();
		choose(file(name, TraceFileFixtures.bytes(name)));

		WebElement opened = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#file-result .opened")));
		assertThat(opened.getText()).contains(format + ", 11 spans in 2 traces");
		List<WebElement> rows = opened.findElements(By.cssSelector("tbody tr"));
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).getText()).contains("frontend: http get /dispatch");
		rows.get(0).findElement(By.tagName("a")).click();
		waitForTracePage();

		assertThat(visibleRows()).hasSize(9);
		assertThat(visibleRows().get(0).getText()).contains("http get /dispatch");
		assertThat(browser.findElement(By.id("break-banner")).isDisplayed()).isTrue();
		List<WebElement> lost = browser.findElements(By.cssSelector(".wf-rows .row.lost"));
		assertThat(lost).singleElement()
			.satisfies((row) -> assertThat(row.getDomAttribute("data-span-id")).endsWith("000000000009"));
		WebElement skew = browser.findElement(By.cssSelector("#trace-header [data-field=skew]"));
		assertThat(skew.getText()).startsWith("Clock skew:").contains("driver");

		if (name.equals(TraceFileFixtures.JAEGER)) {
			Path shot = Path.of("docs", "viewer-jaeger-file.png");
			Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
			assertThat(Files.size(shot)).isGreaterThan(10_000);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"notjson.json   | {\"data\": ]                                   | not a trace file, at line 1, column 10: not JSON",
			"unknown.json   | {\"traces\": []}                               | JSON of an unknown shape: expected Zipkin v2 JSON",
			"noid.json      | {\"data\":[{\"spans\":[{\"spanID\":\"1\"}]}]}  | read as Jaeger JSON, at data[0].spans[0].traceID: missing",
			"longid.json    | [{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e47360\",\"id\":\"1\"}] | read as Zipkin v2 JSON" })
	void badFile_showsItsMessage_andOpensNothing(String name, String content, String message) throws Exception {
		openFileSection();
		choose(file(name, content.getBytes(StandardCharsets.UTF_8)));

		WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
		assertThat(shown.getText()).startsWith(name + " could not be opened: ").contains(message);
		assertThat(browser.findElement(By.cssSelector("#file-result .error-text")).getText()).isEqualTo(shown.getText());
		assertThat(browser.findElements(By.cssSelector("#file-result .opened"))).isEmpty();
	}

	@Test
	void fileOverTheLimit_isRefusedWithTheLimit() throws Exception {
		openFileSection();
		choose(file("big.json", new byte[MAX_BYTES + 1]));

		WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
		assertThat(shown.getText()).isEqualTo("big.json is 64 KB, larger than the 64 KB a file may be (tracer.files.max-size).");
	}

	@Test
	void pastedTrace_opensItsPage() throws Exception {
		// the first trace of the list of traces: a list of spans, as a bug report would paste it
		String spans = JSON.writeValueAsString(JSON.readTree(TraceFileFixtures.moved(TraceFileFixtures.ZIPKIN, "cf0e")).get(0));
		openFileSection();
		WebElement paste = browser.findElement(By.id("file-paste"));
		browser.executeScript("arguments[0].value = arguments[1]", paste, spans);
		browser.findElement(By.cssSelector("#file-paste-form button")).click();

		waitForTracePage();
		assertThat(browser.getCurrentUrl()).endsWith("/?trace=cf0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		assertThat(visibleRows()).hasSize(9);
	}

	@Test
	void downloadedTrace_opensAgainAsTheSameTrace() throws Exception {
		openFileSection();
		choose(file("d.json", TraceFileFixtures.moved(TraceFileFixtures.JAEGER, "df0e")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#file-result .opened a"))).click();
		waitForTracePage();
		List<String> before = rowTexts();
		String zipkinHref = browser.findElement(By.id("download-zipkin")).getDomAttribute("href");
		assertThat(browser.findElement(By.id("download-otlp")).getDomAttribute("href"))
			.isEqualTo("/api/traces/df0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa/download?format=otlp");

		HttpResponse<String> downloaded = services.get(zipkinHref);
		assertThat(downloaded.headers().firstValue("content-disposition")).hasValue(
				"attachment; filename=\"trace-df0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa.zipkin.json\"");
		openFileSection();
		choose(file("trace-df0e.zipkin.json", downloaded.body().getBytes(StandardCharsets.UTF_8)));

		waitForTracePage();
		assertThat(browser.getCurrentUrl()).endsWith("/?trace=df0eaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		assertThat(rowTexts()).isEqualTo(before);
		assertThat(browser.findElements(By.cssSelector(".wf-rows .row.dup"))).isEmpty();
	}

	/** The trace page drawn, its breaks too; the page before it may be going away meanwhile (its body stale). */
	private void waitForTracePage() {
		wait.ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
	}

	/** The rows' texts, read again when the list repaints under the reading (a row element replaced). */
	private List<String> rowTexts() {
		return wait.ignoring(StaleElementReferenceException.class)
			.until((driver) -> visibleRows().stream().map(WebElement::getText).toList());
	}

}
