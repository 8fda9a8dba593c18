package dev.tracer.node;

import java.util.Arrays;
import java.util.Map;

/**
 * Decides, before Spring starts, whether this process is the JSON-lines node, so that stdout can be
 * claimed for protocol lines before anything (a library, a log appender) writes to it.
 */
public final class NodeMode {

	private static final String PROFILE = "node";

	private static final String ACTIVE_PROFILES = "spring.profiles.active";

	private NodeMode() {
	}

	/** Whether the {@code node} profile is asked for on the command line, a system property or the environment. */
	public static boolean requested(String[] args, Map<String, String> env) {
		String prefix = "--" + ACTIVE_PROFILES + "=";
		for (String arg : args) {
			if (arg.startsWith(prefix) && names(arg.substring(prefix.length()))) {
				return true;
			}
		}
		return names(System.getProperty(ACTIVE_PROFILES)) || names(env.get("SPRING_PROFILES_ACTIVE"));
	}

	private static boolean names(String profiles) {
		return profiles != null && Arrays.stream(profiles.split(",")).map(String::trim).anyMatch(PROFILE::equals);
	}

	/** Points {@code System.out} at stderr: from here on only the node's runner writes to file descriptor 1. */
	public static void claimStdout() {
		System.setOut(System.err);
	}

}
