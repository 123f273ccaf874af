package dev.jobs.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.EnqueuedJob;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.JobOutbox;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves jobs from the {@linkplain JobOutbox outbox} to the broker, so that a job enqueued in a
 * transaction exists exactly when the transaction commits. The life of one row:
 * <ol>
 * <li>an enqueue inside a transaction {@linkplain #stage stages} the job: its row is written in
 * the caller's transaction, and nothing is published yet, so a rollback leaves no trace;</li>
 * <li>the commit wakes this instance's relay thread, which takes a batch of due rows (rows that
 * another instance's relay holds are skipped, not waited for), publishes them and waits for the
 * broker's confirms, at most the confirm timeout;</li>
 * <li>a confirmed row is marked published and its job gets its {@code PENDING} record and its
 * observers' call, as a direct enqueue does after its confirm;</li>
 * <li>a row the broker did not confirm (it is down, refused the message, or was too slow) stays
 * in the outbox and is taken again after a backoff that grows to at most
 * {@link #MAX_BACKOFF}; rows are never given up, so a commit always ends in a job;</li>
 * <li>published rows are deleted once older than the retention.</li>
 * </ol>
 * A row confirmed by the broker whose mark did not reach the database (the relay died between
 * the two) is published again, with the same job id: delivery stays at-least-once, as it is for
 * a worker that dies before its ack.
 */
public final class OutboxRelay implements SmartLifecycle {

	/** The most rows taken per round, so that one round holds its rows for one confirm wait. */
	static final int BATCH = 200;

	/** The first wait after a round that could not publish everything. */
	static final Duration MIN_BACKOFF = Duration.ofMillis(500);

	/** The longest wait between rounds while the broker or the database is failing. */
	static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	/** How often an idle relay looks for rows that another instance committed or left behind. */
	static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	/** How often published rows past the retention are deleted. */
	static final Duration CLEAN_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private final JobOutbox outbox;

	private final JobPublisher publisher;

	private final Told told;

	private final Duration confirmTimeout;

	private final Duration retention;

	private final Clock clock;

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile CountDownLatch stopped = new CountDownLatch(0);

	private volatile Thread thread;

	private Duration backoff = MIN_BACKOFF;

	private Instant nextClean = Instant.MIN;

	/**
	 * A relay.
	 * @param outbox the outbox
	 * @param publisher the broker port
	 * @param records given the {@code PENDING} record of every confirmed job
	 * @param observer told of every confirmed job
	 * @param confirmTimeout how long one round waits for the broker's confirms
	 * @param retention how long published rows are kept
	 * @param clock the clock
	 */
	public OutboxRelay(JobOutbox outbox, JobPublisher publisher, JobRecords records, JobObserver observer,
			Duration confirmTimeout, Duration retention, Clock clock) {
		this.outbox = outbox;
		this.publisher = publisher;
		this.told = new Told(records, observer);
		this.confirmTimeout = confirmTimeout;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Writes jobs to the outbox in the calling thread's transaction, and wakes the relay when it
	 * commits.
	 * @param envelopes the jobs
	 * @throws IllegalStateException if the calling thread has no transaction on the outbox's database
	 */
	public void stage(List<JobEnvelope> envelopes) {
		this.outbox.store(envelopes);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				wake();
			}
		});
	}

	/** Makes the relay look at the outbox now instead of at its next poll. */
	void wake() {
		// One permit is enough however many commits arrive before the relay looks.
		if (this.wakeUp.availablePermits() == 0) {
			this.wakeUp.release();
		}
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.stopped = new CountDownLatch(1);
		Thread relay = new Thread(this::run, "jobs-outbox-relay");
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
	}

	@Override
	public synchronized void stop() {
		Thread relay = this.thread;
		if (relay == null) {
			return;
		}
		this.thread = null;
		this.stopped.countDown();
		wake();
		try {
			// A round in flight ends within its confirm wait; its rows stay for the next start.
			relay.join(this.confirmTimeout.plusSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		while (this.stopped.getCount() > 0) {
			boolean caughtUp;
			try {
				caughtUp = round();
			}
			catch (RuntimeException ex) {
				// The database is unreachable: the rows are safe in it, so try again later.
				logger.warn("Outbox relay could not read the outbox (" + ex.getMessage() + "); trying again in "
						+ this.backoff);
				logger.debug("Outbox relay failure", ex);
				this.backoff = min(this.backoff.multipliedBy(2), MAX_BACKOFF);
				caughtUp = false;
			}
			if (!await(caughtUp)) {
				return;
			}
		}
	}

	/**
	 * Relays one batch and cleans if it is time.
	 * @return whether every row taken was confirmed and fewer than a batch were due
	 */
	boolean round() {
		Round round = new Round();
		int taken = this.outbox.relay(BATCH, this.backoff, round::publish);
		cleanIfDue();
		if (round.failed) {
			this.backoff = min(this.backoff.multipliedBy(2), MAX_BACKOFF);
			return false;
		}
		this.backoff = MIN_BACKOFF;
		return taken < BATCH;
	}

	private void cleanIfDue() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextClean)) {
			return;
		}
		this.nextClean = now.plus(CLEAN_INTERVAL);
		int deleted = this.outbox.clean(now.minus(this.retention));
		if (deleted > 0 && logger.isDebugEnabled()) {
			logger.debug("Outbox relay deleted " + deleted + " published rows older than " + this.retention);
		}
	}

	/**
	 * Waits before the next round: not at all when a full batch was relayed, until a commit
	 * wakes it or the poll interval passes when caught up, and for the backoff (deaf to commits,
	 * which cannot make a broken broker work) after a failure.
	 * @return {@code false} once the relay is stopped
	 */
	private boolean await(boolean caughtUp) {
		try {
			if (caughtUp) {
				this.wakeUp.tryAcquire(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
				this.wakeUp.drainPermits();
			}
			else if (this.backoff.compareTo(MIN_BACKOFF) > 0) {
				return !this.stopped.await(this.backoff.toMillis(), TimeUnit.MILLISECONDS);
			}
			return this.stopped.getCount() > 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** One round's publish, remembering whether anything stayed unconfirmed. */
	private final class Round {

		private boolean failed;

		Set<String> publish(List<JobEnvelope> due) {
			if (due.isEmpty()) {
				return Set.of();
			}
			List<CompletableFuture<Void>> confirms;
			try {
				confirms = OutboxRelay.this.publisher.publishAll(due);
			}
			catch (RuntimeException ex) {
				this.failed = true;
				logger.warn("Outbox relay could not publish " + due.size() + " jobs (" + ex.getMessage()
						+ "); they stay in the outbox and are published again in " + OutboxRelay.this.backoff);
				return Set.of();
			}
			awaitConfirms(confirms);
			List<JobEnvelope> confirmed = new ArrayList<>(due.size());
			for (int i = 0; i < due.size(); i++) {
				CompletableFuture<Void> confirm = confirms.get(i);
				if (confirm.isDone() && !confirm.isCompletedExceptionally()) {
					confirmed.add(due.get(i));
				}
			}
			if (confirmed.size() < due.size()) {
				this.failed = true;
				logger.warn("Outbox relay: the broker confirmed " + confirmed.size() + " of " + due.size()
						+ " jobs; the others stay in the outbox and are published again in "
						+ OutboxRelay.this.backoff);
			}
			OutboxRelay.this.told.confirmed(confirmed);
			Set<String> ids = new HashSet<>();
			confirmed.forEach((envelope) -> ids.add(envelope.id()));
			return ids;
		}

		private void awaitConfirms(List<CompletableFuture<Void>> confirms) {
			try {
				CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
					.get(OutboxRelay.this.confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				// Some failed or are late: each future says which, and only those stay.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** Who hears of a job once the broker confirmed it, as after a direct enqueue. */
	private record Told(JobRecords records, JobObserver observer) {

		void confirmed(List<JobEnvelope> envelopes) {
			if (envelopes.isEmpty()) {
				return;
			}
			this.records.pending(envelopes);
			envelopes.forEach((envelope) -> this.observer.enqueued(EnqueuedJob.of(envelope)));
		}

	}

}
