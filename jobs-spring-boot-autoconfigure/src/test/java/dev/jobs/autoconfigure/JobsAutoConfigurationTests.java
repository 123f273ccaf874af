package dev.jobs.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.jobs.ClosedPorts;
import dev.jobs.BackgroundTask;
import dev.jobs.Jobs;
import dev.jobs.core.client.JobEnqueuer;
import dev.jobs.core.client.PublishSettings;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.execution.JobWorker;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.rabbit.JobsRabbitConnections;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration as an application meets it: what it creates, what it leaves to the
 * application, and how it refuses configuration that cannot work.
 *
 * <p>RabbitMQ and Redis are pointed at a port nothing listens on: creating the beans must not
 * need either, so a context that starts here proves that no bean connects eagerly.
 */
class JobsAutoConfigurationTests {

	private static final int CLOSED_PORT = ClosedPorts.any();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class))
		.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + CLOSED_PORT,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + CLOSED_PORT,
				"jobs.worker.shutdown-timeout=1s");

	@Test
	void producerStartsWithoutReachingRabbitOrRedis() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(Jobs.class)
				.hasSingleBean(TaskRegistry.class)
				.hasSingleBean(JobPublisher.class)
				.hasSingleBean(ResultStore.class)
				.hasSingleBean(JobRecords.class);
			assertThat(context.getBean(JobRecords.class)).isSameAs(context.getBean(ResultStore.class));
		});
	}

	/**
	 * Boot connects to the listed addresses in order, so every instance would sit on the first
	 * node; the starter's own connections shuffle them unless the application chose a mode.
	 */
	@Test
	void starterConnectionsShuffleTheAddressesUnlessTheApplicationChoseAMode() {
		this.runner.withPropertyValues("spring.rabbitmq.addresses=127.0.0.1:" + CLOSED_PORT + ",127.0.0.2:" + CLOSED_PORT)
			.run((context) -> {
				JobsRabbitConnections connections = context.getBean(JobsRabbitConnections.class);
				assertThat(shuffleMode(connections.publisher())).isEqualTo(AddressShuffleMode.RANDOM);
				assertThat(shuffleMode(connections.worker())).isEqualTo(AddressShuffleMode.RANDOM);
				assertThat(shuffleMode(context.getBean(CachingConnectionFactory.class)))
					.isEqualTo(AddressShuffleMode.NONE);
			});
		this.runner.withPropertyValues("spring.rabbitmq.address-shuffle-mode=inorder").run((context) -> {
			JobsRabbitConnections connections = context.getBean(JobsRabbitConnections.class);
			assertThat(shuffleMode(connections.publisher())).isEqualTo(AddressShuffleMode.INORDER);
			assertThat(shuffleMode(connections.worker())).isEqualTo(AddressShuffleMode.INORDER);
		});
		this.runner.withPropertyValues("spring.rabbitmq.address-shuffle-mode=none")
			.run((context) -> assertThat(shuffleMode(context.getBean(JobsRabbitConnections.class).publisher()))
				.isEqualTo(AddressShuffleMode.NONE));
	}

	private static Object shuffleMode(CachingConnectionFactory factory) {
		return ReflectionTestUtils.getField(factory, "addressShuffleMode");
	}

	@Test
	void whenNoWorkerQueuesThenNoWorker() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JobConsumers.class)
			.doesNotHaveBean(JobWorker.class)
			.doesNotHaveBean(DeadLetterPublisher.class));
	}

	@Test
	void whenEmptyWorkerQueuesThenNoWorker() {
		this.runner.withPropertyValues("jobs.worker.queues=")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobConsumers.class));
	}

	@Test
	void whenWorkerQueuesAreSetThenTheWorkerIsCreated() {
		this.runner.withPropertyValues("jobs.worker.queues=reports,mail").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(JobConsumers.class)
				.hasSingleBean(JobWorker.class)
				.hasSingleBean(DeadLetterPublisher.class);
		});
	}

	@Test
	void whenTheApplicationDefinesJobsThenTheStarterBacksOff() {
		this.runner.withUserConfiguration(OwnJobsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Jobs.class);
			assertThat(context.getBean(Jobs.class)).isSameAs(context.getBean("ownJobs"));
		});
	}

	static Stream<Arguments> badProperties() {
		return Stream.of(Arguments.of(List.of("jobs.queues.reports.concurrency=0"), "jobs.queues.reports.concurrency"),
				Arguments.of(List.of("jobs.queues.reports.prefetch=0"), "jobs.queues.reports.prefetch"),
				Arguments.of(List.of("jobs.queues.reports.delivery-limit=0"), "jobs.queues.reports.delivery-limit"),
				Arguments.of(List.of("jobs.worker.shutdown-timeout=-5s"), "jobs.worker.shutdown-timeout"),
				Arguments.of(List.of("jobs.publish.confirm-timeout=-1s"), "jobs.publish.confirm-timeout"),
				Arguments.of(List.of("jobs.publish.confirm-timeout=0s"), "jobs.publish.confirm-timeout"),
				Arguments.of(List.of("jobs.results.ttl=0s"), "jobs.results.ttl"),
				Arguments.of(List.of("jobs.results.started-after=-1ms"), "jobs.results.started-after"),
				Arguments.of(List.of("jobs.queues.reports.type=quorum", "jobs.queues.reports.max-priority=5"),
						"jobs.queues.reports.max-priority"),
				Arguments.of(List.of("jobs.queues.reports.type=classic", "jobs.queues.reports.max-priority=256"),
						"jobs.queues.reports.max-priority"),
				Arguments.of(List.of("jobs.queues.reports.type=lazy"), "jobs.queues.reports.type"),
				Arguments.of(List.of("jobs.default-queue=daily reports"), "jobs.default-queue"),
				Arguments.of(List.of("jobs.rabbit.prefix=amq.jobs"), "jobs.rabbit.prefix"),
				Arguments.of(List.of("jobs.rabbit.prefix=my jobs"), "jobs.rabbit.prefix"),
				Arguments.of(List.of("jobs.rabbit.prefix=jobs."), "jobs.rabbit.prefix"),
				Arguments.of(List.of("jobs.worker.queues=reports,mail/outbox"), "jobs.worker.queues"),
				Arguments.of(List.of("jobs.tasks.send-receipt.queue=mail*"), "jobs.tasks.send-receipt.queue"),
				Arguments.of(List.of("jobs.queues[mail*].concurrency=2"), "jobs.queues.mail*"),
				Arguments.of(List.of("jobs.retry.default.max-attempts=0"), "jobs.retry.default.max-attempts"),
				Arguments.of(List.of("jobs.retry.default.initial-delay=-1s"), "jobs.retry.default.initial-delay"),
				Arguments.of(List.of("jobs.retry.policies.webhook.max-delay=-10m"),
						"jobs.retry.policies.webhook.max-delay"),
				Arguments.of(List.of("jobs.retry.policies.payment.delays=10s,-60s"),
						"jobs.retry.policies.payment.delays"),
				Arguments.of(List.of("jobs.retry.policies.webhook.multiplier=0.5"),
						"jobs.retry.policies.webhook.multiplier"),
				Arguments.of(List.of("jobs.retry.policies.webhook.retry-on=com.example.NoSuchException"),
						"jobs.retry.policies.webhook.retry-on"),
				Arguments.of(List.of("jobs.retry.default.no-retry-on=java.lang.String"), "jobs.retry.default.no-retry-on"),
				Arguments.of(List.of("jobs.retry.policies.webhook.max-attempts=3", "jobs.tasks.send-receipt.retry=webhok",
						"jobs.tasks.send-receipt.queue=mail"), "jobs.tasks.send-receipt.retry"),
				Arguments.of(List.of("jobs.tasks.sned-receipt.retry=default"), "jobs.tasks"),
				Arguments.of(List.of("jobs.tasks.MailTasks.send.retry=default"), "jobs.tasks[MailTasks.send].retry"),
				Arguments.of(List.of("jobs.schedules.reports.daily.every=1h"), "jobs.schedules[reports.daily].every"),
				Arguments.of(List.of("jobs.schedules.nightly.cron=@daily"), "jobs.schedules.nightly.task"),
				Arguments.of(List.of("jobs.schedules.nightly.task=t", "jobs.schedules.nightly.every=0s"),
						"jobs.schedules.nightly.every"),
				Arguments.of(List.of("jobs.schedules.nightly.task=t", "jobs.schedules.nightly.every=1h",
						"jobs.schedules.nightly.max-instances=0"), "jobs.schedules.nightly.max-instances"),
				Arguments.of(List.of("jobs.schedules.nightly.task=t", "jobs.schedules.nightly.every=1h",
						"jobs.schedules.nightly.misfire-grace=-1m"), "jobs.schedules.nightly.misfire-grace"),
				Arguments.of(List.of("jobs.retry.policies.webhook.max-delay=60d"), "jobs.retry.policies.webhook.max-delay"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badProperties")
	void badPropertyFailsStartUpNamingTheProperty(List<String> properties, String property) {
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(property);
		});
	}

	@Test
	void unknownRetryPolicyOnTheAnnotationFailsStartUpNamingTheMethodAndTheKnownPolicies() {
		this.runner.withPropertyValues("jobs.retry.policies.webhook.max-attempts=3")
			.withUserConfiguration(MisspeltPolicyConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("no retry policy named 'webhok'")
					.hasStackTraceContaining(MisspeltPolicyTasks.class.getName() + ".send")
					.hasStackTraceContaining("known: default, webhook");
			});
	}

	@Test
	void yamlRetryPolicyWinsOverTheAnnotation() {
		this.runner
			.withPropertyValues("jobs.retry.policies.webhook.max-attempts=3", "jobs.retry.policies.patient.max-attempts=9",
					"jobs.tasks.hook.retry=patient")
			.withUserConfiguration(HookTaskConfiguration.class)
			.run((context) -> assertThat(context.getBean(TaskRegistry.class).find("hook"))
				.hasValueSatisfying((task) -> assertThat(task.retry().maxAttempts()).isEqualTo(9)));
	}

	@Test
	void twoTaskMethodsWithOneNameFailStartUpNamingBothMethods() {
		this.runner.withUserConfiguration(DuplicateTaskConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("'send-receipt'")
				.hasMessageContaining(MailTasks.class.getName() + ".send")
				.hasMessageContaining(SmsTasks.class.getName() + ".send")
				.hasMessageContaining("bean 'mailTasks'")
				.hasMessageContaining("bean 'smsTasks'");
		});
	}

	/**
	 * Issue 10, item 7: with two beans of one class the registry kept the first bean's tasks
	 * and dropped the second's without a word.
	 */
	@Test
	void twoBeansOfOneTaskClassFailStartUpNamingBothBeansTheTaskAndTheFix() {
		this.runner.withUserConfiguration(TwoMailTasksConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Task 'send-receipt'")
				.hasMessageContaining("'euMailTasks' and 'usMailTasks'")
				.hasMessageContaining("Define only one bean of " + MailTasks.class.getName());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnJobsConfiguration {

		@Bean
		Jobs ownJobs(TaskRegistry registry, JobPublisher publisher, ResultStore results, JobCodecs codecs) {
			return new JobEnqueuer(registry, publisher, results, codecs.mapper(),
					new PublishSettings(Duration.ofSeconds(2), false), JobRecords.NONE, JobObserver.NONE,
					Clock.systemUTC());
		}

	}

	static class MailTasks {

		@BackgroundTask(name = "send-receipt")
		String send(String orderId) {
			return orderId;
		}

	}

	static class SmsTasks {

		@BackgroundTask(name = "send-receipt")
		String send(String orderId) {
			return orderId;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoMailTasksConfiguration {

		@Bean
		MailTasks euMailTasks() {
			return new MailTasks();
		}

		@Bean
		MailTasks usMailTasks() {
			return new MailTasks();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateTaskConfiguration {

		@Bean
		MailTasks mailTasks() {
			return new MailTasks();
		}

		@Bean
		SmsTasks smsTasks() {
			return new SmsTasks();
		}

	}


	static class MisspeltPolicyTasks {

		@BackgroundTask(retry = "webhok")
		void send(String url) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MisspeltPolicyConfiguration {

		@Bean
		MisspeltPolicyTasks misspeltPolicyTasks() {
			return new MisspeltPolicyTasks();
		}

	}

	static class HookTasks {

		@BackgroundTask(name = "hook", retry = "webhook")
		void send(String url) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HookTaskConfiguration {

		@Bean
		HookTasks hookTasks() {
			return new HookTasks();
		}

	}

}
