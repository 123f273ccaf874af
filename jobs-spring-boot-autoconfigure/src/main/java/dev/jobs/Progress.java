package dev.jobs;

/**
 * How far a job, a workflow or a batch has come: {@code done} of {@code total}, with a message
 * from the task where it gave one.
 *
 * @param done how much is done
 * @param total how much there is
 * @param message what the task says it is doing, or {@code null}
 */
public record Progress(long done, long total, String message) {

	/** Nothing reported. */
	public static final Progress NONE = new Progress(0, 0, null);

	/**
	 * Creates a {@code Progress}, checking its components.
	 * @param done how much is done
	 * @param total how much there is
	 * @param message what the task says it is doing, or {@code null}
	 */
	public Progress {
		if (done < 0 || total < 0) {
			throw new IllegalArgumentException("progress must not be negative, got " + done + "/" + total);
		}
	}

	/**
	 * The share done, from 0 to 1; 0 while the total is 0.
	 * @return the fraction done
	 */
	public double fraction() {
		return (this.total == 0) ? 0 : Math.min(1.0, (double) this.done / this.total);
	}

}
