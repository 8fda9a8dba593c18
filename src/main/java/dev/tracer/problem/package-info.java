/**
 * One error table: every refusal of the API, the intakes, Spring MVC and Tomcat answered as
 * {@code application/problem+json} with a detail a person can act on. Knows the failures of inner layers
 * (the store's), never its callers.
 */
package dev.tracer.problem;
