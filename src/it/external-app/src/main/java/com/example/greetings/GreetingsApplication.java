package com.example.greetings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts, runs one job through RabbitMQ and Redis ({@link GreetOnce}), and exits with 0 if the
 * job succeeded with the expected result.
 */
@SpringBootApplication
public class GreetingsApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(GreetingsApplication.class, args)));
	}

}
