package dev.tracer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tracer.store.SpanLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE completes for {@code tracer.*} (the metadata the build generates from the properties
 * records, merged with {@code META-INF/additional-spring-configuration-metadata.json}): every key with
 * its meaning and its default, and every key in {@code docs/configuration.md}.
 */
class ConfigurationMetadataTest {

	private static final Map<String, JsonNode> properties = new LinkedHashMap<>();

	@BeforeAll
	static void readMetadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTest.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the configuration processor's output").isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("tracer.")) {
					properties.put(name, property);
				}
			}
		}
		assertThat(properties).hasSizeGreaterThan(60);
	}

	@Test
	void everyKeyHasADescription() {
		List<String> without = properties.entrySet()
			.stream()
			.filter(e -> !e.getValue().hasNonNull("description") || e.getValue().get("description").asString().isBlank())
			.map(Map.Entry::getKey)
			.toList();
		assertThat(without).isEmpty();
	}

	/** A default the metadata cannot hold as a value (one per processor, an eighth of the heap) is told in words. */
	@Test
	void everyKeyHasADefaultOrSaysWhatUnsetMeans() {
		List<String> without = properties.entrySet()
			.stream()
			.filter(e -> !e.getValue().has("defaultValue"))
			.filter(e -> !e.getValue().path("description").asString("").toLowerCase().contains("unset"))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(without).isEmpty();
	}

	@Test
	void spanLimitDefaultsAreTheStoresOwn() {
		SpanLimits defaults = SpanLimits.DEFAULTS;
		assertThat(defaultOf("tracer.store.limits.max-name-length")).isEqualTo(defaults.maxNameLength());
		assertThat(defaultOf("tracer.store.limits.max-tag-value-length")).isEqualTo(defaults.maxTagValueLength());
		assertThat(defaultOf("tracer.store.limits.max-tags")).isEqualTo(defaults.maxTags());
		assertThat(defaultOf("tracer.store.limits.max-annotations")).isEqualTo(defaults.maxAnnotations());
	}

	@Test
	void everyKeyIsInTheConfigurationDocument() throws IOException {
		List<String> documented = documentedKeys(Files.readString(Path.of("docs/configuration.md")));
		List<String> missing = properties.keySet()
			.stream()
			.filter(name -> documented.stream().noneMatch(key -> key.equals(name)
					|| (key.endsWith(".*") && name.startsWith(key.substring(0, key.length() - 1)))))
			.toList();
		assertThat(missing).isEmpty();
	}

	private static int defaultOf(String name) {
		assertThat(properties).containsKey(name);
		return properties.get(name).get("defaultValue").asInt();
	}

	/**
	 * The keys of the document's table: a row's first cell names a key in full, then possibly siblings
	 * by their last part ({@code `tracer.store.limits.max-tags`, `max-annotations`}), or a whole prefix
	 * ({@code tracer.demo.datasource.*}).
	 */
	static List<String> documentedKeys(String markdown) {
		Pattern code = Pattern.compile("`([a-z0-9.*-]+)`");
		List<String> keys = new ArrayList<>();
		for (String line : markdown.lines().toList()) {
			if (!line.startsWith("| `")) {
				continue;
			}
			String firstCell = line.substring(1, line.indexOf('|', 1));
			Matcher names = code.matcher(firstCell);
			String parent = null;
			while (names.find()) {
				String name = names.group(1);
				if (parent == null) {
					parent = name.substring(0, name.lastIndexOf('.') + 1);
					keys.add(name);
				}
				else {
					keys.add(name.contains(".") ? name : parent + name);
				}
			}
		}
		return keys;
	}

}
