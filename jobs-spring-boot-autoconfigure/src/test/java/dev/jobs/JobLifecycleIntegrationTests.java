package dev.jobs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A job's whole life against the real RabbitMQ and Redis: enqueue, delivery, execution, result.
 */
class JobLifecycleIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void typedArgumentsAndResultRoundTripExactly() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			Order order = new Order("order-7", List.of(new Line("sku-1", 2, new BigDecimal("10.50")),
					new Line("sku-2", 1, new BigDecimal("0.1000000000000000055511151231257827"))), Priority.HIGH,
					Instant.parse("2026-11-27T20:15:30.123456789Z"));
			Map<String, BigDecimal> adjustments = new LinkedHashMap<>();
			adjustments.put("discount", new BigDecimal("-1.00"));
			adjustments.put("shipping", new BigDecimal("4.990"));

			JobHandle<Invoice> handle = jobs.enqueue(OrderTasks::invoice, order, adjustments);

			Invoice invoice = handle.await(Duration.ofSeconds(20));
			assertThat(invoice.order()).isEqualTo(order);
			assertThat(invoice.adjustments()).isEqualTo(adjustments);
			assertThat(invoice.total()).isEqualByComparingTo("25.0900000000000000055511151231257827");
			assertThat(handle.status()).isEqualTo(JobStatus.SUCCESS);
			JobSnapshot<Invoice> snapshot = handle.snapshot();
			assertThat(snapshot.attempts()).isEqualTo(1);
			assertThat(snapshot.task()).isEqualTo("OrderTasks.invoice");
			assertThat(snapshot.startedAt()).isNotNull();
			assertThat(snapshot.finishedAt()).isAfterOrEqualTo(snapshot.startedAt());
		});
	}

	@Test
	void enqueueByNameRunsTheTaskAndDecodesByItsReturnType() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			JobHandle<Object> handle = context.getBean(Jobs.class).enqueue("count-words", "to be or not to be");

			assertThat(handle.await(Duration.ofSeconds(20))).isEqualTo(6);
		});
	}

	@Test
	void voidTaskCalledThroughItsBeanIsEnqueuedAndRunByTheWorker() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			OrderTasks tasks = context.getBean(OrderTasks.class);

			tasks.archive("order-9");

			await().atMost(Duration.ofSeconds(20)).until(() -> tasks.archived().contains("order-9"));
			assertThat(tasks.archiveThreads()).allSatisfy((thread) -> assertThat(thread).startsWith("jobs-"));
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void jobsRunOnVirtualThreadsWhenTheJvmHasThemAndTheyAreEnabled() {
		this.runner.worker()
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.withUserConfiguration(TaskConfiguration.class)
			.run((context) -> {
				JobHandle<Boolean> handle = context.getBean(Jobs.class).enqueue(OrderTasks::onVirtualThread);

				assertThat(handle.await(Duration.ofSeconds(20))).isTrue();
			});
	}

	@Test
	void expiredJobIsNotRunAndItsStatusSaysSo() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			OrderTasks tasks = context.getBean(OrderTasks.class);

			JobHandle<Integer> handle = jobs.with(JobOptions.defaults().expiresAt(Instant.now().minusSeconds(1)))
				.enqueue(OrderTasks::countWords, "never counted");

			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(Duration.ofSeconds(20)))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(JobStatus.EXPIRED));
			assertThat(handle.status()).isEqualTo(JobStatus.EXPIRED);
			assertThat(tasks.countCalls()).isZero();
		});
	}

	@Test
	void failingTaskEndsInFailureWithTheRemoteErrorAndTheDeadLetterQueue() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			JobHandle<Invoice> handle = context.getBean(Jobs.class)
				.enqueue(OrderTasks::invoice, new Order("bad", List.of(), Priority.LOW, Instant.now()), Map.of());

			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(Duration.ofSeconds(20)))
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(JobStatus.FAILURE);
					assertThat(ex.getError().type()).isEqualTo(IllegalArgumentException.class.getName());
					assertThat(ex.getError().message()).isEqualTo("order bad has no lines");
				});
			// Awaited: another reader of the shared dead-letter queue may hold the entry a moment.
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.runner.deadLetters()).singleElement()
					.satisfies((letter) -> assertThat(letter.header("x-jobs-id")).isEqualTo(handle.id())));
		});
	}

	@Test
	void handleFoundByIdReadsTheSameResultFromAnotherInstance() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((worker) -> {
			String id = worker.getBean(Jobs.class).enqueue(OrderTasks::countWords, "one two three").id();
			this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((producer) -> {
				JobHandle<Integer> handle = producer.getBean(Jobs.class).handle(id, Integer.class);
				assertThat(handle.await(Duration.ofSeconds(20))).isEqualTo(3);
			});
		});
	}

	@Test
	void awaitTimesOutWhileNoWorkerRuns() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			JobHandle<Integer> handle = context.getBean(Jobs.class).enqueue(OrderTasks::countWords, "waiting");

			assertThatExceptionOfType(JobAwaitTimeoutException.class)
				.isThrownBy(() -> handle.await(Duration.ofMillis(300)));
			assertThat(handle.status()).isEqualTo(JobStatus.PENDING);
		});
	}

	enum Priority {

		LOW, HIGH

	}

	record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

	record Order(String id, List<Line> lines, Priority priority, Instant placedAt) {
	}

	record Invoice(Order order, Map<String, BigDecimal> adjustments, BigDecimal total) {
	}

	/**
	 * Proxied, since it has a void task: tests read its state through methods, not fields.
	 */
	static class OrderTasks {

		private final AtomicInteger countCalls = new AtomicInteger();

		private final List<String> archived = new CopyOnWriteArrayList<>();

		private final List<String> archiveThreads = new CopyOnWriteArrayList<>();

		int countCalls() {
			return this.countCalls.get();
		}

		List<String> archived() {
			return this.archived;
		}

		List<String> archiveThreads() {
			return this.archiveThreads;
		}

		@BackgroundTask
		Invoice invoice(Order order, Map<String, BigDecimal> adjustments) {
			if (order.lines().isEmpty()) {
				throw new IllegalArgumentException("order " + order.id() + " has no lines");
			}
			BigDecimal total = order.lines()
				.stream()
				.map((line) -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			return new Invoice(order, adjustments,
					adjustments.values().stream().reduce(total, BigDecimal::add));
		}

		@BackgroundTask(name = "count-words")
		int countWords(String text) {
			this.countCalls.incrementAndGet();
			return text.split("\\s+").length;
		}

		@BackgroundTask
		boolean onVirtualThread() throws ReflectiveOperationException {
			// Thread.isVirtual() is Java 21 API; this module compiles for Java 17.
			return (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
		}

		@BackgroundTask
		void archive(String orderId) {
			this.archived.add(orderId);
			this.archiveThreads.add(Thread.currentThread().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		OrderTasks orderTasks() {
			return new OrderTasks();
		}

	}

}
