package dev.jobs.core.task;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A key expression names parameters by name or position, and fails at start-up for a name the
 * method does not have, rather than giving every job the key {@code null}.
 */
class KeyExpressionTests {

	private final Method sync = method("sync");

	@Test
	void namesParametersByNameAndByPosition() {
		Object[] args = { "user-7", 3 };

		assertThat(KeyExpression.parse("'sync:' + #userId", "test", this.sync).keyFor(this.sync, args))
			.isEqualTo("sync:user-7");
		assertThat(KeyExpression.parse("#p0 + ':' + #a1", "test", this.sync).keyFor(this.sync, args))
			.isEqualTo("user-7:3");
	}

	@Test
	void unknownParameterNameFailsWhenParsedNamingTheParameters() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyExpression.parse("#customerId", "the test", this.sync))
			.withMessageContaining("#customerId")
			.withMessageContaining("[userId, round]");
	}

	@Test
	void expressionThatGivesNoKeyIsRefusedForThatJob() {
		KeyExpression expression = KeyExpression.parse("#userId", "the test", this.sync);

		assertThatIllegalArgumentException().isThrownBy(() -> expression.keyFor(this.sync, new Object[] { null, 1 }))
			.withMessageContaining("gave no key");
	}

	@Test
	void invalidExpressionFailsWhenParsed() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyExpression.parse("'sync:' +", "the test", this.sync))
			.withMessageContaining("not a valid SpEL expression");
	}

	private static Method method(String name) {
		try {
			return Tasks.class.getDeclaredMethod(name, String.class, int.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Tasks {

		void sync(String userId, int round) {
		}

	}

}
