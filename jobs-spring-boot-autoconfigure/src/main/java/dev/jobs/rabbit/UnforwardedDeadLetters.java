package dev.jobs.rabbit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.QueueSnapshot.StalledDeadLetters;

/**
 * Tells a quorum queue whose dead-lettering has stopped from one that is only busy. RabbitMQ
 * forwards a quorum queue's dead letters (at-least-once: a delay level's expired jobs, a job
 * queue's poison messages) with a worker process that runs beside the queue's leader; when
 * leadership moves twice in quick succession that worker can be left registered with no leader,
 * and the messages stay in the source queue, counted as {@code messages_dlx}, until the
 * leader changes again (rabbitmq-server pull requests 7677, 15548 and 16203). Delayed jobs and
 * retries then stop without an error anywhere.
 * <p>
 * A queue whose unforwarded count stays above zero without falling for the whole of the stall
 * time is reported, with a warning logged once per episode and a note when it ends. Forwarding
 * normally takes milliseconds, so a count that does not fall for a minute means the worker is
 * gone, not slow.
 */
final class UnforwardedDeadLetters {

	private static final Log logger = LogFactory.getLog(UnforwardedDeadLetters.class);

	private final Duration stallAfter;

	private final Map<String, Episode> episodes = new HashMap<>();

	/**
	 * A tracker that reports a queue after its count has not fallen for the given time.
	 * @param stallAfter how long a count above zero may stay without falling
	 */
	UnforwardedDeadLetters(Duration stallAfter) {
		this.stallAfter = stallAfter;
	}

	/**
	 * Takes one read of every queue's unforwarded count and answers the queues stalled now.
	 * @param counts unforwarded dead letters by broker queue name
	 * @param now when they were read
	 * @return the stalled queues, in the order given
	 */
	synchronized List<StalledDeadLetters> update(Map<String, Long> counts, Instant now) {
		List<StalledDeadLetters> stalled = new ArrayList<>();
		counts.forEach((queue, count) -> {
			Episode episode = next(queue, this.episodes.get(queue), count, now);
			if (episode == null) {
				this.episodes.remove(queue);
				return;
			}
			this.episodes.put(queue, episode);
			if (!Duration.between(episode.since(), now).minus(this.stallAfter).isNegative()) {
				if (!episode.reported()) {
					this.episodes.put(queue, episode.asReported());
					logger.warn("RabbitMQ has held " + count + " dead-lettered messages of queue '" + queue
							+ "' without forwarding them since " + episode.since() + ": its dead-letter worker is gone"
							+ " (a RabbitMQ fault after quick leader changes), so the delayed jobs or poison messages"
							+ " in it wait. Restart the node that leads the queue ('rabbitmq-queues quorum_status "
							+ queue + "' names it) so that a new leader starts a new worker; see docs/scaling.md");
				}
				stalled.add(new StalledDeadLetters(queue, count, episode.since()));
			}
		});
		return stalled;
	}

	private static Episode next(String queue, Episode episode, long count, Instant now) {
		boolean forwarding = episode != null && count < episode.count();
		if (forwarding && episode.reported()) {
			logger.info("RabbitMQ forwards the dead-lettered messages of queue '" + queue + "' again");
		}
		if (count <= 0) {
			return null;
		}
		if (episode == null || forwarding) {
			// None held before, or fewer than before: forwarding works, and an episode starts here.
			return new Episode(now, count, false);
		}
		return new Episode(episode.since(), count, episode.reported());
	}

	private record Episode(Instant since, long count, boolean reported) {

		Episode asReported() {
			return new Episode(this.since, this.count, true);
		}

	}

}
