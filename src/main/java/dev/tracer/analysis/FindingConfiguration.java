package dev.tracer.analysis;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tracer.core.findings.FindingAnalysis;
import dev.tracer.store.SpanStore;

/** What an expert would point at in each trace, over the span store ({@link StoreFindings}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FindingProperties.class)
public class FindingConfiguration {

	@Bean
	StoreFindings storeFindings(SpanStore store, FindingProperties properties) {
		return new StoreFindings(store, new FindingAnalysis(properties.rules()));
	}

}
