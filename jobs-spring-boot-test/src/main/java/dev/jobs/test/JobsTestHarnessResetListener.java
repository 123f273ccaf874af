package dev.jobs.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the {@link JobsTestHarness} after each test method, so that tests sharing one cached
 * context (the usual case with {@code @SpringBootTest}) do not see each other's jobs, results or
 * idempotency keys. Registered in {@code META-INF/spring.factories}; does nothing in a context
 * without the harness. Of the lowest precedence, so that its after-test step runs first, while
 * the test's context is still open.
 */
public final class JobsTestHarnessResetListener extends AbstractTestExecutionListener {

	/**
	 * Resets the harness, if the test's context has one.
	 * @param testContext the test's context
	 */
	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(JobsTestHarness.class).ifAvailable(JobsTestHarness::reset);
	}

}
