package dev.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one fault case observed, printed as the one line the suite reports per case and
 * asserted: no accepted job may be lost, and no guarded effect may happen twice.
 *
 * @param fault the case's name
 * @param accepted enqueues that returned normally
 * @param processed accepted jobs that completed
 * @param lost accepted jobs that did not complete
 * @param duplicatedEffects guarded jobs whose effect happened more than once
 */
record FaultTally(String fault, long accepted, long processed, long lost, long duplicatedEffects) {

	/**
	 * Builds the tally from what the case counted.
	 * @param fault the case's name
	 * @param accepted enqueues that returned normally
	 * @param processed accepted jobs that completed
	 * @param duplicatedEffects guarded effects seen more than once
	 * @return the tally
	 */
	static FaultTally of(String fault, long accepted, long processed, long duplicatedEffects) {
		return new FaultTally(fault, accepted, processed, accepted - processed, duplicatedEffects);
	}

	/**
	 * The report line, {@code fault=<name> accepted=<n> processed=<n> lost=<n> duplicated_effects=<n>}.
	 * @return the line
	 */
	String line() {
		return "fault=" + this.fault + " accepted=" + this.accepted + " processed=" + this.processed + " lost="
				+ this.lost + " duplicated_effects=" + this.duplicatedEffects;
	}

	/**
	 * Prints the line to standard output, then fails the case on any loss or duplicate. The
	 * line comes first so that a failing run still reports its numbers.
	 */
	void printAndAssert() {
		printAndAssertNoLoss();
		assertThat(this.duplicatedEffects).as(line()).isZero();
	}

	/**
	 * Prints the line, then fails the case on any loss only: for a case whose duplicates are
	 * asserted in their own way.
	 */
	void printAndAssertNoLoss() {
		System.out.println(line());
		assertThat(this.lost).as(line()).isZero();
	}

}
