package dev.jobs.core.execution;

import java.time.Duration;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.slf4j.MDC;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.SnoozeJob;

/**
 * Tasks for the engine's unit tests, registered the way the application context registers
 * them; they record what ran so a test can tell whether a task ran at all.
 */
class ReportTasks {

	private final List<String> ran = new CopyOnWriteArrayList<>();

	private volatile JobContext context;

	private volatile Map<String, String> logContext;

	private volatile IOException thrown;

	private final CountDownLatch waiting = new CountDownLatch(1);

	List<String> ran() {
		return this.ran;
	}

	JobContext context() {
		return this.context;
	}

	Map<String, String> logContext() {
		return this.logContext;
	}

	IOException thrown() {
		return this.thrown;
	}

	@BackgroundTask(name = "render")
	String render(String title, int pages) {
		this.ran.add("render " + title);
		this.context = JobContext.current();
		this.logContext = MDC.getCopyOfContextMap();
		return title + " (" + pages + " pages)";
	}

	@BackgroundTask(name = "publish")
	void publish(String title) throws IOException {
		this.ran.add("publish " + title);
		this.thrown = new IOException("share for " + title + " is read-only");
		throw this.thrown;
	}

	/** Fails every attempt; its tests give it a policy of two attempts. */
	@BackgroundTask(name = "flaky")
	void flaky(String title) throws IOException {
		this.ran.add("flaky " + title);
		throw new IOException("printer of " + title + " is offline");
	}

	/** Returns a value whose getter throws, as an unloaded lazy entity does when it is written. */
	@BackgroundTask(name = "too-early")
	void tooEarly(String title) {
		this.ran.add("too-early " + title);
		throw SnoozeJob.of(Duration.ofMinutes(5));
	}

	@BackgroundTask(name = "snapshot")
	Unwritable snapshot(String title) {
		this.ran.add("snapshot " + title);
		return new Unwritable();
	}

	/** Waits until it is interrupted, or throws its own interrupt when told to. */
	@BackgroundTask(name = "wait")
	void waitForInterrupt(boolean selfInterrupt) throws InterruptedException {
		this.ran.add("wait " + selfInterrupt);
		this.waiting.countDown();
		if (selfInterrupt) {
			throw new InterruptedException("the task's own interrupt");
		}
		new CountDownLatch(1).await();
	}

	CountDownLatch waiting() {
		return this.waiting;
	}

	/** A result that cannot be written as JSON. */
	static final class Unwritable {

		public String getTitle() {
			throw new IllegalStateException("could not initialize proxy - no Session");
		}

	}

}
