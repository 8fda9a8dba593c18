package dev.tracer.problem;

/** The one walk of a cause chain: frameworks wrap what our code threw, sometimes twice. */
public final class Causes {

	private Causes() {
	}

	/** The first throwable of the type in the chain, from {@code failure} itself down, or null. */
	public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/** Whether any throwable of the chain is one of the types. */
	@SafeVarargs
	public static boolean any(Throwable failure, Class<? extends Throwable>... types) {
		for (Class<? extends Throwable> type : types) {
			if (find(failure, type) != null) {
				return true;
			}
		}
		return false;
	}

}
