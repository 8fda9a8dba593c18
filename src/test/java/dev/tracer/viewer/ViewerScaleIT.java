package dev.tracer.viewer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's figures on big traces, measured inside the page and read back (a benchmark: the figures
 * go to {@code target/viewer-scale.txt} and the README; what is asserted is what does not depend on the
 * machine's load: the bound on row elements, the last row reached, the marks in order). Runs with {@code -Pviewer-scale} (which {@code .ci/run} turns on): it posts 1.3
 * million spans and takes a few minutes.
 *
 * <ul>
 * <li>first rows: {@code performance.mark("tracer:first-rows")}, set two animation frames after the
 * waterfall's first render, as milliseconds since navigation started;</li>
 * <li>row elements: {@code .row} elements in the page, whatever the trace's size;</li>
 * <li>long tasks: a {@code PerformanceObserver} for {@code longtask} while the waterfall is scrolled from
 * top to bottom in 200 frames, then while it is collapsed below depth 2, expanded, and its root collapsed
 * and expanded; the longest is reported.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "tracer.viewer.scale", matches = "true")
class ViewerScaleIT {

	private static final int HUNDRED_THOUSAND = 100_000;

	private static final int MILLION = 1_000_000;

	private DemoPair services;

	private ChromeDriver browser;

	private final List<String> report = new ArrayList<>();

	@BeforeAll
	void start() throws Exception {
		browser = Chromium.start(1400, 900);
		// a million spans need store bounds of their own: the defaults are 100,000 spans and an eighth of the heap
		services = new DemoPair("--tracer.store.max-spans=" + (MILLION + 30_000), "--tracer.store.max-bytes=3GB");
		warmUp();
		report.add(String.format("%-24s %9s %10s %11s %9s %14s %11s %10s %11s %9s %10s", "shape", "spans",
				"raw B/span", "gzip B/span", "server ms", "view loaded ms", "model ms", "first rows", "row elems",
				"longest", "long tasks"));
	}

