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
	static final ArchRule coreUsesNoFramework = noClasses().that()
		.resideInAPackage("dev.tracer.core..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta..", "javax.servlet..", "io.micrometer..", "brave..",
				"com.fasterxml..", "tools.jackson..", "org.slf4j..")
		.because("the trace-context core is plain Java (DESIGN.md, Shape)");

	@ArchTest
	static final ArchRule coreDependsOnNothingOfOurs = noClasses().that()
		.resideInAPackage("dev.tracer.core..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.tracer.node..", "dev.tracer.web..", "dev.tracer.store..", "dev.tracer.demo..")
		.because("dependencies point inward");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.tracer.(*)..")
		.should()
		.beFreeOfCycles()
		.because("each package can be read, tested and changed from the inside out");

	@ArchTest
	static final ArchRule otlpMappingIsPlainJava = noClasses().that()
		.resideInAPackage("dev.tracer.otlp..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta..", "dev.tracer.web..", "dev.tracer.node..",
				"dev.tracer.demo..")
		.because("the OTLP mapping is called by a thin controller and tested without Spring (issue 14)");

	/**
	 * The store is plain Java over Zipkin's model, but for the one store that is an HTTP client of a
	 * Zipkin server (issue 13): Spring's RestClient is confined to {@code store.zipkin}.
	 */
	@ArchTest
	static final ArchRule storeUsesNoFrameworkButTheZipkinClient = noClasses().that()
		.resideInAPackage("dev.tracer.store..")
		.and()
		.resideOutsideOfPackage("dev.tracer.store.zipkin..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta..", "io.micrometer..")
		.because("the store is plain Java; only the Zipkin store speaks HTTP (package-info of store.zipkin)");

	@ArchTest
	static final ArchRule storeDependsOnNoOuterLayer = noClasses().that()
		.resideInAPackage("dev.tracer.store..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.tracer.web..", "dev.tracer.node..", "dev.tracer.demo..")
		.because("dependencies point inward: the web layer maps the store's failures to answers");

}
