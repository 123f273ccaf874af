package dev.jobs.core.task;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import dev.jobs.TaskMethod1;
import dev.jobs.TaskMethod2;
import dev.jobs.VoidTaskMethod0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A job names its task through a method reference; the resolver finds the very method meant,
 * and refuses code it cannot name.
 */
class TaskMethodResolverTests {

	private final TaskMethodResolver resolver = new TaskMethodResolver();

	@Test
	void resolvesEachOverloadByItsSignature() throws Exception {
		TaskMethod1<MailTasks, String, String> one = MailTasks::send;
		TaskMethod2<MailTasks, String, Integer, String> two = MailTasks::send;

		assertThat(this.resolver.resolve(one)).isEqualTo(MailTasks.class.getDeclaredMethod("send", String.class));
		assertThat(this.resolver.resolve(two))
			.isEqualTo(MailTasks.class.getDeclaredMethod("send", String.class, int.class));
	}

	@Test
	void resolvesAVoidMethod() throws Exception {
		VoidTaskMethod0<MailTasks> purge = MailTasks::purge;

		assertThat(this.resolver.resolve(purge)).isEqualTo(MailTasks.class.getDeclaredMethod("purge"));
	}

	@Test
	void resolvesAMethodInheritedFromASuperclass() throws Exception {
		TaskMethod1<UrgentMailTasks, String, String> inherited = UrgentMailTasks::send;

		Method method = this.resolver.resolve(inherited);

		assertThat(method.getName()).isEqualTo("send");
		assertThat(method.getParameterTypes()).containsExactly(String.class);
		assertThat(method.getDeclaringClass()).isAssignableFrom(UrgentMailTasks.class);
	}

	@Test
	void rejectsALambdaExpressionAskingForAMethodReference() {
		TaskMethod1<MailTasks, String, String> lambda = (tasks, to) -> tasks.send(to.trim());

		assertThatIllegalArgumentException().isThrownBy(() -> this.resolver.resolve(lambda))
			.withMessageContaining("method reference")
			.withMessageContaining("lambda");
	}

	@Test
	void resolvingTheSameReferenceTwiceReturnsTheSameMethod() {
		TaskMethod1<MailTasks, String, String> reference = MailTasks::send;

		Method first = this.resolver.resolve(reference);
		Method second = this.resolver.resolve(reference);

		assertThat(second).isSameAs(first);
	}

	static class MailTasks {

		String send(String to) {
			return to;
		}

		String send(String to, int retries) {
			return to + retries;
		}

		void purge() {
		}

	}

	static class UrgentMailTasks extends MailTasks {

	}

}
