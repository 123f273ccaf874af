package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.envelope.MalformedJobException;
import dev.jobs.core.guard.ExpiryGuard;
import dev.jobs.core.port.Acknowledgement;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.SettledDelivery;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.retry.RetryPolicy;
import dev.jobs.core.task.BackgroundTaskScanner;
import dev.jobs.core.task.TaskInvoker;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.core.task.TaskSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives in a job queue, the worker ends it: 10,000 bodies made from valid messages
 * (written by the real codec) by flipping bytes, truncating, splicing, replacing each field with
 * random JSON (huge numbers, deep nesting, wrong types), breaking the UTF-8, or made of random
 * bytes, go through the real {@code EnvelopeCodec} and {@link JobWorker} with in-memory stores.
 * No exception escapes either, and every delivery is acknowledged, a dead-lettered one with a
 * reason; none is given back to loop.
 *
 * <p>The seed is fixed and printed; run other seeds, or replay one, with
 * {@code -Djobs.fuzz.seed=<seed>}.
 */
class MessageFuzzTests {

	private static final int MESSAGES = 10_000;

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private static final String QUEUE = "fuzz";

	private final JobCodecs codecs = JobCodecs.create();

	private final JsonMapper mapper = this.codecs.mapper();

	private final TaskRegistry registry = new TaskRegistry(Map.of());

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final InMemoryResultStore results = new InMemoryResultStore(this.events);

	private final RecordingDeadLetterPublisher deadLetters = new RecordingDeadLetterPublisher(this.events);

	private final JobWorker worker;

	MessageFuzzTests() {
		new BackgroundTaskScanner(this.registry, this.mapper,
				new TaskSettings(QUEUE, Map.of(), Map.of(), new RetryPolicies(RetryPolicy.none("default"), Map.of())))
			.postProcessAfterInitialization(new FuzzedBodies.FuzzTasks(), "fuzzTasks");
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		JobObserver observer = new JobObserver() {
			@Override
			public void settled(SettledDelivery delivery) {
			}
		};
		this.worker = new JobWorker(
				new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(), this.results,
						List.of(new ExpiryGuard()), new RunningJobs(), clock),
				new JobWorker.Ports(this.results, this.deadLetters, (copy) -> CompletableFuture.completedFuture(null),
						Duration.ofSeconds(1), Duration.ofMillis(10), new FailureListeners(List.of()), observer),
				clock);
	}

	@Test
	void everyRandomOrMutatedMessageIsAcknowledgedOrDeadLetteredWithAReasonAndNothingEscapes() {
		long seed = Long.getLong("jobs.fuzz.seed", 20261202L);
		System.out.println("MessageFuzzTests seed=" + seed + " (replay: -Djobs.fuzz.seed=" + seed + ")");
		FuzzedBodies bodies = new FuzzedBodies(this.codecs, QUEUE, NOW, seed);
		Map<String, Integer> outcomes = new TreeMap<>();
		Map<String, Integer> mutations = new TreeMap<>();
		for (int i = 0; i < MESSAGES; i++) {
			FuzzedBodies.Fuzzed fuzzed = bodies.next();
			mutations.merge(fuzzed.mutation().name(), 1, Integer::sum);
			outcomes.merge(settle(fuzzed.body(), "message " + i + " (seed " + seed + ", " + fuzzed.describe() + ")"), 1,
					Integer::sum);
		}
		System.out.println("MessageFuzzTests mutations " + mutations);
		System.out.println("MessageFuzzTests outcomes " + outcomes);

		assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(MESSAGES);
		// The fuzz reaches every stage of the worker, not only the parser.
		assertThat(outcomes).containsKeys("success", "dead MALFORMED", "dead UNKNOWN_TASK", "dead ARGUMENT_TYPE");
	}

	/**
	 * Decodes the body and hands it to the worker; says how it ended.
	 * @return the outcome's tag, with the dead letter's reason where it was dead-lettered
	 */
	private String settle(byte[] body, String context) {
		try {
			this.codecs.envelopes().decode(body);
		}
		catch (MalformedJobException ex) {
			// What the decoder may throw, and nothing else.
		}
		int lettersBefore = this.deadLetters.letters().size();
		Outcome outcome = this.worker.handle(new InboundJob(body, QUEUE, false, 0, 0)).join();
		assertThat(outcome.kind().acknowledgement()).as(context).isEqualTo(Acknowledgement.ACK);
		List<DeadLetter> letters = this.deadLetters.letters();
		if (outcome instanceof Outcome.Rejected || outcome instanceof Outcome.Failed) {
			assertThat(letters).as(context).hasSize(lettersBefore + 1);
			DeadLetter letter = letters.get(letters.size() - 1);
			assertThat(letter.reason()).as(context).isNotNull();
			assertThat(letter.body()).as(context).isEqualTo(body);
			return "dead " + letter.reason();
		}
		assertThat(letters).as(context).hasSize(lettersBefore);
		return outcome.kind().tag();
	}

}
