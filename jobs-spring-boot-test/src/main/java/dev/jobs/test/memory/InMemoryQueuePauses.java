package dev.jobs.test.memory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.QueuePauses;

/**
 * The paused queues, in a set. In test mode nothing consumes queues, so a pause is only
 * recorded (what Actuator shows); the test harness runs every queue's jobs regardless.
 */
public final class InMemoryQueuePauses implements QueuePauses {

	private final Set<String> paused = ConcurrentHashMap.newKeySet();

	@Override
	public Set<String> paused() {
		return Set.copyOf(this.paused);
	}

	@Override
	public void set(String queue, boolean paused) {
		if (paused) {
			this.paused.add(queue);
		}
		else {
			this.paused.remove(queue);
		}
	}

}
