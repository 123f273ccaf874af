package dev.jobs.core.port;

/**
 * What the broker adapter does with a delivery once the engine has settled its outcome.
 */
public enum Acknowledgement {

	/**
	 * Acknowledge it: the outcome is recorded durably (result stored, successor or dead letter
	 * confirmed), so the message has done its work.
	 */
	ACK,

	/**
	 * Give it back to its queue untouched, to be delivered again here or elsewhere: nothing was
	 * settled, and the attempt it carried does not count.
	 */
	GIVE_BACK

}
