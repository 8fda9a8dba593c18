package dev.tracer;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The core is plain Java: frameworks and JSON mapping live at the edges. */
@AnalyzeClasses(packages = "dev.tracer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule coreUsesNoFramework = noClassIn("dev.tracer.core..").usesAnyOf("org.springframework..",
			"jakarta..", "javax.servlet..", "io.micrometer..", "brave..", "com.fasterxml..", "tools.jackson..",
			"org.slf4j..")
		.because("the trace-context core is plain Java (docs/design.md, Shape)");

	@ArchTest
	static final ArchRule coreDependsOnNothingOfOurs = noClassIn("dev.tracer.core..").usesAnyOf("dev.tracer.node..",
			"dev.tracer.web..", "dev.tracer.store..", "dev.tracer.demo..", "dev.tracer.api..", "dev.tracer.intake..",
			"dev.tracer.instrumentation..", "dev.tracer.problem..", "dev.tracer.analysis..")
		.because("dependencies point inward");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.tracer.(*)..")
		.should()
		.beFreeOfCycles()
		.because("each package can be read, tested and changed from the inside out");

	@ArchTest
	static final ArchRule otlpMappingIsPlainJava = noClassIn("dev.tracer.intake.otlp..").usesAnyOf(
			"org.springframework..", "jakarta..", "dev.tracer.web..", "dev.tracer.node..", "dev.tracer.demo..",
			"dev.tracer.api..", "dev.tracer.problem..")
		.because("the OTLP mapping is called by a thin controller and tested without Spring");

	/**
	 * The store is plain Java over Zipkin's model, but for the one store that is an HTTP client of a
	 * Zipkin server: Spring's RestClient is confined to {@code store.zipkin}, and the store's wiring into
	 * Spring to {@code store.config}.
	 */
	@ArchTest
	static final ArchRule storeUsesNoFrameworkButTheZipkinClient = noClasses().that()
		.resideInAPackage("dev.tracer.store..")
		.and()
		.resideOutsideOfPackages("dev.tracer.store.zipkin..", "dev.tracer.store.config..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta..", "io.micrometer..")
		.because("the store is plain Java; only the Zipkin store speaks HTTP (package-info of store.zipkin)");

	@ArchTest
	static final ArchRule storeDependsOnNoOuterLayer = noClassIn("dev.tracer.store..").usesAnyOf("dev.tracer.web..",
			"dev.tracer.node..", "dev.tracer.demo..", "dev.tracer.api..", "dev.tracer.intake..",
			"dev.tracer.instrumentation..", "dev.tracer.problem..", "dev.tracer.analysis..")
		.because("dependencies point inward: the HTTP layer maps the store's failures to answers");

	/** What a traced service runs knows nothing of the tool around it: no store, API, intake or analysis. */
	@ArchTest
	static final ArchRule instrumentationStandsAlone = noClassIn("dev.tracer.instrumentation..").usesAnyOf(
			"dev.tracer.store..", "dev.tracer.api..", "dev.tracer.intake..", "dev.tracer.analysis..",
			"dev.tracer.web..", "dev.tracer.demo..", "dev.tracer.node..")
		.because("the instrumentation is what any service would run, with or without tracer's store");

	/** One error table for every package: it may know the failures of inner layers, never the callers. */
	@ArchTest
	static final ArchRule problemsKnowNoCaller = noClassIn("dev.tracer.problem..").usesAnyOf("dev.tracer.api..",
			"dev.tracer.intake..", "dev.tracer.analysis..", "dev.tracer.web..", "dev.tracer.demo..", "dev.tracer.node..")
		.because("every layer throws into the error table; the table depends on none of them");

	/** The analyses read the store and the core; who asks (API, viewer, MCP) is not their concern. */
	@ArchTest
	static final ArchRule analysesKnowNoReader = noClassIn("dev.tracer.analysis..").usesAnyOf("dev.tracer.api..",
			"dev.tracer.intake..", "dev.tracer.web..", "dev.tracer.demo..", "dev.tracer.node..")
		.because("results are computed once and read by any number of readers");

	/** The node is the grader's: it shares the core, never the web mode. */
	@ArchTest
	static final ArchRule nodeUsesOnlyTheCore = noClassIn("dev.tracer.node..").usesAnyOf("dev.tracer.store..",
			"dev.tracer.api..", "dev.tracer.intake..", "dev.tracer.analysis..", "dev.tracer.web..",
			"dev.tracer.demo..", "dev.tracer.instrumentation..", "dev.tracer.problem..")
		.because("node mode starts the smallest context that can serve the grader");

	/** The MCP server is one more reader of the API's documents; only the web mode's composition knows it. */
	@ArchTest
	static final ArchRule mcpIsReadByNoOne = noClasses().that()
		.resideOutsideOfPackages("dev.tracer.mcp..", "dev.tracer.web..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.tracer.mcp..")
		.because("the MCP tools answer what the API answers; nothing else may come to depend on them");

	/** The rule most of these are, begun: no class in {@code ourPackage} ... */
	private static Layer noClassIn(String ourPackage) {
		return new Layer(ourPackage);
	}

	/** The classes of one of our packages, of which a rule says what they may not use. */
	private record Layer(String ourPackage) {

		/** ... depends on a class in any of {@code packages}. */
		ArchRule usesAnyOf(String... packages) {
			return noClasses().that()
				.resideInAPackage(ourPackage)
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(packages);
		}

	}

}
