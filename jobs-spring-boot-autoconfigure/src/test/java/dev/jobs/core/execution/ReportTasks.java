package dev.jobs.core.execution;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;

/**
 * Tasks for the engine's unit tests, registered the way the application context registers
 * them; they record what ran so a test can tell whether a task ran at all.
 */
class ReportTasks {

	private final List<String> ran = new CopyOnWriteArrayList<>();

	private volatile JobContext context;

	private volatile IOException thrown;

	List<String> ran() {
		return this.ran;
	}

	JobContext context() {
		return this.context;
	}

	IOException thrown() {
		return this.thrown;
	}

	@BackgroundTask(name = "render")
	String render(String title, int pages) {
		this.ran.add("render " + title);
		this.context = JobContext.current();
		return title + " (" + pages + " pages)";
	}

	@BackgroundTask(name = "publish")
	void publish(String title) throws IOException {
		this.ran.add("publish " + title);
		this.thrown = new IOException("share for " + title + " is read-only");
		throw this.thrown;
	}

}
