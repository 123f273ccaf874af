package dev.jobs.core.execution;

import java.util.Objects;

/**
 * A {@link JobGuard}'s answer: let the job go on, or end the delivery with an outcome.
 */
public sealed interface Admission {

	/**
	 * Let the job go on, with nothing to do after it.
	 * @return the admission
	 */
	static Admission proceed() {
		return Proceed.PLAIN;
	}

	/**
	 * Let the job go on, and run a step once its outcome is settled.
	 * @param afterRun the step
	 * @return the admission
	 */
	static Admission proceed(AfterRun afterRun) {
		return new Proceed(OnSuccess.NONE, Objects.requireNonNull(afterRun, "afterRun"));
	}

	/**
	 * Let the job go on; if it succeeds, run a step before its success is recorded, and run
	 * another once its outcome, whatever it is, is settled.
	 * @param onSuccess the step for a success
	 * @param afterRun the step for every outcome
	 * @return the admission
	 */
	static Admission proceed(OnSuccess onSuccess, AfterRun afterRun) {
		return new Proceed(Objects.requireNonNull(onSuccess, "onSuccess"),
				Objects.requireNonNull(afterRun, "afterRun"));
	}

	/**
	 * End the delivery here, without running the task.
	 * @param outcome how it ends
	 * @return the admission
	 */
	static Admission stop(Outcome outcome) {
		return new Stop(Objects.requireNonNull(outcome, "outcome"));
	}

	/**
	 * The job goes on.
	 * @param onSuccess what to do after a success, before it is recorded
	 * @param afterRun what to do once its outcome is settled
	 */
	record Proceed(OnSuccess onSuccess, AfterRun afterRun) implements Admission {

		static final Proceed PLAIN = new Proceed(OnSuccess.NONE, AfterRun.NONE);

	}

	/**
	 * The delivery ends here.
	 * @param outcome how it ends
	 */
	record Stop(Outcome outcome) implements Admission {

	}

}
