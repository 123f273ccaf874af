package dev.jobs.test.memory;

import java.util.List;

import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.ReplayResult;

/**
 * What operators read from RabbitMQ (queue depths, the dead-letter queue) has no in-memory
 * counterpart in test mode: this stands in for both, so that the Actuator endpoint, the health
 * contributor and the depth gauges fail with a message that says so, instead of reaching for the
 * broker the test has no use for.
 */
public final class UnsupportedOperations implements QueueInspector, DeadLetterQueue {

	private static final String MESSAGE = "Not available in @AutoConfigureJobs test mode, which keeps no"
			+ " RabbitMQ queues: read the jobs waiting with JobsTestHarness.waiting() and the dead letters with"
			+ " JobsTestHarness.deadLetters(), or test operations against a real broker";

	@Override
	public QueueSnapshot snapshot() {
		throw new UnsupportedOperationException("Queue depths: " + MESSAGE);
	}

	@Override
	public List<DeadLetterEntry> browse(DeadLetterQuery query) {
		throw new UnsupportedOperationException("Browsing the dead-letter queue: " + MESSAGE);
	}

	@Override
	public ReplayResult replay(DeadLetterQuery query) {
		throw new UnsupportedOperationException("Replaying dead letters: " + MESSAGE);
	}

	@Override
	public int purge(DeadLetterQuery query) {
		throw new UnsupportedOperationException("Purging dead letters: " + MESSAGE);
	}

}