	@AfterAll
	void stop() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (services != null) {
			services.close();
		}
		Files.write(Path.of("target", "viewer-scale.txt"), report);
		report.forEach(System.out::println);
	}

	/**
	 * One 20,000-span trace opened a few times first, so that whichever shape is measured first does not
	 * also pay for the server's JIT compilation.
	 */
	private void warmUp() throws Exception {
		TraceShapes warm = TraceShapes.random(20_000);
		services.post(warm);
		for (int i = 0; i < 3; i++) {
			services.get("/api/traces/" + warm.traceId + "/view");
			browser.get(services.url("/?trace=" + warm.traceId));
			new WebDriverWait(browser, Duration.ofMinutes(1))
				.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
		}
	}

	@Test
	void hundredThousand_fanOut() throws Exception {
		measure(TraceShapes.fanOut(HUNDRED_THOUSAND));
	}

	@Test
	void hundredThousand_chain() throws Exception {
		measure(TraceShapes.chain(HUNDRED_THOUSAND));
	}

	@Test
	void hundredThousand_randomParents() throws Exception {
		measure(TraceShapes.random(HUNDRED_THOUSAND));
	}

	/**
	 * 100,000 spans whose leaves are 45,000 client calls: the break banner above the waterfall must not
	 * grow with them. The analysis is waited for (up to a minute) so the page opens with its breaks, as
	 * many as the analysis finds; the banner's elements are counted whatever that number is.
	 */
	@Test
	void hundredThousand_clientLeaves_bannerStaysSmall() throws Exception {
		TraceShapes shape = TraceShapes.clientLeaves(HUNDRED_THOUSAND, 45_000);
		services.post(shape);
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		int breaks = 0;
		while (System.nanoTime() < deadline && breaks == 0) {
			HttpResponse<String> answer = services.get("/api/traces/" + shape.traceId + "/breaks");
			breaks = answer.body().split("\"span_id\"", -1).length - 1;
			if (breaks == 0) {
				Thread.sleep(500);
			}
		}
		measurePosted(shape);
		long bannerElements = (Long) browser
			.executeScript("return document.querySelectorAll('#break-banner, #break-banner *').length");
		report.add(String.format("%-24s %,9d breaks, %d elements in the break banner", shape.name, breaks, bannerElements));
		assertThat(bannerElements).as("elements in the break banner").isLessThanOrEqualTo(80);
	}

	@Test
	void million_fanOut_opens() throws Exception {
		measure(TraceShapes.fanOut(MILLION));
	}

	private void measure(TraceShapes shape) throws Exception {
		services.post(shape);
		measurePosted(shape);
	}

	private void measurePosted(TraceShapes shape) throws Exception {
		String view = "/api/traces/" + shape.traceId + "/view";
		long before = System.nanoTime();
		HttpResponse<byte[]> raw = DemoPair.HTTP.send(HttpRequest.newBuilder(URI.create(services.url(view))).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		double serverMillis = (System.nanoTime() - before) / 1e6;
		HttpResponse<byte[]> gzip = DemoPair.HTTP.send(HttpRequest.newBuilder(URI.create(services.url(view)))
			.header("accept-encoding", "gzip")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(raw.statusCode()).isEqualTo(200);
		assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");

		browser.get(services.url("/?trace=" + shape.traceId));
		new WebDriverWait(browser, Duration.ofMinutes(2))
			.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "trace"));
		double firstRows = mark("tracer:first-rows");
		double loaded = mark("tracer:view-loaded");
		double built = mark("tracer:model-built");
		long rowElements = (Long) browser.executeScript("return document.querySelectorAll('.row').length");
		@SuppressWarnings("unchecked")
		Map<String, Object> tasks = (Map<String, Object>) browser.executeAsyncScript(SCROLL_AND_TOGGLE);

		double longest = ((Number) tasks.get("longest")).doubleValue();
		long count = ((Number) tasks.get("count")).longValue();
		report.add(String.format("%-24s %,9d %10.1f %11.1f %9.0f %14.0f %11.0f %7.0f ms %11d %6.0f ms %10d", shape.name,
				shape.size, raw.body().length / (double) shape.size, gzip.body().length / (double) shape.size, serverMillis,
				loaded, built - loaded, firstRows, rowElements, longest, count));
		assertThat(rowElements).as("row elements in the page").isLessThanOrEqualTo(300);
		assertThat((Boolean) tasks.get("reachedBottom")).as("scrolled to the last row").isTrue();
		// Timings are reported, not asserted: on a shared 2-core machine they vary several-fold with load.
		assertThat(firstRows).as("first rows painted after the document arrived").isGreaterThan(loaded);
	}

	/** Milliseconds from navigation to a mark the page set. */
	private double mark(String name) {
		return ((Number) browser.executeScript("return performance.getEntriesByName(arguments[0])[0].startTime", name))
			.doubleValue();
	}

	/**
	 * Observes long tasks while it scrolls the waterfall to the bottom in 200 frames, then collapses below
	 * depth 2, expands all, and collapses and expands the first row, two frames after each.
	 */
	private static final String SCROLL_AND_TOGGLE = """
			const done = arguments[arguments.length - 1];
			const durations = [];
			const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => durations.push(e.duration)));
			observer.observe({ type: 'longtask' });
			const scroller = document.querySelector('.wf-scroll');
			const frames = (n) => new Promise((resolve) => {
			  const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
			  requestAnimationFrame(step);
			});
			(async () => {
			  const steps = 200;
			  const end = scroller.scrollHeight - scroller.clientHeight;
			  for (let i = 1; i <= steps; i++) { scroller.scrollTop = (end * i) / steps; await frames(1); }
			  await frames(2);
			  const last = window.tracerViewer.model.visible[window.tracerViewer.model.visibleCount - 1];
			  const reachedBottom = !!document.querySelector(`.row[data-row="${last}"]:not([hidden])`);
			  scroller.scrollTop = 0;
			  await frames(2);
			  const depth = document.getElementById('collapse-depth');
			  depth.value = '2'; depth.dispatchEvent(new Event('change'));
			  await frames(2);
			  document.getElementById('expand-all').click();
			  await frames(2);
			  document.querySelector('.row[data-row="0"] .tog').click();
			  await frames(2);
			  document.querySelector('.row[data-row="0"] .tog').click();
			  await frames(2);
			  await new Promise((resolve) => setTimeout(resolve, 200));
			  observer.disconnect();
			  done({ longest: durations.length ? Math.max(...durations) : 0, count: durations.length, reachedBottom });
			})();
			""";

}
