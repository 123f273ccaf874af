package dev.jobs.workflow;

/**
 * Work made of jobs: a {@linkplain Signature signature} (one job), a {@linkplain Chain chain}
 * (one after another, each given the result before it), a {@linkplain Group group} (side by side)
 * or a {@linkplain Chord chord} (a group, then a callback given all of its results). Workflows
 * nest, are immutable, and are built with the static factories of {@link Workflows}; submit one
 * with {@code jobs.submit(workflow)}.
 *
 * <p>A workflow fails for good as soon as one of its jobs does (attempts spent, or not runnable):
 * nothing more of it starts, and the {@linkplain #onError error callback} of every part that held
 * the failed job runs once.
 *
 * @param <T> what the workflow yields: its last job's result for a chain, the list of results
 * for a group, the callback's result for a chord
 */
public sealed interface Workflow<T> permits Signature, Chain, Group, Chord {

	/**
	 * The job to run if this part of the workflow fails for good.
	 * @return the error callback, or {@code null} for none
	 */
	Signature<?> errback();

	/**
	 * This workflow with an error callback: it runs once when a job inside this part fails for
	 * good, given a {@link WorkflowFailure} as its first argument (unless it is
	 * {@linkplain Signature#immutable() immutable}); error callbacks of enclosing parts run too.
	 * @param errback the job to run
	 * @return the new workflow
	 */
	Workflow<T> onError(Signature<?> errback);

}
