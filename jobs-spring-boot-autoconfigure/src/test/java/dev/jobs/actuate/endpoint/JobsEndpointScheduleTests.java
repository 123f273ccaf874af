package dev.jobs.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jobs.actuate.metrics.JobCounters;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.port.ScheduleView;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule operations of {@code /actuator/jobs} as the web layer calls them:
 * {@code POST /actuator/jobs/schedules/{name}/trigger|pause|resume}.
 */
class JobsEndpointScheduleTests {

	private final RecordingSchedules schedules = new RecordingSchedules();

	private final JobsEndpointWebExtension extension = new JobsEndpointWebExtension(
			new JobsEndpoint(unused(), null, new JobCounters(), List.of(), () -> false, List.of(), this.schedules),
			Show.NEVER, Set.of());

	@Test
	void aTriggerAnswersWithTheJobItEnqueued() {
		WebEndpointResponse<Object> response = this.extension.act("schedules", "nightly", "trigger");

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody())
			.isEqualTo(new JobsEndpoint.ScheduleActionDescriptor("nightly", "trigger", "job-1"));
	}

	@Test
	void pauseAndResumeReachEveryInstanceThroughTheSharedRecord() {
		assertThat(this.extension.act("schedules", "nightly", "pause").getStatus()).isEqualTo(200);
		assertThat(this.extension.act("schedules", "nightly", "resume").getBody())
			.isEqualTo(new JobsEndpoint.ScheduleActionDescriptor("nightly", "resume", null));

		assertThat(this.schedules.calls).containsExactly("pause nightly", "resume nightly");
	}

	@Test
	void anUnknownScheduleActionOrSectionIsNotFound() {
		assertThat(this.extension.act("schedules", "weekly", "trigger").getStatus()).isEqualTo(404);
		assertThat(this.extension.act("schedules", "nightly", "delete").getStatus()).isEqualTo(404);
		assertThat(this.extension.act("queues", "nightly", "pause").getStatus()).isEqualTo(404);
		assertThat(this.schedules.calls).isEmpty();
	}

	private static QueueInspector unused() {
		return () -> {
			throw new IllegalStateException("not used");
		};
	}

	/** Knows one schedule, {@code nightly}, and notes what it is asked to do. */
	private static final class RecordingSchedules implements ScheduleOperations {

		private final List<String> calls = new ArrayList<>();

		@Override
		public List<ScheduleView> schedules() {
			return List.of();
		}

		@Override
		public Optional<String> trigger(String schedule) {
			return "nightly".equals(schedule) ? Optional.of("job-1") : Optional.empty();
		}

		@Override
		public boolean pause(String schedule, boolean paused) {
			if (!"nightly".equals(schedule)) {
				return false;
			}
			this.calls.add((paused ? "pause " : "resume ") + schedule);
			return true;
		}

		@Override
		public Optional<String> problem() {
			return Optional.empty();
		}

	}

}
