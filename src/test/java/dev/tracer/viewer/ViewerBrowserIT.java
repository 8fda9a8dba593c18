package dev.tracer.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.Endpoint;
import zipkin2.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The viewer in a real browser (headless Chromium) against both demo services on free ports: what a
 * person sees in the list, the waterfall, the details, the critical path, find, collapse, the pasted
 * header's explanation, an incomplete trace's banner and a broken trace's banner. Saves the trace page as
 * {@code target/viewer.png} and the broken trace's page as {@code target/viewer-break.png}.
 */
class ViewerBrowserIT extends BrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long NOW = System.currentTimeMillis() * 1000;

	/** A trace made by the demo: frontend server, its client call, backend server, backend's prepare-data. */
	private String demoTraceId;

	@BeforeAll
	void start() throws Exception {
		// a call's trace counts as settled soon, so a broken request is reported within a second
		start(1400, 900, "--tracer.breaks.settle=500ms");
		JsonNode answer = JSON.readTree(services.get("/api/data").body());
		demoTraceId = answer.at("/span/trace_id").asString();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode view = JSON.readTree(services.get("/api/traces/" + demoTraceId + "/view").body());
			return view.path("span_count").asInt() == 8;
		});
	}

	@Test
	void list_showsTheDemoTrace_andOpensIt() {
		browser.get(services.url("/"));

		WebElement row = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#trace-list tr[data-trace-id='" + demoTraceId + "']")));
		assertThat(row.getText()).contains("frontend · get /api/data").contains(demoTraceId);
		assertThat(row.findElement(By.cssSelector("[data-field=incomplete]")).getText()).isEqualTo("yes");

		row.findElement(By.tagName("a")).click();
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
		assertThat(browser.getCurrentUrl()).endsWith("/?trace=" + demoTraceId);
	}

	@Test
	void list_filtersByServiceAndErrors() {
		browser.get(services.url("/?service=backend"));
		wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#trace-list tr[data-trace-id='" + demoTraceId + "']")));

		browser.get(services.url("/?errors=true&service=backend"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#trace-list tbody"), "No traces match"));
		assertThat(browser.findElements(By.cssSelector("#trace-list tr[data-trace-id='" + demoTraceId + "']"))).isEmpty();
	}

	@Test
	void trace_rowsWithServicesAndNesting_criticalPathMarked() {
		openTrace(demoTraceId);

		List<WebElement> rows = visibleRows();
		// the backend's five children: the database's three spans, the third party's call, its own work
		assertThat(rows).hasSize(8);
		assertThat(rows).extracting((row) -> row.findElement(By.className("svc")).getText())
			.as("the database's and the third party's spans name their callee, by Callee's rule")
			.containsExactly("frontend", "frontend", "backend", "backend → inventory", "backend → inventory",
					"backend → inventory", "backend → exchange-rates", "backend");
		assertThat(rows).extracting((row) -> row.getDomAttribute("data-depth"))
			.containsExactly("1", "2", "3", "4", "4", "4", "4", "4");
		assertThat(rows.get(0).getDomAttribute("class")).contains("crit");
		assertThat(browser.findElements(By.cssSelector("#critical li"))).isNotEmpty();
		assertThat(browser.findElement(By.id("trace-header")).getText()).contains(demoTraceId)
			.contains("8 spans")
			.contains("depth 4");
		assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("break-banner")).isDisplayed()).isFalse();
	}

	@Test
	void details_serverSpanShowsTheReceivedTraceparent_clientSpanTheOneSent() {
		openTrace(demoTraceId);

		List<WebElement> rows = visibleRows();
		String clientSpanId = rows.get(1).getDomAttribute("data-span-id");
		rows.get(2).click();
		WebElement received = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=received]")));
		assertThat(received.getText()).isEqualTo("Received traceparent 00-" + demoTraceId + "-" + clientSpanId + "-03 valid");

		visibleRows().get(1).click();
		WebElement sent = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=sent]")));
		assertThat(sent.getText()).isEqualTo("Sent traceparent 00-" + demoTraceId + "-" + clientSpanId + "-03");
	}

	@Test
	void keyboard_arrowsMoveEnterOpensDetails() {
		openTrace(demoTraceId);

		WebElement scroller = browser.findElement(By.className("wf-scroll"));
		scroller.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ENTER);

		assertThat(visibleRows().get(1).getDomAttribute("class")).contains("selected");
		WebElement spanId = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=span-id]")));
		assertThat(spanId.getText()).isEqualTo(visibleRows().get(1).getDomAttribute("data-span-id"));
	}

	@Test
	void collapse_hidesTheSubtree_expandShowsIt() {
		openTrace(demoTraceId);

		visibleRows().get(1).findElement(By.className("tog")).click();
		wait.until((driver) -> visibleRows().size() == 2);
		assertThat(visibleRows().get(1).getText()).contains("+6 hidden");

		browser.findElement(By.id("expand-all")).click();
		wait.until((driver) -> visibleRows().size() == 8);
	}

	@Test
	void find_marksAndJumpsToTheHit() {
		openTrace(demoTraceId);

		browser.findElement(By.tagName("body")).sendKeys("/");
		assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("find-input");
		browser.switchTo().activeElement().sendKeys("prepare", Keys.ENTER);

		wait.until(ExpectedConditions.textToBe(By.id("find-status"), "1 match"));
		// the status is set at once, the rows are drawn on the next animation frame
		List<WebElement> hits = wait.until((driver) -> {
			List<WebElement> drawn = browser.findElements(By.cssSelector(".wf-rows .row.hit"));
			return drawn.isEmpty() ? null : drawn;
		});
		assertThat(hits).hasSize(1);
		assertThat(hits.get(0).getText()).contains("prepare-data");
		assertThat(hits.get(0).getDomAttribute("class")).contains("selected");
	}

	@Test
	void paste_invalidHeader_reasonAndMarkedCharacter_underBothPolicies() {
		browser.get(services.url("/"));
		browser.findElement(By.id("paste-toggle")).click();
		browser.findElement(By.id("paste-input")).sendKeys("00-4bf9Z2f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", Keys.ENTER);

		WebElement strict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".verdict[data-policy=strict]")));
		assertThat(strict.getText()).contains("strict (W3C): invalid")
			.contains("trace-id: expected 32 lowercase hex characters, found 'Z' at index 7");
		assertThat(strict.findElement(By.tagName("mark")).getText()).isEqualTo("Z");
		assertThat(strict.findElement(By.className("marked")).getText()).startsWith("00-4bf9Z");
		WebElement lenient = browser.findElement(By.cssSelector(".verdict[data-policy=lenient]"));
		assertThat(lenient.getText()).contains("lenient (course samples): valid").contains("4bf9Z2f3577b34da6a3ce929d0e0e4736");
	}

	/**
	 * <pre>
	 * r                 root
	 * +-- c             sent twice: a duplicate id
	 * o                 parent absent: an orphan
	 * x -> y -> x       a cycle
	 * </pre>
	 */
	@Test
	void incompleteTrace_bannerSaysWhatIsWrong_rowsMarked() throws Exception {
		String traceId = "5ce0000000000000000000000000c0de";
		Endpoint svc = Endpoint.newBuilder().serviceName("shop").build();
		List<Span> spans = List.of(span(traceId, "00000000000000a1", null, svc, "root", 0, 1000),
				span(traceId, "00000000000000a2", "00000000000000a1", svc, "child", 10, 100),
				span(traceId, "00000000000000a2", "00000000000000a1", svc, "child", 10, 100),
				span(traceId, "00000000000000a3", "00000000000000ff", svc, "lost", 20, 100),
				span(traceId, "00000000000000a4", "00000000000000a5", svc, "x", 30, 100),
				span(traceId, "00000000000000a5", "00000000000000a4", svc, "y", 40, 50));
		services.post(spans);

		openTrace(traceId);

		WebElement banner = browser.findElement(By.id("banner"));
		assertThat(banner.isDisplayed()).isTrue();
		assertThat(banner.getText()).contains("This trace is incomplete")
			.contains("1 orphan: span whose parent never reached the store")
			.contains("A cycle of parent links: 00000000000000a4 → 00000000000000a5 → 00000000000000a4")
			.contains("1 span id came more than once: 00000000000000a2");
		assertThat(browser.findElements(By.cssSelector(".wf-rows .row.orphan"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector(".wf-rows .row.cycle"))).hasSize(2);
		assertThat(browser.findElements(By.cssSelector(".wf-rows .row.dup"))).hasSize(1);
		assertThat(visibleRows()).hasSize(5);
	}

	/**
	 * One request broken on purpose: the frontend sends the backend its context in uppercase, the
	 * backend refuses it and starts a new trace. The list marks the caller's trace; its page says why in
	 * the server's words, marks the call that lost the context, and links the backend's piece, which
	 * marks where it began and links back.
	 */
	@Test
	void brokenTrace_bannerSaysWhy_linksTheOtherPiece_listAndSpansMarked() throws Exception {
		JsonNode answer = JSON.readTree(services.get("/api/data?propagation=uppercase").body());
		String caller = answer.at("/span/trace_id").asString();
		String callee = answer.at("/downstream/span/trace_id").asString();
		assertThat(callee).isNotEqualTo(caller);
		JsonNode lost = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode breaks = JSON.readTree(services.get("/api/traces/" + caller + "/breaks").body()).path("breaks");
			return (breaks.size() == 1 && breaks.get(0).path("link").asString().equals("definite")) ? breaks.get(0) : null;
		}, (found) -> found != null);
		String reason = lost.path("reason").asString();
		assertThat(reason)
			.startsWith("backend refused the traceparent: trace-id: expected 32 lowercase hex characters, found uppercase '");

		browser.get(services.url("/"));
		WebElement listed = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#trace-list tr[data-trace-id='" + caller + "']")));
		assertThat(listed.getDomAttribute("class")).contains("broken");
		assertThat(listed.findElement(By.cssSelector("[data-field=breaks]")).getText()).isEqualTo("broken: 1 break");
		WebElement whole = browser.findElement(By.cssSelector("#trace-list tr[data-trace-id='" + demoTraceId + "']"));
		assertThat(whole.findElements(By.cssSelector("[data-field=breaks]"))).isEmpty();

		openTrace(caller);
		WebElement banner = browser.findElement(By.id("break-banner"));
		assertThat(banner.isDisplayed()).isTrue();
		assertThat(banner.getText()).startsWith("This trace is one piece of a broken request.")
			.contains("The context was lost on frontend's call (span " + lost.path("span_id").asString() + ").");
		assertThat(banner.findElement(By.cssSelector("[data-field=reason]")).getText()).isEqualTo(reason + ".");
		assertThat(banner.findElement(By.cssSelector("[data-field=other]")).getText())
			.isEqualTo("The request continued in trace " + callee + " (definite).");
		WebElement marked = onlyRowMarked("lost", lost.path("span_id").asString());
		assertThat(marked.findElement(By.className("badges")).getText()).isEqualTo("context lost here");
		marked.click();
		WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=break]")));
		assertThat(note.getText()).isEqualTo("the trace context was lost on this call (definite): " + reason);
		Path shot = Path.of("target", "viewer-break.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(shot)).isGreaterThan(10_000);

		banner.findElement(By.cssSelector("[data-field=other] a")).click();
		wait.until(ExpectedConditions.urlToBe(services.url("/?trace=" + callee)));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
		assertThat(browser.findElement(By.id("trace-header")).getText()).contains(callee);
		WebElement calleeBanner = browser.findElement(By.id("break-banner"));
		assertThat(calleeBanner.getText()).contains("A new trace began at backend (span " + lost.at("/server/span_id").asString() + ").");
		assertThat(calleeBanner.findElement(By.cssSelector("[data-field=reason]")).getText()).isEqualTo(reason + ".");
		assertThat(calleeBanner.findElement(By.cssSelector("[data-field=other]")).getText())
			.isEqualTo("The request came from trace " + caller + " (definite).");
		WebElement began = onlyRowMarked("restarted", lost.at("/server/span_id").asString());
		assertThat(began.findElement(By.className("badges")).getText()).isEqualTo("new trace began here");
	}

	/**
	 * A W3C trace id whose high half is zero, which Brave and Zipkin's model write as 16 hex, broken on
	 * the way: its page, opened under the id as sent, shows the break and marks the call, names the
	 * trace as sent, and the list links it under that id.
	 */
	@Test
	void brokenTrace_zeroHighHalfId_pageUnderTheIdAsSentShowsTheBreak() throws Exception {
		String traceId = "0000000000000000abcdef0123456781";
		JsonNode answer = JSON.readTree(services
			.get("/api/data?propagation=uppercase", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.body());
		assertThat(answer.at("/span/trace_id").asString()).isEqualTo(traceId);
		JsonNode lost = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode breaks = JSON.readTree(services.get("/api/traces/" + traceId + "/breaks").body()).path("breaks");
			return (breaks.size() == 1 && breaks.get(0).path("link").asString().equals("definite")) ? breaks.get(0) : null;
		}, (found) -> found != null);

		browser.get(services.url("/"));
		WebElement listed = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#trace-list tr[data-trace-id='" + traceId + "']")));
		assertThat(listed.findElement(By.cssSelector("[data-field=breaks]")).getText()).isEqualTo("broken: 1 break");

		openTrace(traceId);
		assertThat(browser.findElement(By.id("trace-header")).getText()).contains(traceId);
		assertThat(browser.findElement(By.id("break-banner")).isDisplayed()).isTrue();
		onlyRowMarked("lost", lost.path("span_id").asString());
	}

	/** The waterfall's one row marked {@code mark} ({@code lost}, {@code restarted}), the span's. */
	private WebElement onlyRowMarked(String mark, String spanId) {
		List<WebElement> marked = browser.findElements(By.cssSelector(".wf-rows .row." + mark));
		assertThat(marked).hasSize(1);
		assertThat(marked.get(0).getDomAttribute("data-span-id")).isEqualTo(spanId);
		return marked.get(0);
	}

	/** Below 800 px the details go under the waterfall instead of beside it. */
	@Test
	void narrowWindow_detailsUnderTheWaterfall() {
		browser.manage().window().setSize(new Dimension(640, 900));
		try {
			openTrace(demoTraceId);

			Rectangle waterfall = browser.findElement(By.id("waterfall")).getRect();
			Rectangle side = browser.findElement(By.className("side")).getRect();
			assertThat(side.getY()).isGreaterThanOrEqualTo(waterfall.getY() + waterfall.getHeight());
			assertThat(waterfall.getX() + waterfall.getWidth()).isLessThanOrEqualTo(640);
			assertThat(visibleRows()).hasSize(8);
		}
		finally {
			browser.manage().window().setSize(new Dimension(1400, 900));
		}
	}

	@Test
	void unknownTrace_saysSoInThePage() {
		browser.get(services.url("/?trace=00000000000000000000000000000bad"));

		WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
		assertThat(message.getText()).contains("Trace 00000000000000000000000000000bad is not in the store")
			.contains("404");
	}

	@Test
	void malformedTraceId_saysSoInThePage() {
		browser.get(services.url("/?trace=nonsense"));

		WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
		assertThat(message.getText()).contains("400").contains("traceId: expected 16 or 32 hex characters");
	}

	/** A shop's checkout over four services, for the screenshot: nesting, an error, the critical path. */
	@Test
	void screenshot_ofATracePage() throws Exception {
		String traceId = "5ce00000000000000000000000005409";
		services.post(checkout(traceId));
		openTrace(traceId);
		visibleRows().get(7).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=span-id]")));
		visibleRows().get(7).click();

		Path shot = Path.of("target", "viewer.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(shot)).isGreaterThan(10_000);
	}

	/**
	 * The demo's ordinary request reads the database: its query is a call whose callee writes no spans.
	 * Once the trace has settled, the details say so as a fact, in neutral words, and no row is marked
	 * as a break. Saves {@code target/viewer-untraced.png}.
	 */
	@Test
	void untracedCall_detailsSayItNeutrally_noBreakMarked() throws Exception {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			openTrace(demoTraceId);
			WebElement query = visibleRows().stream()
				.filter((row) -> row.findElement(By.className("name")).getText().equals("query"))
				.findFirst()
				.orElseThrow();
			query.click();
			assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.cssSelector("#details [data-field=untraced]"))).getText()).startsWith("inventory writes no spans");
		});
		assertThat(browser.findElements(By.cssSelector(".wf-rows .row.lost, .wf-rows .row.restarted"))).isEmpty();
		assertThat(browser.findElement(By.cssSelector("#details [data-field=untraced]")).getAttribute("class"))
			.doesNotContain("error");
		Path shot = Path.of("target", "viewer-untraced.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(shot)).isGreaterThan(10_000);
	}

	/**
	 * The viewer runs under its Content-Security-Policy (scripts and styles from the server only) without
	 * a single violation, through the list, a trace page, its details and find; and the policy is in
	 * force: an inline style added to the page is refused and reported.
	 */
	@Test
	void contentSecurityPolicy_viewerRunsWithoutViolations() {
		Object listener = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
				"window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
						+ " (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"))
			.get("identifier");
		try {
			browser.get(services.url("/"));
			wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#trace-list tr[data-trace-id='" + demoTraceId + "']")));
			assertThat(browser.executeScript("return window.cspViolations")).asList().isEmpty();

			openTrace(demoTraceId);
			visibleRows().get(1).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=span-id]")));
			assertThat(browser.executeScript("return window.cspViolations")).asList().isEmpty();
			assertThat(visibleRows().get(1).findElement(By.cssSelector(".bar")).getCssValue("width"))
				.as("bar widths set from JavaScript still apply").isNotEqualTo("0px");

			browser.executeScript("const style = document.createElement('style');"
					+ " style.textContent = 'body { display: none; }'; document.head.append(style);");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(browser.executeScript("return window.cspViolations")).asList()
					.singleElement()
					.asString()
					.startsWith("style-src"));
			assertThat(browser.findElement(By.tagName("body")).isDisplayed()).isTrue();
		}
		finally {
			browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", listener));
		}
	}

	private static List<Span> checkout(String traceId) {
		Endpoint web = Endpoint.newBuilder().serviceName("web").build();
		Endpoint orders = Endpoint.newBuilder().serviceName("orders").build();
		Endpoint payments = Endpoint.newBuilder().serviceName("payments").build();
		Endpoint stock = Endpoint.newBuilder().serviceName("stock").build();
		List<Span> spans = new ArrayList<>();
		spans.add(span(traceId, "0000000000000001", null, web, "post /checkout", 0, 182_000));
		spans.add(span(traceId, "0000000000000002", "0000000000000001", web, "auth", 2_000, 9_000));
		spans.add(span(traceId, "0000000000000003", "0000000000000001", web, "post /orders", 12_000, 160_000));
		spans.add(span(traceId, "0000000000000004", "0000000000000003", orders, "post /orders", 14_000, 156_000));
		spans.add(span(traceId, "0000000000000005", "0000000000000004", orders, "select cart", 16_000, 12_000));
		spans.add(span(traceId, "0000000000000006", "0000000000000004", orders, "get /stock", 30_000, 40_000));
		spans.add(span(traceId, "0000000000000007", "0000000000000006", stock, "get /stock", 32_000, 36_000));
		spans.add(span(traceId, "0000000000000008", "0000000000000007", stock, "select items", 34_000, 30_000)
			.toBuilder().putTag("db.rows", "12").build());
		spans.add(span(traceId, "0000000000000009", "0000000000000004", orders, "post /charge", 72_000, 90_000));
		spans.add(span(traceId, "000000000000000a", "0000000000000009", payments, "post /charge", 74_000, 86_000));
		spans.add(span(traceId, "000000000000000b", "000000000000000a", payments, "fraud check", 76_000, 20_000));
		spans.add(span(traceId, "000000000000000c", "000000000000000a", payments, "card network", 98_000, 60_000)
			.toBuilder().putTag("error", "retry after timeout").build());
		spans.add(span(traceId, "000000000000000d", "000000000000000a", payments, "card network", 100_000, 55_000));
		spans.add(span(traceId, "000000000000000e", "0000000000000004", orders, "insert order", 163_000, 5_000));
		spans.add(span(traceId, "000000000000000f", "0000000000000001", web, "render", 174_000, 6_000));
		return spans;
	}

	private static Span span(String traceId, String id, String parentId, Endpoint service, String name, long start,
			long duration) {
		return Span.newBuilder()
			.traceId(traceId)
			.id(id)
			.parentId(parentId)
			.localEndpoint(service)
			.name(name)
			.timestamp(NOW + start)
			.duration(duration)
			.build();
	}

	/**
	 * Yelp's production trace (OpenZipkin's test data): 16 spans, three RPCs recorded as a client and a
	 * shared server half. The page and the list say 13, every service has its row, no row is nameless,
	 * nothing is called a duplicate, and an RPC's row names both ends; its details show the server half.
	 */
	@Test
	void sharedSpans_yelp_oneRowPerRpc() throws Exception {
		String traceId = "a03ee8fff1dcd9b9";
		services.post(corpus("zipkin-lens-yelp.json"));

		browser.get(services.url("/?service=spectre"));
		// sent with 64-bit ids, listed under tracer's one form of a trace id: 32 hex, the high half zero
		WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#trace-list tr[data-trace-id='0000000000000000" + traceId + "']")));
		assertThat(listed.findElement(By.cssSelector("[data-field=incomplete]")).getText()).isEqualTo("yes");
		assertThat(listed.findElements(By.tagName("td")).get(3).getText()).as("spans").isEqualTo("13");

		openTrace(traceId);
		List<WebElement> rows = visibleRows();
		assertThat(rows).hasSize(13);
		assertThat(browser.findElement(By.id("trace-header")).getText()).contains("13 spans");
		assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
		assertThat(rows).extracting((row) -> row.findElement(By.className("name")).getText()).doesNotContain("(no name)");
		assertThat(rows).extracting((row) -> row.findElement(By.className("svc")).getText())
			.contains("unknown → yelp_main/api_proxy", "yelp-main → mobile_api", "mobile_api → spectre");
		WebElement spectre = rows.stream()
			.filter((row) -> row.findElement(By.className("svc")).getText().equals("mobile_api → spectre"))
			.findFirst()
			.orElseThrow();
		assertThat(spectre.getDomAttribute("class")).contains("rpc").doesNotContain("dup");
		spectre.click();
		WebElement half = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#details [data-field=server-half]")));
		assertThat(half.getText()).startsWith("Server half: spectre").contains("1.49 ms").contains("uswest1-prod");
	}

	/**
	 * 45,000 breaks, the number a 100,000-span trace with 45,000 untraced client leaves once had, given to
	 * the banner in the page: it summarises them in a bounded number of elements, and "show all" lists
	 * every one in a virtualised list whose last line can be scrolled to.
	 */
	@Test
	void breakBanner_45000Breaks_boundedElements_showAllVirtualised() {
		openTrace(demoTraceId);

		@SuppressWarnings("unchecked")
		java.util.Map<String, Object> result = (java.util.Map<String, Object>) browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const frames = (n) => new Promise((resolve) => {
				  const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
				  requestAnimationFrame(step);
				});
				(async () => {
				  const { showBreaks } = await import('/viewer/breaks.js');
				  const callees = ['get /stock', 'select orders', 'get_multi carts'];
				  const breaks = [];
				  for (let i = 0; i < 45000; i++) {
				    breaks.push({ kind: 'lost_downstream', trace_id: 'a', span_id: i.toString(16).padStart(16, '0'),
				      confidence: i % 10 ? 'probable' : 'definite', link: 'none', other_trace_id: null,
				      client: { service: 'orders' }, server: null, candidates: [], callee: callees[i % 3],
				      reason: `no span of the callee answered call ${i}: nothing reached the store` });
				  }
				  const banner = document.getElementById('break-banner');
				  const before = performance.now();
				  showBreaks(banner, breaks, window.tracerViewer.model, () => {});
				  const ms = performance.now() - before;
				  const elements = banner.querySelectorAll('*').length;
				  const groups = banner.querySelectorAll('.break-groups > li').length;
				  const counts = banner.querySelector('[data-field=counts]').textContent;
				  banner.querySelector('[data-field=show-all]').click();
				  await frames(2);
				  const list = banner.querySelector('[data-field=all-breaks]');
				  list.scrollTop = list.scrollHeight;
				  await frames(3);
				  const lines = [...list.querySelectorAll('.break-line:not([hidden])')];
				  const last = lines.sort((a, b) => Number(b.dataset.index) - Number(a.dataset.index))[0].textContent;
				  done({ ms, elements, groups, counts, afterShowAll: banner.querySelectorAll('*').length, last });
				})();
				""");

		assertThat(((Number) result.get("elements")).longValue()).as("banner elements").isLessThanOrEqualTo(40);
		// three callees, two confidences: six groups, the five largest shown
		assertThat(((Number) result.get("groups")).longValue()).isEqualTo(5);
		assertThat((String) result.get("counts")).isEqualTo("45,000 contexts lost (4,500 definite, 40,500 probable).");
		assertThat(((Number) result.get("afterShowAll")).longValue()).as("banner elements with the list shown")
			.isLessThanOrEqualTo(80);
		assertThat((String) result.get("last")).startsWith("45,000. context lost: orders → get_multi carts · span 000000000000afc7");
	}

	private double barLeft(WebElement row) {
		String left = row.findElement(By.className("bar")).getCssValue("left");
		return Double.parseDouble(left.replace("px", ""));
	}

	private static List<Span> corpus(String name) throws java.io.IOException {
		try (java.io.InputStream in = ViewerBrowserIT.class.getResourceAsStream("/corpus-shared/" + name)) {
			return zipkin2.codec.SpanBytesDecoder.JSON_V2.decodeList(in.readAllBytes());
		}
	}

	/**
	 * Zipkin's skew example: serviceb's clock is about 66 ms behind servicea's, so its server half and
	 * its child were recorded before the call began. Placed within the call, marked with the shift and
	 * both services; the switch shows the times as recorded. Saves {@code target/viewer-skew.png}.
	 */
	@Test
	void clockSkew_markedAndPlaced_switchShowsRecordedTimes() throws Exception {
		String traceId = "1e223ff1f80f1c69";
		services.post(corpus("zipkin-lens-skew.json"));
		openTrace(traceId);

		List<WebElement> rows = visibleRows();
		assertThat(rows).hasSize(3);
		assertThat(rows.get(1).findElement(By.className("svc")).getText()).isEqualTo("servicea → serviceb");
		assertThat(rows.get(1).findElement(By.className("skew")).getText())
			.isEqualTo("serviceb's half shifted by 65.9 ms: clock skew between servicea and serviceb");
		assertThat(rows.get(2).getDomAttribute("class")).contains("shifted");
		assertThat(browser.findElement(By.cssSelector("#trace-header [data-field=skew]")).getText())
			.startsWith("Clock skew: 1 span drawn within its parent");
		double placed = barLeft(rows.get(2));
		double parentLeft = barLeft(rows.get(1));
		assertThat(placed).isGreaterThanOrEqualTo(parentLeft);

		rows.get(1).click();
		WebElement half = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#details [data-field=server-half]")));
		assertThat(half.findElement(By.cssSelector("[data-field=skew]")).getText())
			.isEqualTo("drawn serviceb's half shifted by 65.9 ms: clock skew between servicea and serviceb");
		Path shot = Path.of("target", "viewer-skew.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(shot)).isGreaterThan(10_000);

		WebElement recorded = browser.findElement(By.id("recorded-times"));
		assertThat(recorded.isDisplayed()).isTrue();
		recorded.click();
		wait.until((driver) -> barLeft(visibleRows().get(2)) < parentLeft);
		assertThat(visibleRows().get(2).getDomAttribute("class")).doesNotContain("shifted");
		assertThat(visibleRows().get(1).findElement(By.className("skew")).getText()).endsWith("(showing recorded times)");
	}

}
