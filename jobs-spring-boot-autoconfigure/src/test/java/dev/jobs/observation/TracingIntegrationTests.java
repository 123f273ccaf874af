package dev.jobs.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.JobFailedException;
import dev.jobs.JobHandle;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.ResultStore;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * One trace for a job's whole life, with a real tracer (Brave, through Micrometer Tracing and W3C
 * propagation, as Spring Boot sets it up) against the real RabbitMQ and Redis: a request enqueues
 * a job that fails twice, is dead-lettered, and succeeds when an operator replays it. The
 * enqueue is a child of the request's span, and each of the three runs a child of the enqueue,
 * in the same trace; the run's spans carry the task, queue and outcome, and the task runs in
 * its run's span (so its own spans and log lines are in the trace).
 */
class TracingIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

	private final Tracing tracing = Tracing.newBuilder()
		.currentTraceContext(ThreadLocalCurrentTraceContext.create())
		.propagationFactory(new W3CPropagation())
		.addSpanHandler(new SpanHandler() {
			@Override
			public boolean end(TraceContext context, MutableSpan span, Cause cause) {
				TracingIntegrationTests.this.spans.add(span);
				return true;
			}
		})
		.build();

	@AfterEach
	void cleanUp() {
		this.tracing.close();
		this.jobs.cleanUp();
	}

	@Test
	void enqueueEveryRetryTheDeadLetterAndTheReplayAreOneTrace() {
		ObservationRegistry registry = registry();
		this.jobs.worker()
			.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class))
			.withUserConfiguration(TaskConfiguration.class)
			.withBean(ObservationRegistry.class, () -> registry)
			.withPropertyValues("jobs.retry.default.max-attempts=2", "jobs.retry.default.initial-delay=100ms",
					"jobs.retry.default.jitter=false")
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				FailingTasks tasks = context.getBean(FailingTasks.class);
				Observation request = Observation.start("test.request", registry);
				JobHandle<String> handle;
				try (Observation.Scope scope = request.openScope()) {
					handle = jobs.enqueue(FailingTasks::failsTwice, "order-7");
				}
				request.stop();
				assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(TIMEOUT));

				DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);
				DeadLetterQuery thisJob = DeadLetterQuery.first(1).queue(this.jobs.queue()).ids(Set.of(handle.id()));
				await().atMost(TIMEOUT).until(() -> deadLetters.replay(thisJob).replayed() == 1);
				assertThat(jobs.handle(handle.id(), String.class).await(TIMEOUT)).isEqualTo("order-7 done");
				await().atMost(TIMEOUT).until(() -> named("run fails-twice").size() == 3);

				MutableSpan requestSpan = named("test.request").get(0);
				MutableSpan enqueue = named("enqueue fails-twice").get(0);
				List<MutableSpan> runs = named("run fails-twice");
				assertThat(enqueue.traceId()).isEqualTo(requestSpan.traceId());
				assertThat(enqueue.parentId()).isEqualTo(requestSpan.id());
				assertThat(enqueue.tag("jobs.task")).isEqualTo("fails-twice");
				assertThat(enqueue.tag("jobs.queue")).isEqualTo(this.jobs.queue());
				assertThat(runs).allSatisfy((run) -> {
					assertThat(run.traceId()).isEqualTo(requestSpan.traceId());
					assertThat(run.parentId()).isEqualTo(enqueue.id());
					assertThat(run.tag("jobs.id")).isEqualTo(handle.id());
				});
				assertThat(runs).extracting((run) -> run.tag("jobs.outcome"))
					.containsExactlyInAnyOrder("retry", "failure", "success");
				assertThat(runs).filteredOn((run) -> !"success".equals(run.tag("jobs.outcome")))
					.allSatisfy((run) -> assertThat(run.error()).isInstanceOf(IllegalStateException.class));
				assertThat(tasks.traceIdsSeenInTask()).containsOnly(requestSpan.traceId());
				assertThat(context.getBean(ResultStore.class).find(handle.id()))
					.as("the job's record, as the dashboard's job page shows it, names the trace (in W3C's 32 digits)")
					.hasValueSatisfying((record) -> assertThat(record.traceId())
						.isEqualTo("0".repeat(32 - requestSpan.traceId().length()) + requestSpan.traceId()));
			});
	}

	private List<MutableSpan> named(String name) {
		return this.spans.stream().filter((span) -> name.equals(span.name())).toList();
	}

	/** What Spring Boot's tracing auto-configuration registers, by hand. */
	private ObservationRegistry registry() {
		BraveTracer tracer = new BraveTracer(this.tracing.tracer(),
				new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());
		BravePropagator propagator = new BravePropagator(this.tracing);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

	static class FailingTasks {

		private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		private final Set<String> traceIds = ConcurrentHashMap.newKeySet();

		private final BraveTracerLookup tracer;

		FailingTasks(BraveTracerLookup tracer) {
			this.tracer = tracer;
		}

		@BackgroundTask(name = "fails-twice")
		String failsTwice(String order) {
			this.traceIds.add(this.tracer.currentTraceId());
			if (this.runs.computeIfAbsent(order, (any) -> new AtomicInteger()).incrementAndGet() <= 2) {
				throw new IllegalStateException("run " + JobContext.current().attempt() + " of " + order + " fails");
			}
			return order + " done";
		}

		Set<String> traceIdsSeenInTask() {
			return this.traceIds;
		}

	}

	/** The trace id of the span current on this thread. */
	interface BraveTracerLookup {

		String currentTraceId();

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		FailingTasks failingTasks() {
			return new FailingTasks(() -> {
				brave.Span span = Tracing.currentTracer().currentSpan();
				return (span != null) ? span.context().traceIdString() : "none";
			});
		}

	}

}
