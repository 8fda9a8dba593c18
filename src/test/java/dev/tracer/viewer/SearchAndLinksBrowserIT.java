package dev.tracer.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Links to a span, the trace list's search and the dark theme, in a real browser (headless Chromium)
 * against both demo services over real HTTP: a shared span link opens that span deep in a trace,
 * selected and scrolled to; a tag search finds the right traces and lives in the URL, across a reload;
 * the theme follows the system's dark setting. Saves {@code docs/viewer-search.png} and
 * {@code docs/viewer-dark.png}.
 */
class SearchAndLinksBrowserIT extends BrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long NOW = System.currentTimeMillis() * 1000;

	/** A trace of 300 steps and then a chain 25 deep: its deepest span is the 326th row. */
	private static final String DEEP_TRACE = "5ea4c11d0000000000000000000000d1";

	private static final String DEEPEST = String.format("%016x", 0xd100L + 25);

	@BeforeAll
	void start() throws Exception {
		start(1400, 900, "--tracer.breaks.settle=500ms");
		services.post(deepTrace());
		services.post(shop());
	}

	@AfterEach
	void lightAgain() {
		browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
	}

	/**
	 * <pre>
	 * gateway  get /batch                      row 0
	 * +-- gateway  step 0 .. step 299          rows 1 .. 300
	 * +-- orders  level 1                      row 301
	 *     +-- orders  level 2 ... level 25     rows 302 .. 325: the link's span, depth 26
	 * </pre>
	 */
	private static List<Span> deepTrace() {
		Endpoint gateway = Endpoint.newBuilder().serviceName("gateway").build();
		Endpoint orders = Endpoint.newBuilder().serviceName("orders").build();
		List<Span> spans = new ArrayList<>();
		String root = String.format("%016x", 0xd100L);
		spans.add(Span.newBuilder().traceId(DEEP_TRACE).id(root).name("get /batch").kind(Span.Kind.SERVER)
			.localEndpoint(gateway).timestamp(NOW).duration(900_000).build());
		for (int i = 0; i < 300; i++) {
			spans.add(Span.newBuilder().traceId(DEEP_TRACE).id(String.format("%016x", 0xe000L + i)).parentId(root)
				.name("step " + i).localEndpoint(gateway).timestamp(NOW + 1 + i).duration(1000).build());
		}
		String parent = root;
		for (int level = 1; level <= 25; level++) {
			String id = String.format("%016x", 0xd100L + level);
			spans.add(Span.newBuilder().traceId(DEEP_TRACE).id(id).parentId(parent).name("level " + level)
				.localEndpoint(orders).timestamp(NOW + 400_000 + level).duration(100_000 - level).build());
			parent = id;
		}
		return spans;
	}

	/** Six checkouts of a shop, tagged with how they were paid and answered. */
	private static List<Span> shop() {
		Endpoint shop = Endpoint.newBuilder().serviceName("shop").build();
		String[][] checkouts = { { "card", "500" }, { "card", "200" }, { "cash", "200" }, { "card", "200" },
				{ "voucher", "500" }, { "cash", "200" } };
		List<Span> spans = new ArrayList<>();
		for (int i = 0; i < checkouts.length; i++) {
			String traceId = shopTrace(i);
			String root = String.format("%016x", 0x5400L + i);
			spans.add(Span.newBuilder().traceId(traceId).id(root).name("post /checkout").kind(Span.Kind.SERVER)
				.localEndpoint(shop).timestamp(NOW + i * 1000).duration(40_000 + i * 7_000)
				.putTag("payment.method", checkouts[i][0]).putTag("http.status_code", checkouts[i][1]).build());
			spans.add(Span.newBuilder().traceId(traceId).id(String.format("%016x", 0x5500L + i)).parentId(root)
				.name("charge").kind(Span.Kind.CLIENT).localEndpoint(shop)
				.remoteEndpoint(Endpoint.newBuilder().serviceName("payments").build())
				.timestamp(NOW + i * 1000 + 500).duration(30_000).build());
		}
		return spans;
	}

	private static String shopTrace(int i) {
		return String.format("5ea4c11d00000000000000000000c0%02x", i);
	}

	private void openPage(String query) {
		browser.get(services.url("/?" + query));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
	}

	@Test
	void spanLink_opensTheSpanDeepInTheTrace_selectedScrolledToAncestorsExpanded() {
		openPage("trace=" + DEEP_TRACE + "&span=" + DEEPEST);

		WebElement details = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#details [data-span-id='" + DEEPEST + "']")));
		assertThat(details.findElement(By.tagName("h2")).getText()).isEqualTo("level 25");
		WebElement row = browser.findElement(By.cssSelector(".wf-rows .row[data-span-id='" + DEEPEST + "']"));
		assertThat(row.isDisplayed()).isTrue();
		assertThat(row.getDomAttribute("class")).contains("selected");
		assertThat(row.getDomAttribute("data-depth")).isEqualTo("26");
		@SuppressWarnings("unchecked")
		Map<String, Object> seen = (Map<String, Object>) browser.executeScript("""
				const scroller = document.querySelector('.wf-scroll');
				const row = document.querySelector(".wf-rows .row[data-span-id='%s']");
				const box = scroller.getBoundingClientRect(), at = row.getBoundingClientRect();
				const { model, state } = window.tracerViewer;
				let collapsedAncestors = 0;
				for (let p = model.parent[state.selected]; p >= 0; p = model.parent[p]) collapsedAncestors += model.collapsed[p];
				return { scrollTop: scroller.scrollTop, inView: at.top >= box.top && at.bottom <= box.bottom,
				  selected: state.selected, collapsedAncestors };
				""".formatted(DEEPEST));
		// the 326th row is 7,800 px down: the list had to scroll to show it
		assertThat(((Number) seen.get("scrollTop")).doubleValue()).isGreaterThan(5000);
		assertThat(seen.get("inView")).isEqualTo(true);
		assertThat(((Number) seen.get("selected")).intValue()).isEqualTo(325);
		assertThat(((Number) seen.get("collapsedAncestors")).intValue()).isZero();
		WebElement link = browser.findElement(By.cssSelector("#span-link [data-field=span-link]"));
		assertThat(link.getText()).isEqualTo(services.url("/?trace=" + DEEP_TRACE + "&span=" + DEEPEST));
		assertThat(browser.getCurrentUrl()).endsWith("/?trace=" + DEEP_TRACE + "&span=" + DEEPEST);
	}

	@Test
	void spanLink_collapsedAncestor_isExpandedToShowTheSpan() {
		openTrace(DEEP_TRACE);
		WebElement depth = browser.findElement(By.id("collapse-depth"));
		depth.sendKeys("2", Keys.TAB);
		wait.until((driver) -> driver.findElements(By.cssSelector(".wf-rows .row[data-span-id='" + DEEPEST + "']")).isEmpty());

		// a link selects through the view state (link.js), which expands what a collapse hid
		browser.executeScript("window.tracerViewer.state.select(325, true)");

		WebElement row = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector(".wf-rows .row[data-span-id='" + DEEPEST + "']")));
		assertThat(row.getDomAttribute("class")).contains("selected");
		assertThat(browser.getCurrentUrl()).endsWith("/?trace=" + DEEP_TRACE + "&span=" + DEEPEST);
	}

	@Test
	void selectingARow_updatesTheUrl_soItIsAlwaysALink() {
		openTrace(DEEP_TRACE);

		browser.findElement(By.cssSelector(".wf-rows .row[data-row='3']")).click();

		String third = String.format("%016x", 0xe000L + 2);
		wait.until(ExpectedConditions.urlToBe(services.url("/?trace=" + DEEP_TRACE + "&span=" + third)));
		assertThat(browser.findElement(By.cssSelector("#span-link [data-field=span-link]")).getDomAttribute("href"))
			.isEqualTo("/?trace=" + DEEP_TRACE + "&span=" + third);
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#details [data-span-id='" + third + "']")));
		assertThat(browser.findElement(By.cssSelector(".wf-rows .row[data-span-id='" + third + "']")).getDomAttribute("class"))
			.contains("selected");
	}

	@Test
	void spanLink_unknownSpan_saysSo_andShowsTheTrace() {
		openPage("trace=" + DEEP_TRACE + "&span=00000000deadbeef");

		WebElement message = browser.findElement(By.id("message"));
		assertThat(message.isDisplayed()).isTrue();
		assertThat(message.getText()).startsWith("Span 00000000deadbeef is not in trace " + DEEP_TRACE)
			.endsWith("The trace is shown without it.");
		assertThat(browser.findElement(By.id("trace-page")).isDisplayed()).isTrue();
		assertThat(browser.findElements(By.cssSelector(".wf-rows .row"))).isNotEmpty();
	}

	@Test
	void spanLink_notASpanId_saysSo_andShowsTheTrace() {
		openPage("trace=" + DEEP_TRACE + "&span=level-25");

		assertThat(browser.findElement(By.id("message")).getText())
			.isEqualTo("The link asks for span \"level-25\", which is not a span id (16 hex characters); the trace is shown without it.");
		assertThat(browser.findElement(By.id("trace-page")).isDisplayed()).isTrue();
	}

	/** The list's traces, read at once: the list is redrawn every few seconds. */
	@SuppressWarnings("unchecked")
	private List<String> listedTraces() {
		return (List<String>) browser.executeScript(
				"return [...document.querySelectorAll('#trace-list tr[data-trace-id]')].map((tr) => tr.dataset.traceId)");
	}

	private void waitForList(List<String> expected) {
		wait.until((driver) -> listedTraces().equals(expected));
	}

	@Test
	void tagSearch_findsTheRightTraces_urlHoldsTheQuery_reloadKeepsIt() throws Exception {
		browser.get(services.url("/"));
		WebElement tags = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filter-tags")));

		tags.sendKeys("payment.method=card http.status_code=500", Keys.ENTER);

		waitForList(List.of(shopTrace(0)));
		@SuppressWarnings("unchecked")
		List<String> inUrl = (List<String>) browser.executeScript("return new URLSearchParams(location.search).getAll('tag')");
		assertThat(inUrl).containsExactly("payment.method=card", "http.status_code=500");

		tags.clear();
		tags.sendKeys("payment.method=card");
		browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
		// newest first
		waitForList(List.of(shopTrace(3), shopTrace(1), shopTrace(0)));

		browser.navigate().refresh();
		waitForList(List.of(shopTrace(3), shopTrace(1), shopTrace(0)));
		assertThat(browser.findElement(By.id("filter-tags")).getDomProperty("value")).isEqualTo("payment.method=card");

		// a shared search opens as it was made, the other filters with it
		browser.get(services.url("/?tag=payment.method&remote_service=payments&min_duration=60000"));
		waitForList(List.of(shopTrace(5), shopTrace(4), shopTrace(3)));
		assertThat(browser.findElement(By.id("filter-remote")).getDomProperty("value")).isEqualTo("payments");
		assertThat(browser.findElement(By.id("filter-min")).getDomProperty("value")).isEqualTo("60");
	}

	@Test
	void search_badValue_theServersReasonInThePage() {
		browser.get(services.url("/?since=soon"));

		WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
		assertThat(message.getText()).isEqualTo("The trace list could not be loaded: 400 since: expected a time before now,"
				+ " a number and s, m, h or d (15m, 1h, 1d), found \"soon\"");
	}

	@Test
	void search_hasBreaks_listsTheBrokenRequest_notTheWholeOnes() throws Exception {
		String caller = brokenRequest();

		browser.get(services.url("/?service=frontend"));
		WebElement breaks = wait.until(ExpectedConditions.elementToBeClickable(By.id("filter-breaks")));
		breaks.click();

		wait.until((driver) -> listedTraces().contains(caller));
		Object unmarked = browser.executeScript("return [...document.querySelectorAll('#trace-list tr[data-trace-id]')]"
				+ ".filter((tr) => !tr.querySelector('[data-field=breaks]')).length");
		assertThat(((Number) unmarked).intValue()).as("listed traces without a break mark").isZero();
		assertThat(browser.getCurrentUrl()).endsWith("/?service=frontend&breaks=true");
	}

	/**
	 * One demo request broken on purpose (the frontend sends its context in uppercase, the backend refuses
	 * it), once the break analysis has judged it.
	 *
	 * @return the caller's trace id
	 */
	private String brokenRequest() throws Exception {
		JsonNode answer = JSON.readTree(services.get("/api/data?propagation=uppercase").body());
		String caller = answer.at("/span/trace_id").asString();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> JSON
			.readTree(services.get("/api/traces/" + caller + "/breaks").body()).path("breaks").size() == 1);
		return caller;
	}

	/** The screenshot of the search: the shop's checkouts that failed, by tag, with the query in the URL. */
	@Test
	void screenshot_ofASearch() throws Exception {
		browser.get(services.url("/?service=shop&tag=http.status_code%3D500&remote_service=payments&since=1h"));
		waitForList(List.of(shopTrace(4), shopTrace(0)));
		Path shot = Path.of("docs", "viewer-search.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(shot)).isGreaterThan(10_000);
	}

	/**
	 * With the system's dark setting (emulated through DevTools) the page is dark, and the colours that
	 * mean something stay readable: red (a break, an error) and grey (a possible break, muted text)
	 * keep WCAG's 4.5:1 against the background in both themes. Saves {@code docs/viewer-dark.png}.
	 */
	@Test
	void darkTheme_followsTheSystem_meaningfulColoursReadable() throws Exception {
		String caller = brokenRequest();
		String contrast = """
				const parse = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
				const lum = (c) => { const [r, g, b] = parse(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
				  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
				const probe = (v) => { const e = document.createElement('span'); e.style.color = `var(${v})`; document.body.append(e);
				  const c = getComputedStyle(e).color; e.remove(); return c; };
				const bg = getComputedStyle(document.documentElement).backgroundColor;
				const ratio = (c) => { const [a, b] = [lum(c), lum(bg)].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05); };
				return { background: lum(bg), text: lum(getComputedStyle(document.body).color),
				  error: ratio(probe('--error')), muted: ratio(probe('--muted')),
				  mark: getComputedStyle(document.querySelector('.row.lost, .row.restarted')).boxShadow };
				""";
		openTrace(caller);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".row.lost, .row.restarted")));
		@SuppressWarnings("unchecked")
		Map<String, Object> light = (Map<String, Object>) browser.executeScript(contrast);

		browser.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
		openTrace(caller);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".row.lost, .row.restarted")));
		@SuppressWarnings("unchecked")
		Map<String, Object> dark = (Map<String, Object>) browser.executeScript(contrast);

		assertThat(((Number) light.get("background")).doubleValue()).isGreaterThan(0.9);
		assertThat(((Number) dark.get("background")).doubleValue()).as("dark background's luminance").isLessThan(0.05);
		assertThat(((Number) dark.get("text")).doubleValue()).as("dark text's luminance").isGreaterThan(0.6);
		for (Map<String, Object> theme : List.of(light, dark)) {
			assertThat(((Number) theme.get("error")).doubleValue()).as("red against the background").isGreaterThanOrEqualTo(4.5);
			assertThat(((Number) theme.get("muted")).doubleValue()).as("grey against the background").isGreaterThanOrEqualTo(4.5);
		}
		// the break's red mark is the theme's red in each
		assertThat((String) dark.get("mark")).isNotEqualTo(light.get("mark"));
		browser.findElement(By.cssSelector(".row.lost, .row.restarted")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=break]")));
		Path shot = Path.of("docs", "viewer-dark.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(shot)).isGreaterThan(10_000);
	}

}
