package dev.tracer.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tracer.core.breaks.CallOutcome;
import dev.tracer.core.breaks.CallOutcome.Outcome;
import dev.tracer.core.breaks.Confidence;
import dev.tracer.core.breaks.PropagationMap;
import dev.tracer.core.breaks.SpanRef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The propagation map page in a real browser (headless Chromium) against the demo services, the map
 * filled through the frontend's {@code Consumer<CallOutcome>} bean as the break analysis fills it: the
 * broken edge red with its share and reasons, untraced callees neutral, a click listing the broken calls
 * as links, the window chooser, and 50 services with 200 edges laid out without overlap. Saves the page
 * as {@code target/propagation-map.png}. The tests run in order: the last adds the large system.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PropagationBrowserIT extends BrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long MINUTE = 60_000_000L;

	private static final String REFUSED = "refused: trace-id: expected 32 lowercase hex characters";

	private PropagationMap map;

	private long now;

	private int spans;

	@BeforeAll
	void start() throws Exception {
		start(1400, 900);
		map = services.frontendBean(PropagationMap.class);
		Instant instant = Instant.now();
		now = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
		// the demo's system as the break analysis judges it: 36 calls to the backend in the hour, the
		// continued ones half an hour ago, the broken ones in the last few minutes, one reason per mode
		judge("frontend", "backend", Outcome.CONTINUED, null, null, 10, now - 30 * MINUTE);
		judge("frontend", "backend", Outcome.BROKEN, Confidence.PROBABLE, "dropped", 12, now - 3 * MINUTE);
		judge("frontend", "backend", Outcome.BROKEN, Confidence.DEFINITE, REFUSED, 6, now - 2 * MINUTE);
		judge("frontend", "backend", Outcome.BROKEN, Confidence.DEFINITE, "not W3C: b3", 8, now - MINUTE);
		judge("frontend", "h2", Outcome.UNTRACED, null, null, 36, now - 2 * MINUTE);
		judge("frontend", "api.thirdparty.example", Outcome.UNTRACED, null, null, 36, now - 2 * MINUTE);
		// and around it, for the screenshot: a checkout that continues, a worker that drops some
		judge("gateway", "frontend", Outcome.CONTINUED, null, null, 50, now - 4 * MINUTE);
		judge("gateway", "checkout", Outcome.CONTINUED, null, null, 20, now - 4 * MINUTE);
		judge("checkout", "payments", Outcome.CONTINUED, null, null, 19, now - 4 * MINUTE);
		judge("checkout", "payments", Outcome.BROKEN, Confidence.POSSIBLE, "unknown", 1, now - 4 * MINUTE);
		judge("checkout", "backend", Outcome.CONTINUED, null, null, 20, now - 4 * MINUTE);
		judge("payments", "postgres", Outcome.UNTRACED, null, null, 20, now - 4 * MINUTE);
		judge("checkout", "orders-worker", Outcome.CONTINUED, null, null, 15, now - 4 * MINUTE);
		judge("checkout", "orders-worker", Outcome.BROKEN, Confidence.DEFINITE, "not W3C: b3", 5, now - 4 * MINUTE);
		judge("orders-worker", null, Outcome.UNKNOWN_CALLEE, null, null, 3, now - 4 * MINUTE);
	}

	private void judge(String caller, String callee, Outcome outcome, Confidence confidence, String reason, int times,
			long start) {
		for (int i = 0; i < times; i++) {
			spans++;
			String traceId = String.format("4bf92f3577b34da6a3ce929d%08x", spans);
			SpanRef call = new SpanRef(traceId, String.format("00f067aa%08x", spans), caller, start + i);
			map.accept(new CallOutcome(call, caller, callee, outcome, confidence, reason));
		}
	}

	private void open(String path) {
		browser.get(services.url(path));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "map"));
	}

	private WebElement edge(String from, String to) {
		return browser.findElement(By.cssSelector("g.edge[data-from='" + from + "'][data-to='" + to + "']"));
	}

	private String stroke(WebElement edge) {
		return edge.findElement(By.cssSelector("path.line")).getCssValue("stroke");
	}

	@Test
	@Order(1)
	void brokenEdge_redWithItsShareAndReasons_untracedCalleesNeutral() throws Exception {
		open("/propagation.html");

		WebElement backend = edge("frontend", "backend");
		assertThat(backend.getDomAttribute("data-verdict")).isEqualTo("broken");
		assertThat(stroke(backend)).isEqualTo("rgb(198, 40, 40)");
		WebElement label = browser.findElement(By.cssSelector("[data-label-of='frontend→backend'] text"));
		assertThat(label.getText()).contains("72% broken").contains("dropped 12").contains("not W3C: b3 8");
		assertThat(backend.findElement(By.tagName("title")).getAttribute("textContent"))
			.contains("26 broken (72%): dropped 12 · not W3C: b3 8 · " + REFUSED + " 6");
		for (String untraced : List.of("h2", "api.thirdparty.example")) {
			WebElement call = edge("frontend", untraced);
			assertThat(call.getDomAttribute("data-verdict")).isEqualTo("untraced");
			assertThat(stroke(call)).isNotEqualTo("rgb(198, 40, 40)").isEqualTo("rgb(182, 188, 198)");
			assertThat(call.findElement(By.cssSelector("path.line")).getCssValue("stroke-dasharray")).isNotEqualTo("none");
			assertThat(browser.findElements(By.cssSelector("[data-label-of='frontend→" + untraced + "']"))).isEmpty();
			WebElement node = browser.findElement(By.cssSelector("g.node[data-service='" + untraced + "']"));
			assertThat(node.getDomAttribute("data-kind")).isEqualTo("untraced");
		}
		assertThat(edge("checkout", "payments").getDomAttribute("data-verdict")).isEqualTo("possibly_broken");
		assertThat(browser.findElement(By.cssSelector("g.node[data-service='?orders-worker']")).getText())
			.isEqualTo("unknown callee");
		assertThat(browser.findElement(By.id("map-summary")).getText()).contains("2 losing the context");

		browser.findElement(By.id("fit")).click();
		Path shot = Path.of("target/propagation-map.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	@Order(2)
	void clickOnTheEdge_listsItsBrokenCallsNewestFirst_eachALinkToItsTrace() {
		open("/propagation.html");

		// the label sits on the line's middle: a click on it is a click on the edge
		browser.findElement(By.cssSelector("[data-label-of='frontend→backend'] text")).click();

		List<WebElement> links = wait.until(ExpectedConditions
			.numberOfElementsToBe(By.cssSelector("#edge-panel ol li a"), 26));
		assertThat(browser.findElement(By.cssSelector("#edge-panel h2")).getText()).isEqualTo("frontend → backend");
		assertThat(links).allSatisfy((link) -> assertThat(link.getDomAttribute("href"))
			.matches("/\\?trace=4bf92f3577b34da6a3ce929d[0-9a-f]{8}&span=00f067aa[0-9a-f]{8}"));
		// the b3 calls began last, the dropped ones first
		List<WebElement> items = browser.findElements(By.cssSelector("#edge-panel ol li"));
		assertThat(items.get(0).getText()).contains("not W3C: b3").contains("definite");
		assertThat(items.get(items.size() - 1).getText()).contains("dropped").contains("probable");
		assertThat(browser.findElement(By.id("edge-panel")).getText()).contains("dropped").contains(REFUSED);

		edge("frontend", "h2").click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edge-panel"), "writes no spans"));
		assertThat(browser.findElements(By.cssSelector("#edge-panel ol li"))).isEmpty();
	}

	@Test
	@Order(3)
	void windowChooser_fifteenMinutes_leavesOutTheCallsOfHalfAnHourAgo() {
		open("/propagation.html");
		browser.findElement(By.cssSelector("#windows button[data-since='15m']")).click();
		wait.until(ExpectedConditions.urlContains("since=15m"));
		wait.until(ExpectedConditions.attributeContains(By.cssSelector("[data-label-of='frontend→backend'] text"),
				"textContent", "100% broken"));

		open("/propagation.html?since=1d");
		assertThat(browser.findElement(By.cssSelector("#windows button[data-since='1d']")).getDomAttribute("aria-pressed"))
			.isEqualTo("true");
		assertThat(browser.findElement(By.cssSelector("[data-label-of='frontend→backend'] text")).getText())
			.contains("72% broken");
	}

	@Test
	@Order(4)
	void mainPage_linksToTheMap() {
		browser.get(services.url("/"));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("map-link"))).click();
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "map"));
		assertThat(browser.getCurrentUrl()).endsWith("/propagation.html");
	}

	/**
	 * A system of 50 services in tiers, as real ones are: 2 gateways, 8 front services, 20 domain
	 * services, 12 backends and 8 stores (untraced); 200 edges, mostly to the next tier, some skipping
	 * one, a few calling back up (cycles).
	 */
	/** A link of the list opens the trace with the broken call's span selected. */
	@Test
	@Order(5)
	void brokenCallLink_opensItsTraceWithTheSpanSelected() throws Exception {
		// a real trace of the demo, its frontend client span judged broken as the engine would
		String traceId = JSON.readTree(services.get("/api/data").body()).at("/span/trace_id").asString();
		String[] client = new String[1];
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode view = JSON.readTree(services.get("/api/traces/" + traceId + "/view").body());
			// the second row is the frontend's client call (ViewerBrowserIT)
			String ids = view.path("rows").path("span_ids").asString("");
			client[0] = (ids.length() >= 32) ? ids.substring(16, 32) : null;
			return view.path("span_count").asInt() == 8;
		});
		map.accept(new CallOutcome(new SpanRef(traceId, client[0], "frontend", now), "frontend", "linked-backend",
				Outcome.BROKEN, Confidence.DEFINITE, "dropped"));
		open("/propagation.html");

		browser.findElement(By.cssSelector("[data-label-of='frontend→linked-backend'] text")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#edge-panel ol li a"))).click();

		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
		assertThat(browser.getCurrentUrl()).endsWith("/?trace=" + traceId + "&span=" + client[0]);
		WebElement selected = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#waterfall [aria-selected='true']")));
		assertThat(selected.getDomAttribute("data-span-id")).isEqualTo(client[0]);
	}

	@Test
	@Order(6)
	void fiftyServicesTwoHundredEdges_noNodesOverlap_allInsideTheDrawing() throws Exception {
		int[] tiers = { 2, 8, 20, 12, 8 };
		String[] prefixes = { "gateway", "front", "domain", "backend", "store" };
		List<List<String>> names = new ArrayList<>();
		for (int t = 0; t < tiers.length; t++) {
			List<String> tier = new ArrayList<>();
			for (int i = 0; i < tiers[t]; i++) {
				tier.add(String.format("service-%s-%02d", prefixes[t], i));
			}
			names.add(tier);
		}
		Random random = new Random(50);
		Set<String> pairs = new HashSet<>();
		while (pairs.size() < 200) {
			int from = random.nextInt(tiers.length - 1);
			int roll = random.nextInt(20);
			int to = (roll == 0 && from > 0) ? from - 1 : Math.min(tiers.length - 1, from + ((roll < 4) ? 2 : 1));
			String caller = names.get(from).get(random.nextInt(tiers[from]));
			String callee = names.get(to).get(random.nextInt(tiers[to]));
			if (!caller.equals(callee) && pairs.add(caller + ">" + callee)) {
				boolean store = to == tiers.length - 1;
				judge(caller, callee, store ? Outcome.UNTRACED : Outcome.CONTINUED, null, null, 3, now - MINUTE);
				if (!store && random.nextInt(10) == 0) {
					judge(caller, callee, Outcome.BROKEN, Confidence.DEFINITE, "dropped", 1, now - MINUTE);
				}
			}
		}

		open("/propagation.html");

		assertThat(browser.findElements(By.cssSelector("g.edge[data-from^='service-']"))).hasSize(200);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> boxes = (List<Map<String, Object>>) browser.executeScript("""
				const svg = document.querySelector('#map svg');
				const frame = svg.getBoundingClientRect();
				return [...svg.querySelectorAll('g.node rect')].map((r) => {
				  const b = r.getBoundingClientRect();
				  return { name: r.parentNode.dataset.service, left: b.left - frame.left, top: b.top - frame.top,
				           right: b.right - frame.left, bottom: b.bottom - frame.top,
				           width: frame.width, height: frame.height };
				});""");
		assertThat(boxes).filteredOn((box) -> String.valueOf(box.get("name")).startsWith("service-")).hasSize(50);
		for (int a = 0; a < boxes.size(); a++) {
			Map<String, Object> p = boxes.get(a);
			assertThat(number(p, "left")).as("%s inside", p.get("name")).isGreaterThanOrEqualTo(0);
			assertThat(number(p, "top")).as("%s inside", p.get("name")).isGreaterThanOrEqualTo(0);
			assertThat(number(p, "right")).as("%s inside", p.get("name")).isLessThanOrEqualTo(number(p, "width"));
			assertThat(number(p, "bottom")).as("%s inside", p.get("name")).isLessThanOrEqualTo(number(p, "height"));
			for (int b = a + 1; b < boxes.size(); b++) {
				Map<String, Object> q = boxes.get(b);
				boolean apart = number(p, "right") <= number(q, "left") || number(q, "right") <= number(p, "left")
						|| number(p, "bottom") <= number(q, "top") || number(q, "bottom") <= number(p, "top");
				assertThat(apart).as("%s and %s overlap", p.get("name"), q.get("name")).isTrue();
			}
		}
		// every box can be scrolled into view and is then the element at its centre
		WebElement last = browser.findElement(By.cssSelector("g.node[data-service='service-store-07']"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", last);
		Object hit = browser.executeScript("""
				const b = arguments[0].getBoundingClientRect();
				const at = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
				return at && at.closest('g.node') ? at.closest('g.node').dataset.service : null;""", last);
		assertThat(hit).isEqualTo("service-store-07");
		// Fit scales the whole drawing into the canvas's width
		browser.findElement(By.id("fit")).click();
		Object fits = browser.executeScript("""
				const canvas = document.getElementById('map');
				return canvas.querySelector('svg').getBoundingClientRect().width <= canvas.clientWidth;""");
		assertThat(fits).isEqualTo(true);
		Path shot = Path.of("target/propagation-map-50.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
	}

	private static double number(Map<String, Object> values, String name) {
		return ((Number) values.get(name)).doubleValue();
	}

}
