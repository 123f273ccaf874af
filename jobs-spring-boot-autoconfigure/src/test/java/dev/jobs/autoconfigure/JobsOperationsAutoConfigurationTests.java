package dev.jobs.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.ReplayResult;
import dev.jobs.rabbit.RabbitQueueInspector;
import dev.jobs.rabbit.deadletter.RabbitDeadLetterQueue;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class JobsOperationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class));

	@Test
	void providesTheQueueInspectorAndTheDeadLetterQueue() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(RabbitQueueInspector.class)
			.hasSingleBean(RabbitDeadLetterQueue.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwn() {
		this.runner.withUserConfiguration(OwnPorts.class).run((context) -> {
			assertThat(context).hasSingleBean(QueueInspector.class).doesNotHaveBean(RabbitQueueInspector.class);
			assertThat(context).hasSingleBean(DeadLetterQueue.class).doesNotHaveBean(RabbitDeadLetterQueue.class);
		});
	}

	@Test
	void managementTimeoutThatIsNotPositiveFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("jobs.actuate.management.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jobs.actuate.management.timeout"));
	}

	@Test
	void negativeDepthCacheTimeToLiveFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("jobs.actuate.depth-cache-ttl=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jobs.actuate.depth-cache-ttl"));
	}

	@Test
	void zeroHealthTimeoutFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("jobs.actuate.health-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jobs.actuate.health-timeout"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPorts {

		@Bean
		QueueInspector ownInspector() {
			return () -> {
				throw new UnsupportedOperationException();
			};
		}

		@Bean
		DeadLetterQueue ownDeadLetters() {
			return new DeadLetterQueue() {

				@Override
				public List<DeadLetterEntry> browse(DeadLetterQuery query) {
					return List.of();
				}

				@Override
				public ReplayResult replay(DeadLetterQuery query) {
					return new ReplayResult(0, 0);
				}

				@Override
				public int purge(DeadLetterQuery query) {
					return 0;
				}

			};
		}

	}

}
