package dev.jobs.rabbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.LocalBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlements that finish out of order are acknowledged in delivery order: a multiple
 * acknowledgement never covers a delivery still being settled, and a delivery given back goes
 * back to the queue while those around it are acknowledged. Checked on a real channel, where
 * acknowledging a delivery twice would close it.
 */
class AcknowledgerIntegrationTests {

	private final String queue = "it-acks-" + UUID.randomUUID().toString().substring(0, 8);

	private final InFlight inFlight = new InFlight();

	/** The acknowledger's sends, run when the test says: each step is seen as the thread would leave it. */
	private final Queue<Runnable> sends = new ConcurrentLinkedQueue<>();

	private final Acknowledger acknowledger = new Acknowledger(this.inFlight, this.sends::add);

	private Connection connection;

	private Channel channel;

	@BeforeEach
	void openChannel() throws Exception {
		this.connection = LocalBroker.connectionFactory().newConnection("jobs-tests-acks");
		this.channel = this.connection.createChannel();
		this.channel.queueDeclare(this.queue, false, false, false, null);
		for (String body : List.of("one", "two", "three")) {
			this.channel.basicPublish("", this.queue, null, body.getBytes(StandardCharsets.UTF_8));
		}
	}

	@AfterEach
	void close() throws Exception {
		this.acknowledger.close();
		LocalBroker.withChannel((channel) -> channel.queueDelete(this.queue));
		this.connection.close();
	}

	@Test
	void deliveriesSettledBeforeAnEarlierOneAreHeldBackUntilItIsSettled() throws Exception {
		List<Acknowledger.Entry> entries = takeAll();

		entries.get(2).settle(Acknowledger.Decision.ACK);
		runSends();
		entries.get(1).settle(Acknowledger.Decision.ACK);
		runSends();
		assertThat(this.inFlight.count()).isEqualTo(3);
		entries.get(0).settle(Acknowledger.Decision.REQUEUE);
		runSends();

		assertThat(this.inFlight.count()).isZero();
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(remainingBodies()).containsExactly("one");
	}

	@Test
	void aDeliveryGivenBackBetweenAcknowledgedOnesReturnsToTheQueueAlone() throws Exception {
		List<Acknowledger.Entry> entries = takeAll();

		entries.get(0).settle(Acknowledger.Decision.ACK);
		runSends();
		entries.get(1).settle(Acknowledger.Decision.REQUEUE);
		entries.get(2).settle(Acknowledger.Decision.ACK);
		runSends();

		assertThat(this.inFlight.count()).isZero();
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(remainingBodies()).containsExactly("two");
	}

	@Test
	void settlementsOnAClosedChannelStillCountAsSettled() throws Exception {
		List<Acknowledger.Entry> entries = takeAll();
		this.channel.close();

		entries.forEach((entry) -> entry.settle(Acknowledger.Decision.ACK));
		runSends();

		assertThat(this.inFlight.count()).isZero();
		assertThat(remainingBodies()).containsExactlyInAnyOrder("one", "two", "three");
	}

	/** Takes the three messages unacknowledged and enters them in a ledger, as a consumer does. */
	private List<Acknowledger.Entry> takeAll() throws IOException {
		Acknowledger.Ledger ledger = this.acknowledger.ledger(this.channel);
		List<Acknowledger.Entry> entries = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			GetResponse response = this.channel.basicGet(this.queue, false);
			assertThat(response).isNotNull();
			this.inFlight.enter();
			entries.add(ledger.enter(response.getEnvelope().getDeliveryTag()));
		}
		return entries;
	}

	private void runSends() {
		Runnable send;
		while ((send = this.sends.poll()) != null) {
			send.run();
		}
	}

	/** What a fresh channel finds in the queue once this test's channel has settled everything. */
	private List<String> remainingBodies() throws IOException {
		if (this.channel.isOpen()) {
			// A round trip on the channel: the broker has handled the acknowledgements sent before it.
			this.channel.queueDeclarePassive(this.queue);
		}
		return LocalBroker.withChannel((fresh) -> {
			List<String> bodies = new ArrayList<>();
			GetResponse response;
			while ((response = fresh.basicGet(this.queue, true)) != null) {
				bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
			}
			return bodies;
		});
	}

}
