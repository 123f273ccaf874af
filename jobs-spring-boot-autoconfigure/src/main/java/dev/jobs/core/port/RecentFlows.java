package dev.jobs.core.port;

import java.time.Instant;
import java.util.List;

/**
 * The workflows and batches started most recently, newest first, with their progress: what the
 * dashboard's workflows page shows. Kept by the flow and batch stores as they start them
 * ({@code docs/protocol.md}, "Workflow and batch indexes"); one whose state has expired is left
 * out.
 */
public interface RecentFlows {

	/** Lists nothing, for applications whose stores keep no such index. */
	RecentFlows NONE = new RecentFlows() {

		@Override
		public List<Workflow> workflows(int limit) {
			return List.of();
		}

		@Override
		public List<Batch> batches(int limit) {
			return List.of();
		}

	};

	/**
	 * The newest workflows.
	 * @param limit the most to return, 1 or more
	 * @return the workflows, newest first
	 */
	List<Workflow> workflows(int limit);

	/**
	 * The newest batches.
	 * @param limit the most to return, 1 or more
	 * @return the batches, newest first
	 */
	List<Batch> batches(int limit);

	/**
	 * A workflow and its progress.
	 *
	 * @param id the workflow id
	 * @param startedAt when it was started
	 * @param state its status, how many of its steps have ended, and its failure
	 */
	record Workflow(String id, Instant startedAt, FlowStore.FlowState state) {
	}

	/**
	 * A batch and its progress.
	 *
	 * @param id the batch id
	 * @param createdAt when it was created
	 * @param counts its members: total, pending, succeeded and failed
	 */
	record Batch(String id, Instant createdAt, BatchStore.BatchCounts counts) {
	}

}
