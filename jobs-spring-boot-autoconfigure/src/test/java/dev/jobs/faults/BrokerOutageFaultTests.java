package dev.jobs.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults 2 and 5: RabbitMQ goes away during steady enqueue and consume load, once because the
 * broker application stops ({@code rabbitmqctl stop_app}) and once because the network between
 * the application and the broker is cut. Every enqueue that returned normally must be
 * processed; an enqueue during the outage must fail fast with {@code JobsUnavailableException}
 * (it was not accepted); the worker must reconnect by itself; no guarded effect may repeat.
 */
class BrokerOutageFaultTests {

	/** How long the outage lasts: several reconnect attempts of the consumers. */
	private static final Duration OUTAGE = Duration.ofSeconds(10);

	@BeforeAll
	static void startBroker() {
		FaultBroker.start();
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void everyAcceptedJobIsProcessedThroughABrokerRestart() {
		FaultNamespace namespace = FaultNamespace.fresh();
		survive(namespace, "broker_restart", FaultBroker::stopApp, FaultBroker::startApp);
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void everyAcceptedJobIsProcessedThroughANetworkCut() throws Exception {
		try (TcpCut proxy = TcpCut.to(FaultBroker.PORT)) {
			FaultNamespace namespace = FaultNamespace.fresh().via(proxy.port(), 6379);
			survive(namespace, "network_cut", proxy::cut, proxy::heal);
		}
	}

	private void survive(FaultNamespace namespace, String fault, Runnable outage, Runnable recovery) {
		namespace.worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			try (SteadyLoad load = SteadyLoad.start(jobs, "guarded-effect")) {
				await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted().size() >= 100);
				long acceptedBefore = load.accepted().size();
				outage.run();
				await().atMost(OUTAGE.multipliedBy(2)).until(() -> load.refused() > 0);
				// The outage lasts a fixed time: there is no condition to wait for.
				Thread.sleep(OUTAGE.toMillis());
				recovery.run();
				await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted().size() >= acceptedBefore + 200);
				load.stop();
				List<JobHandle<Object>> accepted = load.accepted();
				awaitSettled(accepted);
				long processed = accepted.stream().filter((handle) -> handle.status() == JobStatus.SUCCESS).count();
				Effects effects = Effects.read(redis, namespace, load.keys());
				System.out.println("fault=" + fault + " refused=" + load.refused() + " slowest_refusal_ms="
						+ load.slowestRefusal().toMillis());
				FaultTally.of(fault, accepted.size(), processed, effects.duplicated()).printAndAssert();
				assertThat(load.unexpected()).as("enqueue failures other than JobsUnavailableException").isEmpty();
				// Fail fast: within the confirm timeout (3s) and a connect, never a hang.
				assertThat(load.slowestRefusal()).isLessThan(Duration.ofSeconds(8));
			}
		});
	}

	private void awaitSettled(List<JobHandle<Object>> handles) {
		try {
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
				.until(() -> handles.stream().allMatch((handle) -> handle.status().isTerminal()));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// Counted as lost by the tally, with the numbers.
		}
	}

}
