package dev.jobs.sample.order;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NewOrderTests {

	@Test
	void totalIsTheSumOfQuantityTimesUnitPrice() {
		NewOrder order = new NewOrder("ada@example.com", List.of(new LineItem("MUG-001", 2, new BigDecimal("12.50")),
				new LineItem("TEE-042", 1, new BigDecimal("34.97"))));
		assertThat(order.total()).isEqualByComparingTo("59.97");
	}

	@Test
	void orderWithoutItemsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NewOrder("ada@example.com", List.of()))
			.withMessageContaining("at least one item");
	}

	@Test
	void lineItemWithZeroQuantityIsRejectedNamingItsSku() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LineItem("MUG-001", 0, BigDecimal.ONE))
			.withMessageContaining("MUG-001");
	}

}
