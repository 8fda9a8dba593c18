package dev.tracer.core.breaks;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HopRequestTest {

	private static HopRequest of(Map<String, String> tags) {
		return HopRequest.of(new Hop("a", "s1", null, HopSpan.Kind.SERVER, "backend", null, 0, 0, tags));
	}

	@Test
	void of_bootClientTags() {
		HopRequest request = of(Map.of("method", "GET", "http.url", "http://localhost:8081/api/data?x=1",
				"uri", "/api/data", "client.name", "localhost"));

		assertThat(request).isEqualTo(new HopRequest("GET", "/api/data", "/api/data"));
	}

	@Test
	void of_tracerServerTags() {
		assertThat(of(Map.of("http.method", "GET", "http.path", "/api/data")))
			.isEqualTo(new HopRequest("GET", "/api/data", null));
	}

	@Test
	void of_openTelemetryTags_firstInOrderWins() {
		HopRequest request = of(Map.of("http.request.method", "post", "http.method", "GET", "url.path", "/a/1",
				"http.path", "/b", "url.full", "http://h/c", "http.route", "/a/{id}", "uri", "/z"));

		assertThat(request).isEqualTo(new HopRequest("POST", "/a/1", "/a/{id}"));
	}

	@Test
	void of_urlFullOnly_pathFromIt() {
		assertThat(of(Map.of("url.full", "https://h:8443/a/b#top")).path()).isEqualTo("/a/b");
	}

	@Test
	void of_springUriNone_noRoute() {
		HopRequest request = of(Map.of("method", "GET", "uri", "none"));

		assertThat(request.route()).isNull();
		assertThat(request.known()).isFalse();
	}

	@Test
	void of_noTags_unknown() {
		assertThat(of(Map.of())).isSameAs(HopRequest.UNKNOWN);
		assertThat(of(Map.of("http.path", ""))).isSameAs(HopRequest.UNKNOWN);
	}

	@ParameterizedTest
	@CsvSource({ "http://h:1/a/b?q=1, /a/b", "http://h:1, /", "http://h:1?q=/x, /", "/a/b, /a/b", "h:1/a, ",
			"mailto:x, " })
	void pathOfUrl(String url, String path) {
		assertThat(HopRequest.pathOfUrl(url)).isEqualTo(path);
	}

	@ParameterizedTest
	@CsvSource({ "/a/1, /a/{id}, true", "/a/1/b, /a/{id}/b, true", "/a/1/b, /a/{id}, false", "/a/, /a/{id}, false",
			"/a, /a/{id}, false", "/ab/1, /a/{id}, false", "/a/1, /ab/{id}, false", "/a/1, /a/1, true",
			"/a/1, /a/2, false", "/, /, true", "/x/1, /a/{id}, false", "/a/1/, /a/{id}, false" })
	void fits(String path, String route, boolean fits) {
		assertThat(HopRequest.fits(path, route)).isEqualTo(fits);
	}

	@Test
	void matches_methodsDiffer_no() {
		assertThat(new HopRequest("GET", "/a", null).matches(new HopRequest("POST", "/a", null))).isFalse();
	}

	@Test
	void matches_oneMethodUnknown_byPath() {
		assertThat(new HopRequest(null, "/a", null).matches(new HopRequest("POST", "/a", null))).isTrue();
	}

	@Test
	void matches_pathAgainstRoute_eitherSide() {
		HopRequest concrete = new HopRequest("GET", "/a/1", null);
		HopRequest template = new HopRequest("GET", null, "/a/{id}");

		assertThat(List.of(concrete.matches(template), template.matches(concrete))).containsOnly(true);
	}

	@Test
	void matches_routesOnly_equal() {
		assertThat(new HopRequest(null, null, "/a/{id}").matches(new HopRequest(null, null, "/a/{id}"))).isTrue();
		assertThat(new HopRequest(null, null, "/a/{id}").matches(new HopRequest(null, null, "/b/{id}"))).isFalse();
	}

	@Test
	void matches_nothingKnown_no() {
		assertThat(new HopRequest("GET", null, null).matches(new HopRequest("GET", null, null))).isFalse();
	}

	@Test
	void describe() {
		assertThat(new HopRequest("GET", "/a/1", "/a/{id}").describe()).isEqualTo("GET /a/1");
		assertThat(new HopRequest(null, null, "/a/{id}").describe()).isEqualTo("to /a/{id}");
		assertThat(HopRequest.UNKNOWN.describe()).isEqualTo("to an unknown path");
	}

}
