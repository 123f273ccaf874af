package dev.jobs.core.observation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.TraceContext;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.OutcomeKind;

/**
 * Micrometer observations of a job's life: {@code jobs.enqueue} from the publish of a new job to
 * the broker's confirm, and {@code jobs.run} around each run of it. With a tracer (Micrometer
 * Tracing, as Spring Boot sets it up), the enqueue is a span whose context the job carries in its
 * body ({@link TraceContext}); every run of the job, each retry, and a run after an operator's
 * replay from the dead-letter queue, is a span whose parent is that enqueue, so one trace shows
 * the whole life of the job, and the task's own spans and log lines are in it.
 *
 * <p>Copies of a job that already carry a trace (retries, deferred copies, replays) are published
 * without a new observation, keeping the trace of the enqueue. With a no-op registry nothing is
 * observed and nothing is added to the message.
 */
public final class JobObservations {

	/** Observes nothing: the engine's default when the application has no registry. */
	public static final JobObservations NONE = new JobObservations(ObservationRegistry.NOOP);

	/** The name of the observation of an enqueue. */
	public static final String ENQUEUE = "jobs.enqueue";

	/** The name of the observation of a run. */
	public static final String RUN = "jobs.run";

	/** Low-cardinality key: the task's name. */
	public static final String TASK = "jobs.task";

	/** Low-cardinality key: the job queue. */
	public static final String QUEUE = "jobs.queue";

	/** Low-cardinality key of a run: how the delivery ended, as the {@code jobs.completed} meter's tag. */
	public static final String OUTCOME = "jobs.outcome";

	/** High-cardinality key: the job id. */
	public static final String JOB_ID = "jobs.id";

	/** High-cardinality key of a run: the attempt. */
	public static final String ATTEMPT = "jobs.attempt";

	private final ObservationRegistry registry;

	private JobObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Observations through the given registry.
	 * @param registry the application's registry
	 * @return the observations, {@link #NONE} for a no-op registry
	 */
	public static JobObservations of(ObservationRegistry registry) {
		return (registry == null || registry.isNoop()) ? NONE : new JobObservations(registry);
	}

	/**
	 * A publisher that observes the enqueue of each new job and puts its trace into the job.
	 * @param publisher the broker port
	 * @return the observing publisher, or {@code publisher} itself when nothing is observed
	 */
	public JobPublisher observing(JobPublisher publisher) {
		return (this == NONE) ? publisher : new ObservingPublisher(publisher);
	}

	/**
	 * Starts observing a run of a job, with the trace its message carried as the remote parent,
	 * and makes it current on this thread.
	 * @param envelope the job
	 * @param queue the queue it was delivered from
	 * @return the run, to end once the task returned
	 */
	public Run startRun(JobEnvelope envelope, String queue) {
		if (this == NONE) {
			return Run.NONE;
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key));
		context.setCarrier(envelope.trace().fields());
		context.setRemoteServiceName("rabbitmq");
		Observation observation = Observation.createNotStarted(RUN, () -> context, this.registry)
			.contextualName("run " + envelope.task())
			.lowCardinalityKeyValue(TASK, envelope.task())
			.lowCardinalityKeyValue(QUEUE, queue)
			.highCardinalityKeyValue(JOB_ID, envelope.id())
			.highCardinalityKeyValue(ATTEMPT, Integer.toString(envelope.attempt()))
			.start();
		return new ObservedRun(observation, observation.openScope());
	}

	/**
	 * A run being observed.
	 */
	public interface Run extends AutoCloseable {

		/** A run nobody observes. */
		Run NONE = new Run() {
			@Override
			public void ended(OutcomeKind outcome, Throwable error) {
			}

			@Override
			public void close() {
			}
		};

		/**
		 * Says how the run ended, before it is closed.
		 * @param outcome the outcome
		 * @param error what the task threw, or {@code null}
		 */
		void ended(OutcomeKind outcome, Throwable error);

		/** Ends the observation and its scope on this thread. */
		@Override
		void close();

	}

	private record ObservedRun(Observation observation, Observation.Scope scope) implements Run {

		@Override
		public void ended(OutcomeKind outcome, Throwable error) {
			this.observation.lowCardinalityKeyValue(OUTCOME, outcome.tag());
			if (error != null) {
				this.observation.error(error);
			}
		}

		@Override
		public void close() {
			this.scope.close();
			this.observation.stop();
		}

	}

	/** Observes what has no trace yet: a new job, not a copy of one. */
	private final class ObservingPublisher implements JobPublisher {

		private final JobPublisher delegate;

		ObservingPublisher(JobPublisher delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletableFuture<Void> publish(JobEnvelope envelope) {
			if (envelope.trace().isPresent()) {
				return this.delegate.publish(envelope);
			}
			Map<String, String> carrier = new LinkedHashMap<>();
			Observation observation = start(envelope, carrier);
			try {
				return stopOnConfirm(observation, this.delegate.publish(envelope.trace(TraceContext.of(carrier))));
			}
			catch (RuntimeException ex) {
				stopOnConfirm(observation, CompletableFuture.failedFuture(ex));
				throw ex;
			}
		}

		@Override
		public List<CompletableFuture<Void>> publishAll(List<JobEnvelope> envelopes) {
			List<Observation> observations = new ArrayList<>(envelopes.size());
			List<JobEnvelope> traced = new ArrayList<>(envelopes.size());
			for (JobEnvelope envelope : envelopes) {
				if (envelope.trace().isPresent()) {
					observations.add(null);
					traced.add(envelope);
				}
				else {
					Map<String, String> carrier = new LinkedHashMap<>();
					observations.add(start(envelope, carrier));
					traced.add(envelope.trace(TraceContext.of(carrier)));
				}
			}
			List<CompletableFuture<Void>> confirms;
			try {
				// Handed over together, so an adapter that sends a batch at once still does.
				confirms = this.delegate.publishAll(traced);
			}
			catch (RuntimeException ex) {
				observations.forEach((observation) -> stopOnConfirm(observation, CompletableFuture.failedFuture(ex)));
				throw ex;
			}
			List<CompletableFuture<Void>> observed = new ArrayList<>(confirms.size());
			for (int i = 0; i < confirms.size(); i++) {
				observed.add(stopOnConfirm(observations.get(i), confirms.get(i)));
			}
			return observed;
		}

		private static CompletableFuture<Void> stopOnConfirm(Observation observation,
				CompletableFuture<Void> confirm) {
			if (observation == null) {
				return confirm;
			}
			return confirm.whenComplete((confirmed, failure) -> {
				if (failure != null) {
					observation.error(failure);
				}
				observation.stop();
			});
		}

		private Observation start(JobEnvelope envelope, Map<String, String> carrier) {
			SenderContext<Map<String, String>> context = new SenderContext<>(
					(fields, key, value) -> fields.put(key, value));
			context.setCarrier(carrier);
			context.setRemoteServiceName("rabbitmq");
			return Observation.createNotStarted(ENQUEUE, () -> context, JobObservations.this.registry)
				.contextualName("enqueue " + envelope.task())
				.lowCardinalityKeyValue(TASK, envelope.task())
				.lowCardinalityKeyValue(QUEUE, envelope.queue())
				.highCardinalityKeyValue(JOB_ID, envelope.id())
				.start();
		}

	}

}
