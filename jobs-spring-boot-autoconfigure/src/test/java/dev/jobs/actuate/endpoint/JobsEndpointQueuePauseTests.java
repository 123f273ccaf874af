package dev.jobs.actuate.endpoint;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.jobs.actuate.metrics.JobCounters;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.ScheduleOperations;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /actuator/jobs/queues/{queue}/pause|resume} as the web layer calls them: a declared
 * queue is paused in the shared store, an undeclared one or an unknown action is not found, and
 * the overview lists the paused queues.
 */
class JobsEndpointQueuePauseTests {

	private final Set<String> paused = ConcurrentHashMap.newKeySet();

	private final QueuePauses store = new QueuePauses() {
		@Override
		public Set<String> paused() {
			return Set.copyOf(JobsEndpointQueuePauseTests.this.paused);
		}

		@Override
		public void set(String queue, boolean pause) {
			if (pause) {
				JobsEndpointQueuePauseTests.this.paused.add(queue);
			}
			else {
				JobsEndpointQueuePauseTests.this.paused.remove(queue);
			}
		}
	};

	private final JobsEndpoint endpoint = new JobsEndpoint(() -> {
		throw new IllegalStateException("RabbitMQ is not asked here");
	}, null, new JobCounters(), List.of(), () -> false, List.of(), ScheduleOperations.NONE,
			new JobsEndpoint.QueueControl(this.store, Set.of("default", "bulk")::contains));

	private final JobsEndpointWebExtension extension = new JobsEndpointWebExtension(this.endpoint, Show.NEVER,
			Set.of());

	@Test
	void pauseAndResumeADeclaredQueueForEveryInstance() {
		WebEndpointResponse<Object> paused = this.extension.act("queues", "bulk", "pause");

		assertThat(paused.getStatus()).isEqualTo(200);
		assertThat(paused.getBody()).isEqualTo(new JobsEndpoint.QueueActionDescriptor("bulk", "pause"));
		assertThat(this.endpoint.jobs().pausedQueues()).containsExactly("bulk");
		assertThat(this.extension.act("queues", "bulk", "resume").getStatus()).isEqualTo(200);
		assertThat(this.endpoint.jobs().pausedQueues()).isEmpty();
	}

	@Test
	void anUndeclaredQueueOrAnUnknownActionIsNotFound() {
		assertThat(this.extension.act("queues", "bluk", "pause").getStatus()).isEqualTo(404);
		assertThat(this.extension.act("queues", "bulk", "trigger").getStatus()).isEqualTo(404);
		assertThat(this.paused).isEmpty();
	}

}
