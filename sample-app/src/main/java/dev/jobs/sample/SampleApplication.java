package dev.jobs.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An order-processing shop whose slow and fallible work runs as durable background jobs:
 * placing an order charges the payment on the {@code critical} queue and sends the
 * confirmation mail on the {@code default} queue, and a daily sales report can be built on
 * demand. RabbitMQ carries the jobs and Redis keeps their results, both on localhost.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
