package dev.jobs.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * A group (the header) and a callback that runs exactly once after every header job has
 * succeeded, given the list of their results in header order. Header jobs that are retried or
 * redelivered are counted once; two that finish at the same instant on two workers are counted
 * atomically. Build one with {@link Workflows#chord}.
 *
 * <p>Failure: a header job that fails for good fails the chord, and the callback never runs. A
 * {@linkplain #deadline(Duration) deadline} fails the chord if the header is not complete in
 * time, or, with {@link #allowPartial()}, runs the callback with what there is. A header job
 * replayed from the dead-letter queue after it failed the chord revives it only if the chord was
 * built with {@link #reviveOnReplay()}.
 *
 * @param header the header
 * @param callback the callback
 * @param deadline how long after its submission the header must be complete, or {@code null}
 * for no limit
 * @param partialAllowed whether a deadline that passes runs the callback with the results that
 * exist ({@code null} in place of each missing one) instead of failing the chord
 * @param revivesOnReplay whether a header job that failed the chord and is replayed from the
 * dead-letter queue and succeeds lets the chord go on
 * @param errback the error callback, or {@code null}
 * @param <T> the callback's result type
 */
public record Chord<T>(Group<?> header, Workflow<T> callback, Duration deadline, boolean partialAllowed,
		boolean revivesOnReplay, Signature<?> errback) implements Workflow<T> {

	/**
	 * Creates a {@code Chord}, checking its components.
	 * @param header the header
	 * @param callback the callback
	 * @param deadline how long after its submission the header must be complete, or {@code null}
	 * for no limit
	 * @param partialAllowed whether a deadline that passes runs the callback with the results that
	 * exist ({@code null} in place of each missing one) instead of failing the chord
	 * @param revivesOnReplay whether a header job that failed the chord and is replayed from the
	 * dead-letter queue and succeeds lets the chord go on
	 * @param errback the error callback, or {@code null}
	 */
	public Chord {
		Objects.requireNonNull(header, "header");
		Objects.requireNonNull(callback, "callback");
		if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
			throw new IllegalArgumentException("A chord's deadline must be positive, got " + deadline);
		}
	}

	/**
	 * This chord with a deadline for its header.
	 * @param deadline how long after submission the header must be complete
	 * @return the new chord
	 */
	public Chord<T> deadline(Duration deadline) {
		return new Chord<>(this.header, this.callback, deadline, this.partialAllowed, this.revivesOnReplay, this.errback);
	}

	/**
	 * This chord running its callback with the results there are when its deadline passes,
	 * {@code null} for each header job that has not succeeded.
	 * @return the new chord
	 */
	public Chord<T> allowPartial() {
		return new Chord<>(this.header, this.callback, this.deadline, true, this.revivesOnReplay, this.errback);
	}

	/**
	 * This chord going on when the header job that failed it is replayed from the dead-letter
	 * queue and succeeds (a failure by deadline is final all the same).
	 * @return the new chord
	 */
	public Chord<T> reviveOnReplay() {
		return new Chord<>(this.header, this.callback, this.deadline, this.partialAllowed, true, this.errback);
	}

	@Override
	public Chord<T> onError(Signature<?> errback) {
		return new Chord<>(this.header, this.callback, this.deadline, this.partialAllowed, this.revivesOnReplay, errback);
	}

}
