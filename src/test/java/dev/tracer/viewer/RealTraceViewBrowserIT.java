package dev.tracer.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import zipkin2.codec.SpanBytesDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The viewer on real-shaped traces (issue 24), in headless Chromium against both demo services: Zipkin's
 * published Yelp and Kafka traces ({@code corpus/zipkin}, Apache License 2.0, see its SOURCES.md) and
 * traces made here for one shape each. Remote services in rows, legend, details and find; annotation
 * ticks and the annotation list; endpoints with address and port; deep names kept; the critical path on
 * an asynchronous trace; the viewer's own reads not traced; the favicon; a two-span minimap; an unknown
 * duration. Saves {@code docs/viewer-remote-services.png} and {@code docs/viewer-async-critical-path.png}.
 */
class RealTraceViewBrowserIT extends BrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long NOW = System.currentTimeMillis() * 1000;

	/** Yelp's production trace: memcache, mysql, RPCs shared by client and server halves. */
	private static final String YELP = "a03ee8fff1dcd9b9";

	/** Zipkin's Kafka trace: a consumer's poll of 26 µs as the root of 649 ms of message handling. */
	private static final String KAFKA = "0562809467078eab";

	@BeforeAll
	void start() throws Exception {
		start(1400, 900);
		services.post(corpus("zipkin/yelp.json"));
		services.post(corpus("zipkin/messaging-kafka.json"));
	}

	@Test
	void remoteServices_inRowsLegendDetailsAndFind() {
		openTrace(YELP);

		List<String> labels = visibleRows().stream().map((row) -> row.findElement(By.className("svc")).getText()).toList();
		assertThat(labels).contains("yelp-main → memcache", "yelp-main → mysql", "mobile_api → memcache",
				"mobile_api → spectre");
		WebElement memcacheChip = browser.findElement(By.xpath("//section[@id='trace-header']//span[contains(@class,'chip')"
				+ " and normalize-space(.)='memcache']"));
		assertThat(memcacheChip.getDomAttribute("class")).as("a callee that wrote no span").contains("remote");
		assertThat(memcacheChip.getDomAttribute("title")).contains("wrote no span");

		WebElement input = browser.findElement(By.id("find-input"));
		input.clear();
		input.sendKeys("memcache", Keys.ENTER);
		wait.until(ExpectedConditions.textMatches(By.id("find-status"), java.util.regex.Pattern.compile("\\d+ match")));
		long memcacheRows = labels.stream().filter((label) -> label.endsWith("→ memcache")).count();
		assertThat(browser.findElement(By.id("find-status")).getText()).isEqualTo(memcacheRows + " matches");
		assertThat(browser.findElements(By.cssSelector(".wf-rows .row.hit"))).hasSize((int) memcacheRows);

		rowNamed("get_multi my_cache_name_v1").click();
		WebElement callee = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=callee]")));
		assertThat(callee.getText()).isEqualTo("memcache (named by remoteEndpoint.serviceName)");
		assertThat(endpointsInTheDetails()).containsExactly("yelp-main port 31523", "memcache");
	}

	/**
	 * A call with annotations and both endpoints, IPv4 and IPv6 with ports, as Brave records an HTTP
	 * client (cs/ws/wr/cr kept as annotations by older instrumentations): a tick on the bar at each
	 * annotation, and the list in the details, timed from the span's start.
	 */
	@Test
	void annotationsAndEndpoints_ticksOnTheBarListInTheDetails() throws Exception {
		String traceId = "a1000000000000000000000000000024";
		Endpoint web = Endpoint.newBuilder().serviceName("web").ip("10.0.0.7").port(8080).build();
		Endpoint payments = Endpoint.newBuilder().serviceName("payments").ip("2001:db8::c001").port(8443).build();
		Span root = Span.newBuilder().traceId(traceId).id("a1").name("post /checkout").kind(Span.Kind.SERVER)
			.localEndpoint(web).timestamp(NOW).duration(90_000).build();
		Span call = Span.newBuilder().traceId(traceId).parentId("a1").id("a2").name("post /charge").kind(Span.Kind.CLIENT)
			.localEndpoint(web).remoteEndpoint(payments).timestamp(NOW + 10_000).duration(60_000)
			.addAnnotation(NOW + 11_000, "ws").addAnnotation(NOW + 68_000, "wr").build();
		services.post(List.of(root, call));
		openTrace(traceId);

		WebElement row = visibleRows().get(1);
		assertThat(row.findElement(By.className("svc")).getText()).isEqualTo("web → payments");
		List<WebElement> ticks = row.findElements(By.cssSelector(".atick"));
		assertThat(ticks).hasSize(2);
		assertThat(ticks.get(0).getDomAttribute("title")).isEqualTo("ws at +1.00 ms");
		assertThat(ticks.get(1).getDomAttribute("title")).isEqualTo("wr at +58.0 ms");
		Rectangle bar = row.findElement(By.className("bar")).getRect();
		assertThat(ticks.get(0).getRect().getX()).as("on the bar").isBetween(bar.getX() - 2, bar.getX() + bar.getWidth());

		row.click();
		WebElement list = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=annotations]")));
		assertThat(list.getText()).contains("+1.00 ms ws").contains("+58.0 ms wr");
		assertThat(endpointsInTheDetails()).containsExactly("web 10.0.0.7:8080", "payments [2001:db8::c001]:8443");
	}

	/**
	 * The screenshot: Yelp's rows with their callees, and the API proxy's RPC, whose server half
	 * annotated its end ({@code py_zipkin.logging_end}): a tick on its bar, the list in its details.
	 */
	@Test
	void screenshot_remoteServices() throws Exception {
		openTrace(YELP);
		WebElement proxy = visibleRows().stream()
			.filter((row) -> row.findElement(By.className("svc")).getText().equals("unknown → yelp_main/api_proxy"))
			.findFirst()
			.orElseThrow();
		List<WebElement> ticks = proxy.findElements(By.cssSelector(".atick.server"));
		assertThat(ticks).singleElement().satisfies((tick) -> assertThat(tick.getDomAttribute("title"))
			.startsWith("py_zipkin.logging_end at +").endsWith("(server half)"));
		proxy.click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#details [data-field=server-annotations]"), "py_zipkin.logging_end"));

		save("viewer-remote-services.png");
	}

	/**
	 * A chain 20 deep whose deepest span failed and has a long name: its name is shown, not pushed out of
	 * the column by the indent, its depth is written, its badge is whole, and the whole label is on hover.
	 */
	@Test
	void deepNames_visibleWithTheirDepthAndBadges() throws Exception {
		String traceId = "dee90000000000000000000000000020";
		Endpoint svc = Endpoint.newBuilder().serviceName("resolver").build();
		List<Span> chain = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			Span.Builder span = Span.newBuilder().traceId(traceId).id(Long.toHexString(0xd00 + i)).localEndpoint(svc)
				.name((i == 20) ? "get my_cache_name_v2 for the deepest lookup of all" : "resolve level " + i)
				.timestamp(NOW + i).duration(1000 - i);
			if (i > 1) {
				span.parentId(Long.toHexString(0xd00 + i - 1));
			}
			if (i == 20) {
				span.putTag("error", "timeout");
			}
			chain.add(span.build());
		}
		services.post(chain);
		openTrace(traceId);

		WebElement deepest = visibleRows().get(19);
		WebElement label = deepest.findElement(By.className("label"));
		WebElement name = deepest.findElement(By.className("name"));
		WebElement badges = deepest.findElement(By.className("badges"));
		assertThat(name.getRect().getWidth()).as("the name has room").isGreaterThan(60);
		assertThat(deepest.findElement(By.className("depth")).getText()).isEqualTo("20");
		assertThat(badges.getText()).isEqualTo("error");
		Rectangle box = label.getRect();
		assertThat(badges.getRect().getX() + badges.getRect().getWidth()).as("the badge is not clipped")
			.isLessThanOrEqualTo(box.getX() + box.getWidth());
		assertThat(label.getDomAttribute("title")).contains("get my_cache_name_v2 for the deepest lookup of all")
			.contains("depth 20");
	}

	/** The name column is resizable from the keyboard (or by dragging): wider, the names have more room. */
	@Test
	void labelColumn_resizable() {
		openTrace(YELP);
		WebElement label = visibleRows().get(0).findElement(By.className("label"));
		int before = label.getRect().getWidth();

		WebElement resizer = browser.findElement(By.cssSelector(".wf-axis .col-resizer"));
		for (int i = 0; i < 5; i++) {
			resizer.sendKeys(Keys.ARROW_RIGHT);
		}

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(visibleRows().get(0).findElement(By.className("label")).getRect().getWidth())
				.isGreaterThan(before + 50));
		browser.executeScript("localStorage.removeItem('tracer.labelWidth')");
	}

	/**
	 * Zipkin's Kafka trace: the path follows the producers' consumers past their parents' ends instead
	 * of stopping at the root poll's 26 µs, and the panel says where the rest of the time went.
	 */
	@Test
	void asyncCriticalPath_followsTheHandOffs_andSaysWhy() throws Exception {
		openTrace(KAFKA);

		String summary = browser.findElement(By.cssSelector("#critical [data-field=path-summary]")).getText();
		assertThat(summary).contains(" of 649.1 ms (").doesNotStartWith("1 segment");
		double share = Double.parseDouble(summary.replaceAll(".*\\(([0-9.]+)%\\)$", "$1"));
		assertThat(share).as(summary).isGreaterThan(25.0);
		assertThat(browser.findElement(By.cssSelector("#critical [data-field=path-why]")).getText())
			.contains("asynchronous hand-off");
		assertThat(browser.findElements(By.cssSelector("#critical li.handed-off"))).isNotEmpty();
		List<String> labels = visibleRows().stream().map((row) -> row.findElement(By.className("svc")).getText()).toList();
		assertThat(labels).contains("servicea ← kafka", "servicea → kafka");

		save("viewer-async-critical-path.png");
	}

	/**
	 * After a dozen of the viewer's requests (list, trace, details, find, files), none made a span:
	 * the store holds no trace of tracer's own API; the demo's {@code /api/data} is still traced.
	 */
	@Test
	void viewersOwnRequests_makeNoSpans_demoStillTraced() throws Exception {
		for (int i = 0; i < 3; i++) {
			browser.get(services.url("/"));
			openTrace(YELP);
			visibleRows().get(1).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=span-id]")));
			WebElement input = browser.findElement(By.id("find-input"));
			input.sendKeys("memcache", Keys.ENTER);
		}
		JsonNode answer = JSON.readTree(services.get("/api/data").body());
		String demoTraceId = answer.at("/span/trace_id").asString();

		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
			.until(() -> services.get("/api/traces/" + demoTraceId).statusCode() == 200);
		List<String> roots = new ArrayList<>();
		for (JsonNode name : JSON.readTree(services.get("/api/traces?limit=1000").body()).findValues("root_name")) {
			roots.add(name.asString().toLowerCase(java.util.Locale.ROOT));
		}
		assertThat(roots).as("the demo's request is traced").contains("get /api/data")
			.noneMatch((root) -> root.contains("/api/traces") || root.contains("/viewer/") || root.equals("get /")
					|| root.equals("get"));
	}

	/** The page's icon: no 404 for it, as the SVG the page links or as the icon a browser asks for alone. */
	@Test
	void favicon_served() throws Exception {
		openTrace(YELP);
		String href = browser.findElement(By.cssSelector("link[rel=icon]")).getDomAttribute("href");

		HttpResponse<String> svg = services.get(href);
		HttpResponse<String> ico = services.get("/favicon.ico");

		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.headers().firstValue("content-type")).hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(ico.statusCode()).isEqualTo(200);
	}

	/**
	 * Two spans, the second of unknown duration: the minimap draws two thin lines, not a slab as tall as
	 * the map, and the row and the details say "unknown", not "0 µs".
	 */
	@Test
	void twoSpans_minimapLines_unknownDurationSaid() throws Exception {
		String traceId = "b2000000000000000000000000000002";
		Endpoint svc = Endpoint.newBuilder().serviceName("cron").build();
		services.post(List.of(
				Span.newBuilder().traceId(traceId).id("b1").name("nightly").localEndpoint(svc).timestamp(NOW).duration(5000).build(),
				Span.newBuilder().traceId(traceId).parentId("b1").id("b2").name("cleanup").localEndpoint(svc)
					.timestamp(NOW + 1000).build()));
		openTrace(traceId);

		long painted = (Long) browser.executeScript("const c = document.getElementById('minimap');"
				+ " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let rows = 0;"
				+ " for (let y = 0; y < c.height; y++) { for (let x = 2; x < c.width - 2; x++) {"
				+ " if (d[(y * c.width + x) * 4 + 3] === 255) { rows++; break; } } }"
				+ " return rows;");
		// spans are opaque; the window's band over them is translucent, its outline too
		assertThat(painted).as("pixel rows with a span drawn, of the map's 72").isBetween(2L, 14L);
		WebElement second = visibleRows().get(1);
		assertThat(second.findElement(By.className("dur")).getText()).isEqualTo("unknown");
		second.click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details [data-field=duration]")))
			.getText()).isEqualTo("unknown");
	}

	private WebElement rowNamed(String name) {
		return visibleRows().stream()
			.filter((row) -> row.findElement(By.className("name")).getText().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row named " + name));
	}

	/** The selected span's local and remote endpoint, as the details write them. */
	private List<String> endpointsInTheDetails() {
		return List.of(browser.findElement(By.cssSelector("#details [data-field=local-endpoint]")).getText(),
				browser.findElement(By.cssSelector("#details [data-field=remote-endpoint]")).getText());
	}

	/** A screenshot into docs/, the window tall enough for the details and the critical path's words. */
	private void save(String file) throws IOException {
		Dimension size = browser.manage().window().getSize();
		browser.manage().window().setSize(new Dimension(1400, 1150));
		try {
			Path shot = Path.of("docs", file);
			Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
			assertThat(Files.size(shot)).isGreaterThan(10_000);
		}
		finally {
			browser.manage().window().setSize(size);
		}
	}

	private static List<Span> corpus(String name) throws IOException {
		try (InputStream in = RealTraceViewBrowserIT.class.getResourceAsStream("/corpus/" + name)) {
			return SpanBytesDecoder.JSON_V2.decodeList(in.readAllBytes());
		}
	}

}
