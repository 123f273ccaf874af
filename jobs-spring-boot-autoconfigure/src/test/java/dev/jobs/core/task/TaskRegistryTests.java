package dev.jobs.core.task;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobs.UnknownTaskException;
import dev.jobs.VoidTaskMethod1;
import dev.jobs.core.envelope.ArgumentCodec;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The registry knows every task by one name: the local ones it runs and the remote ones it may
 * only enqueue.
 */
class TaskRegistryTests {

	private final TaskRegistry registry = new TaskRegistry(Map.of("billing.charge", "billing"));

	@Test
	void twoMethodsWithOneNameFailNamingBothMethods() throws Exception {
		this.registry.register(task("send-receipt", MailTasks.class.getDeclaredMethod("send", String.class)));

		assertThatIllegalStateException()
			.isThrownBy(() -> this.registry
				.register(task("send-receipt", SmsTasks.class.getDeclaredMethod("send", String.class))))
			.withMessageContaining("'send-receipt'")
			.withMessageContaining(MailTasks.class.getName() + ".send")
			.withMessageContaining(SmsTasks.class.getName() + ".send")
			.withMessageContaining("on bean 'tasks'")
			.withMessageContaining("@BackgroundTask(name");
	}

	/**
	 * Issue 10, item 7: two beans of one class declared every task of it twice, and the
	 * registry silently kept the first, so the second bean never ran a job.
	 */
	@Test
	void oneMethodOnTwoBeansFailsNamingBothBeansTheTaskAndTheFix() throws Exception {
		Method send = MailTasks.class.getDeclaredMethod("send", String.class);
		this.registry.register(task("send-receipt", "euMail", send));

		assertThatIllegalStateException()
			.isThrownBy(() -> this.registry.register(task("send-receipt", "usMail", send)))
			.withMessageContaining("Task 'send-receipt'")
			.withMessageContaining("two beans of one class, 'euMail' and 'usMail'")
			.withMessageContaining(MailTasks.class.getName() + ".send(java.lang.String)")
			.withMessageContaining("Define only one bean of " + MailTasks.class.getName())
			.withMessageContaining("@BackgroundTask(name = \"...\")");
	}

	/**
	 * Overloads share the default name {@code SimpleClassName.method}; the message must still
	 * say which two methods collide.
	 */
	@Test
	void twoOverloadsWithOneNameFailNamingBothSignatures() throws Exception {
		this.registry.register(task("MailTasks.send", MailTasks.class.getDeclaredMethod("send", String.class)));

		assertThatIllegalStateException()
			.isThrownBy(() -> this.registry
				.register(task("MailTasks.send", MailTasks.class.getDeclaredMethod("send", String.class, int.class))))
			.withMessageMatching("(?s).*send\\([^)]*String\\).*send\\([^)]*String, ?int\\).*");
	}

	@Test
	void registeringTheSameMethodAgainIsNotADuplicate() throws Exception {
		Method send = MailTasks.class.getDeclaredMethod("send", String.class);
		this.registry.register(task("send-receipt", send));

		this.registry.register(task("send-receipt", send));

		assertThat(this.registry.localTasks()).hasSize(1);
	}

	@Test
	void unknownNameListsTheKnownTasksAndTheRemedy() throws Exception {
		this.registry.register(task("send-receipt", MailTasks.class.getDeclaredMethod("send", String.class)));
		this.registry.register(task("send-sms", SmsTasks.class.getDeclaredMethod("send", String.class)));

		assertThatExceptionOfType(UnknownTaskException.class).isThrownBy(() -> this.registry.queueOf("send-reciept"))
			.satisfies((ex) -> assertThat(ex.getTaskName()).isEqualTo("send-reciept"))
			.withMessageContaining("'send-reciept'")
			.withMessageContaining("send-receipt")
			.withMessageContaining("send-sms")
			.withMessageContaining("jobs.tasks.send-reciept.queue");
	}

	@Test
	void remoteTaskFromConfigurationIsEnqueuedToItsQueueButNotRunHere() {
		assertThat(this.registry.queueOf("billing.charge")).isEqualTo("billing");
		assertThat(this.registry.find("billing.charge")).isEmpty();
	}

	@Test
	void localTaskIsFoundWithItsQueue() throws Exception {
		this.registry.register(task("send-receipt", MailTasks.class.getDeclaredMethod("send", String.class)));

		assertThat(this.registry.queueOf("send-receipt")).isEqualTo("mail");
		assertThat(this.registry.find("send-receipt")).hasValueSatisfying(
				(task) -> assertThat(task.methodDescription()).contains(MailTasks.class.getName()));
	}

	@Test
	void forMethodFindsATaskThroughTheInterfaceItsBeanClassImplements() throws Exception {
		TaskDefinition greet = task("greet", GreeterTasks.class.getDeclaredMethod("greet", String.class));
		this.registry.register(greet);

		assertThat(this.registry.forMethod(Greeter.class.getMethod("greet", String.class))).isSameAs(greet);
	}

	@Test
	void forMethodFindsATaskReferencedThroughItsInterfaceWithTheResolver() throws Exception {
		TaskDefinition greet = task("greet", GreeterTasks.class.getDeclaredMethod("greet", String.class));
		this.registry.register(greet);
		VoidTaskMethod1<Greeter, String> reference = Greeter::greet;

		assertThat(this.registry.forMethod(new TaskMethodResolver().resolve(reference))).isSameAs(greet);
	}

	/**
	 * The interface method of a generic interface takes {@code Object} where the bean's method
	 * takes the concrete type.
	 */
	@Test
	void forMethodFindsATaskThroughAGenericInterfaceItsBeanClassImplements() throws Exception {
		TaskDefinition handle = task("order-placed", OrderPlacedHandler.class.getDeclaredMethod("handle", String.class));
		this.registry.register(handle);

		assertThat(this.registry.forMethod(EventHandler.class.getMethod("handle", Object.class))).isSameAs(handle);
	}

	@Test
	void forMethodRejectsAMethodThatIsNotARegisteredTask() throws Exception {
		Method unregistered = SmsTasks.class.getDeclaredMethod("send", String.class);

		assertThatExceptionOfType(UnknownTaskException.class).isThrownBy(() -> this.registry.forMethod(unregistered))
			.withMessageContaining(SmsTasks.class.getName() + ".send")
			.withMessageContaining("@BackgroundTask");
	}

	private static TaskDefinition task(String name, Method method) {
		return task(name, "tasks", method);
	}

	private static TaskDefinition task(String name, String beanName, Method method) {
		return new TaskDefinition(name, "mail", beanName, () -> null, method,
				new ArgumentCodec(name, method, JobsJsonMapper.create()), RetryPolicy.none("default"), TaskKeys.NONE);
	}

	static class MailTasks {

		void send(String to) {
		}

		void send(String to, int retries) {
		}

	}

	static class SmsTasks {

		void send(String number) {
		}

	}

	interface Greeter {

		void greet(String name);

	}

	static class GreeterTasks implements Greeter {

		@Override
		public void greet(String name) {
		}

	}

	interface EventHandler<E> {

		void handle(E event);

	}

	static class OrderPlacedHandler implements EventHandler<String> {

		@Override
		public void handle(String orderId) {
		}

	}

}
