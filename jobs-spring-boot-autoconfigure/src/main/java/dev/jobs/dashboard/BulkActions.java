package dev.jobs.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Runs bulk actions (replay or delete a group of dead letters) off the request thread, one at a
 * time, in chunks, so that the page that started one can poll its progress:
 * <ol>
 * <li>{@link #start} registers the action with its total and returns its id at once;</li>
 * <li>the action's thread works through the ids a chunk at a time, counting what each chunk
 * did;</li>
 * <li>it ends {@code DONE} with its counts, or {@code FAILED} with the error, having done the
 * chunks before it.</li>
 * </ol>
 * The last {@value #KEPT} actions are kept for their pages; nothing survives a restart (the audit
 * trail does).
 */
final class BulkActions implements AutoCloseable {

	/** Entries a chunk hands to the dead-letter queue at once. */
	static final int CHUNK = 500;

	private static final int KEPT = 50;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "jobs-dashboard-bulk");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, Progress> actions = new ConcurrentHashMap<>();

	private final AtomicInteger sequence = new AtomicInteger();

	/**
	 * Starts an action over the given ids.
	 * @param description what it does, for its page
	 * @param ids the job ids it acts on
	 * @param chunk acts on one chunk of ids and answers how many it changed
	 * @param done told once the action ended, with how many it changed
	 * @return the action's progress, registered before it starts
	 */
	Progress start(String description, List<String> ids, ToIntFunction<List<String>> chunk,
			java.util.function.IntConsumer done) {
		Progress progress = new Progress(Integer.toString(this.sequence.incrementAndGet()), description, ids.size());
		this.actions.put(progress.id(), progress);
		forgetOld();
		this.executor.execute(() -> {
			try {
				for (int from = 0; from < ids.size(); from += CHUNK) {
					List<String> slice = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
					progress.advance(slice.size(), chunk.applyAsInt(slice));
				}
				progress.end("DONE", null);
			}
			catch (RuntimeException ex) {
				progress.end("FAILED", ex.getMessage());
			}
			finally {
				done.accept(progress.changed());
			}
		});
		return progress;
	}

	/**
	 * An action's progress.
	 * @param id its id
	 * @return its progress, or empty if it is unknown or forgotten
	 */
	Optional<Progress> find(String id) {
		return Optional.ofNullable(this.actions.get(id));
	}

	private void forgetOld() {
		if (this.actions.size() > KEPT) {
			this.actions.values()
				.stream()
				.filter((action) -> !"RUNNING".equals(action.state()))
				.min(java.util.Comparator.comparing(Progress::startedAt))
				.ifPresent((oldest) -> this.actions.remove(oldest.id()));
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * How far one action got. Read by request threads while the action's thread writes it.
	 */
	static final class Progress {

		private final String id;

		private final String description;

		private final int total;

		private final Instant startedAt = Instant.now();

		private volatile int processed;

		private volatile int changed;

		private volatile String state = "RUNNING";

		private volatile String error;

		Progress(String id, String description, int total) {
			this.id = id;
			this.description = description;
			this.total = total;
		}

		synchronized void advance(int processed, int changed) {
			this.processed += processed;
			this.changed += changed;
		}

		void end(String state, String error) {
			this.error = error;
			this.state = state;
		}

		String id() {
			return this.id;
		}

		String description() {
			return this.description;
		}

		int total() {
			return this.total;
		}

		int processed() {
			return this.processed;
		}

		int changed() {
			return this.changed;
		}

		String state() {
			return this.state;
		}

		String error() {
			return this.error;
		}

		Instant startedAt() {
			return this.startedAt;
		}

		Map<String, Object> json() {
			Map<String, Object> json = new java.util.LinkedHashMap<>();
			json.put("id", this.id);
			json.put("description", this.description);
			json.put("total", this.total);
			json.put("processed", this.processed);
			json.put("changed", this.changed);
			json.put("state", this.state);
			json.put("error", this.error);
			return json;
		}

	}

}
