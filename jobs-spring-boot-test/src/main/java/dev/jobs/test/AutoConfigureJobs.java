package dev.jobs.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Runs the application's background jobs in memory for a test: no RabbitMQ and no Redis is
 * needed, or reached, while the rest of the starter (the {@code Jobs} front door, the task
 * registry, the argument codec, the guards, retry policies, workflows, failure listeners) is
 * the one the application runs in production. Put it on a {@code @SpringBootTest} class and
 * inject the {@link JobsTestHarness}:
 *
 * <pre class="code">
 * &#64;SpringBootTest(properties = "jobs.worker.queues=critical,default")
 * &#64;AutoConfigureJobs(mode = JobsTestMode.INLINE)
 * class OrderTests {
 *
 *     &#64;Autowired JobsTestHarness jobs;
 *     ...
 *     jobs.advance(Duration.ofSeconds(10));   // the retry due in 10 s runs now
 * }
 * </pre>
 *
 * What replaces RabbitMQ and Redis is the engine's ports, each given an in-memory
 * implementation; the engine's clock becomes a {@link VirtualClock}. Jobs run through the
 * starter's worker, which exists where {@code jobs.worker.queues} names a queue; in test mode
 * it runs the jobs of every queue.
 *
 * @see JobsTestHarness
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(JobsTestAutoConfiguration.class)
@PropertyMapping("jobs.test")
public @interface AutoConfigureJobs {

	/**
	 * Whether jobs run as they are enqueued ({@link JobsTestMode#INLINE}) or wait for the test
	 * to run them ({@link JobsTestMode#CAPTURE}).
	 * @return the mode
	 */
	JobsTestMode mode() default JobsTestMode.INLINE;

}
