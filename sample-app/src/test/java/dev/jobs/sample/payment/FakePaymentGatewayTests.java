package dev.jobs.sample.payment;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FakePaymentGatewayTests {

	private final FakePaymentGateway gateway = new FakePaymentGateway(new BigDecimal("10000"));

	@Test
	void secondChargeWithTheSameKeyReturnsTheFirstReceipt() {
		PaymentReceipt first = this.gateway.charge("o-1", new BigDecimal("59.97"), "ada@example.com", "o-1");
		PaymentReceipt second = this.gateway.charge("o-1", new BigDecimal("59.97"), "ada@example.com", "o-1");
		assertThat(second).isEqualTo(first);
	}

	@Test
	void amountAboveTheLimitIsDeclined() {
		assertThatExceptionOfType(PaymentDeclinedException.class)
			.isThrownBy(() -> this.gateway.charge("o-1", new BigDecimal("10000.01"), "ada@example.com", "o-1"))
			.withMessageContaining("o-1")
			.withMessageContaining("limit of 10000");
		assertThat(this.gateway.charge("o-2", new BigDecimal("10000"), "ada@example.com", "o-2")).isNotNull();
	}

	@Test
	void customerWhoseAddressSaysDeclineIsDeclined() {
		assertThatExceptionOfType(PaymentDeclinedException.class)
			.isThrownBy(() -> this.gateway.charge("o-1", BigDecimal.ONE, "decline@example.com", "o-1"));
	}

	@Test
	void flakyCustomerIsChargedOnTheFirstCallButGetsTheReceiptOnlyOnTheSecond() {
		assertThatExceptionOfType(PaymentGatewayTimeoutException.class)
			.isThrownBy(() -> this.gateway.charge("o-1", BigDecimal.ONE, "flaky@example.com", "o-1"))
			.withMessageContaining("o-1");
		PaymentReceipt receipt = this.gateway.charge("o-1", BigDecimal.ONE, "flaky@example.com", "o-1");
		assertThat(this.gateway.charge("o-1", BigDecimal.ONE, "flaky@example.com", "o-1")).isEqualTo(receipt);
	}

}
