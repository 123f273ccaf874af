package dev.jobs.test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jobs.BackgroundTask;
import dev.jobs.DiscardJob;
import dev.jobs.JobContext;
import dev.jobs.JobFailure;
import dev.jobs.JobFailureListener;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A small application for the module's own tests: tasks that succeed, fail on cue and chain,
 * and a failure listener that remembers what it heard.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ShopTestApplication {

	/**
	 * Points RabbitMQ and Redis at a port nothing listens on: a test whose context starts and
	 * whose jobs run there proves that nothing reached either.
	 */
	static void noBrokerNoRedis(DynamicPropertyRegistry registry) {
		int port = ClosedPorts.any();
		registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
		registry.add("spring.rabbitmq.port", () -> port);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> port);
		registry.add("jobs.worker.queues", () -> "default,critical");
		registry.add("jobs.retry.policies.flaky.delays", () -> "10s,60s");
	}

	@Bean
	PriceTasks priceTasks() {
		return new PriceTasks();
	}

	@Bean
	Failures failures() {
		return new Failures();
	}

	/** The price list's tasks. */
	static class PriceTasks {

		private final AtomicInteger flakyCalls = new AtomicInteger();

		private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

		private final List<String> mailed = new CopyOnWriteArrayList<>();

		/**
		 * What the confirmation mails said, read through a method: the bean is a proxy (its
		 * {@code void} task enqueues when called), whose own fields are empty.
		 */
		public List<String> mailed() {
			return this.mailed;
		}

		@BackgroundTask(name = "quote")
		public Quote quote(String sku, int quantity, BigDecimal unitPrice) {
			return new Quote(sku, unitPrice.multiply(BigDecimal.valueOf(quantity)));
		}

		/** Fails its first two attempts, as a provider that times out twice. */
		@BackgroundTask(name = "flaky-sync", retry = "flaky")
		public String flakySync(String sku) {
			this.attempts.put(sku, JobContext.current().attempt());
			if (this.flakyCalls.incrementAndGet() <= 2) {
				throw new IllegalStateException("provider timed out for " + sku);
			}
			return "synced " + sku;
		}

		@BackgroundTask(name = "withdraw")
		public void withdraw(String sku) {
			throw new DiscardJob(sku + " is not sold any more");
		}

		@BackgroundTask(name = "mail-quote")
		public String mailQuote(Quote quote) {
			this.mailed.add(quote.sku() + "=" + quote.total());
			return "mailed " + quote.sku();
		}

	}

	/** A quote: what so many units of one article cost. */
	record Quote(String sku, BigDecimal total) {
	}

	/** The failure listener: remembers every job that failed for good. */
	static class Failures implements JobFailureListener {

		final List<JobFailure> heard = new CopyOnWriteArrayList<>();

		@Override
		public void onFailure(JobFailure failure) {
			this.heard.add(failure);
		}

	}

}
