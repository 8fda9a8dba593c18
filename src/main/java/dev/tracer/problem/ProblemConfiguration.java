package dev.tracer.problem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Every refusal answered one way: the API's exceptions, Spring MVC's and Tomcat's own. */
@Configuration(proxyBeanMethods = false)
@Import(ProblemHandler.class)
public class ProblemConfiguration {

	/** Tomcat's own refusals (oversized or malformed headers, a NUL in the path) as problem+json too. */
	@Bean
	TomcatProblemReports tomcatProblemReports() {
		return new TomcatProblemReports();
	}

}
