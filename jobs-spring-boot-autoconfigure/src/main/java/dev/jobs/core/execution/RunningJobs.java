package dev.jobs.core.execution;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jobs this worker is running now: which thread runs each, since when, and, once the engine
 * interrupts one, why. The {@link JobExecutor} enters a job just before its task is invoked and
 * removes it when the task ends; whoever needs to stop a job (shutdown, time limits,
 * cancellation) interrupts it here with a cause, and the executor settles the interrupted
 * attempt for that cause. A job that ignores the interrupt past its hard time limit is
 * abandoned: it leaves the running jobs and its thread counts as {@linkplain #stuck() stuck}
 * until it comes back.
 *
 * <p>An interrupt that does not come through this registry is the task's own business: if the
 * task then fails, its retry policy decides, as for any other exception.
 */
public final class RunningJobs {

	private final ConcurrentMap<String, RunningJob> running = new ConcurrentHashMap<>();

	/** Runs abandoned past their hard time limit whose threads have not come back. */
	private final Set<RunningJob> stuck = ConcurrentHashMap.newKeySet();

	/**
	 * Enters a job that starts on the calling thread.
	 * @param jobId the job id
	 * @param task the task name
	 * @param startedAt when it starts
	 * @return the entry, to be {@linkplain RunningJob#close() closed} when the task ends
	 */
	RunningJob start(String jobId, String task, Instant startedAt) {
		RunningJob job = new RunningJob(this, jobId, task, Thread.currentThread(), startedAt);
		this.running.put(jobId, job);
		return job;
	}

	/**
	 * The jobs running now.
	 * @return a snapshot of the entries
	 */
	public Collection<RunningJob> list() {
		return List.copyOf(this.running.values());
	}

	/**
	 * The entry of a running job.
	 * @param jobId the job id
	 * @return the entry, or empty if the job is not running here
	 */
	public Optional<RunningJob> find(String jobId) {
		return Optional.ofNullable(this.running.get(jobId));
	}

	/**
	 * Interrupts one running job.
	 * @param jobId the job id
	 * @param cause why
	 * @return {@code true} if the job was running here and had not been interrupted before
	 */
	public boolean interrupt(String jobId, InterruptCause cause) {
		RunningJob job = this.running.get(jobId);
		return job != null && job.interrupt(cause);
	}

	/**
	 * Interrupts every running job.
	 * @param cause why
	 * @return how many were interrupted
	 */
	public int interruptAll(InterruptCause cause) {
		int interrupted = 0;
		for (RunningJob job : this.running.values()) {
			interrupted += job.interrupt(cause) ? 1 : 0;
		}
		return interrupted;
	}

	/**
	 * How many threads run jobs the engine abandoned past their hard time limit and have not come
	 * back: each is a thread, and whatever it holds, that this instance will not get back.
	 * @return the count
	 */
	public int stuck() {
		return this.stuck.size();
	}

	/**
	 * The entries of the abandoned runs whose threads have not come back.
	 * @return a snapshot of the entries
	 */
	public Collection<RunningJob> listStuck() {
		return List.copyOf(this.stuck);
	}

	private void remove(RunningJob job) {
		this.running.remove(job.jobId(), job);
	}

	private void abandoned(RunningJob job) {
		this.stuck.add(job);
		this.running.remove(job.jobId(), job);
	}

	private void returned(RunningJob job) {
		this.stuck.remove(job);
	}

	/**
	 * One running job.
	 */
	public static final class RunningJob implements AutoCloseable {

		private final RunningJobs registry;

		private final String jobId;

		private final String task;

		private final Thread thread;

		private final Instant startedAt;

		private final AtomicReference<InterruptCause> cause = new AtomicReference<>();

		/** Held while interrupting, so an interrupt never reaches the thread after the task ended. */
		private final Object lock = new Object();

		private boolean ended;

		/** Guarded by {@link #lock}. */
		private boolean abandoned;

		private RunningJob(RunningJobs registry, String jobId, String task, Thread thread, Instant startedAt) {
			this.registry = registry;
			this.jobId = jobId;
			this.task = task;
			this.thread = thread;
			this.startedAt = startedAt;
		}

		/**
		 * The job id.
		 * @return the id
		 */
		public String jobId() {
			return this.jobId;
		}

		/**
		 * The task name.
		 * @return the task
		 */
		public String task() {
			return this.task;
		}

		/**
		 * The name of the thread that runs the job.
		 * @return the thread name
		 */
		public String threadName() {
			return this.thread.getName();
		}

		/**
		 * When the task started.
		 * @return the start
		 */
		public Instant startedAt() {
			return this.startedAt;
		}

		/**
		 * Why the engine interrupted the job.
		 * @return the cause, or empty if it was not interrupted
		 */
		public Optional<InterruptCause> interruptCause() {
			return Optional.ofNullable(this.cause.get());
		}

		private boolean interrupt(InterruptCause why) {
			synchronized (this.lock) {
				if (this.ended || !this.cause.compareAndSet(null, why)) {
					return false;
				}
				this.thread.interrupt();
				return true;
			}
		}

		/**
		 * Gives up on the run: its thread ignored the interrupt past the hard time limit. From now
		 * on the run's own end, if it comes, is not settled, and its thread counts as stuck until
		 * then.
		 * @return {@code true} if the run had not ended and was not abandoned before, so the
		 * caller settles its attempt; {@code false} if its own end is settled instead
		 */
		boolean abandon() {
			synchronized (this.lock) {
				if (this.ended || this.abandoned) {
					return false;
				}
				this.abandoned = true;
			}
			this.registry.abandoned(this);
			return true;
		}

		/**
		 * Whether the engine gave up on this run, so that whatever it ended with is not settled.
		 * @return {@code true} once abandoned
		 */
		boolean isAbandoned() {
			synchronized (this.lock) {
				return this.abandoned;
			}
		}

		/**
		 * Ends the entry once the task returned or threw; an interrupt that came too late is
		 * cleared from the thread, so it never reaches the next job the thread runs.
		 */
		@Override
		public void close() {
			boolean wasAbandoned;
			synchronized (this.lock) {
				this.ended = true;
				wasAbandoned = this.abandoned;
			}
			if (this.cause.get() != null) {
				Thread.interrupted();
			}
			if (wasAbandoned) {
				this.registry.returned(this);
			}
			this.registry.remove(this);
		}

	}

}
