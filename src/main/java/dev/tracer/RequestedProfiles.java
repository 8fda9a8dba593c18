package dev.tracer;

import java.util.Arrays;
import java.util.Map;

/**
 * The profiles asked for before Spring starts (command line, system property, environment), so that
 * {@code main} can choose a mode before any context exists.
 */
public final class RequestedProfiles {

	private static final String ACTIVE_PROFILES = "spring.profiles.active";

	private RequestedProfiles() {
	}

	/** Whether any of {@code names} is among the active profiles asked for. */
	public static boolean any(String[] args, Map<String, String> env, String... names) {
		String prefix = "--" + ACTIVE_PROFILES + "=";
		for (String arg : args) {
			if (arg.startsWith(prefix) && names(arg.substring(prefix.length()), names)) {
				return true;
			}
		}
		return names(System.getProperty(ACTIVE_PROFILES), names) || names(env.get("SPRING_PROFILES_ACTIVE"), names);
	}

	private static boolean names(String profiles, String[] names) {
		return profiles != null && Arrays.stream(profiles.split(","))
			.map(String::trim)
			.anyMatch((profile) -> Arrays.asList(names).contains(profile));
	}

}
