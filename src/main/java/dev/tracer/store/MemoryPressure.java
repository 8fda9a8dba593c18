package dev.tracer.store;

/** Whether memory is too short to take more spans; {@link HeapPressure} watches the heap. */
@FunctionalInterface
public interface MemoryPressure {

	/** Never short: for tests and for stores whose memory is elsewhere. */
	MemoryPressure NONE = () -> null;

	/**
	 * Called on every batch, so it must be cheap.
	 *
	 * @return null when spans may be taken, else why not, in a sentence for the sender
	 */
	String shortage();

}
