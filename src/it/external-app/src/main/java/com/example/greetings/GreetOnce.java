package com.example.greetings;

import java.time.Duration;

import dev.jobs.JobHandle;
import dev.jobs.Jobs;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Once the application has started (and its worker consumes), enqueues one job, waits for its
 * result and says what came back; the exit code is 0 only if the job succeeded with it.
 */
@Component
class GreetOnce implements ApplicationRunner, ExitCodeGenerator {

	private final Jobs jobs;

	private volatile int exitCode = 1;

	GreetOnce(Jobs jobs) {
		this.jobs = jobs;
	}

	@Override
	public void run(ApplicationArguments args) {
		JobHandle<String> handle = this.jobs.enqueue(GreetingTasks::greet, "outside");
		String greeting = handle.await(Duration.ofSeconds(60));
		String expected = "Hello, outside (job " + handle.id() + ")";
		if (expected.equals(greeting)) {
			System.out.println("greetings: job " + handle.id() + " " + handle.status() + ": " + greeting);
			this.exitCode = 0;
		}
		else {
			System.out.println("greetings: job " + handle.id() + " returned '" + greeting + "', expected '" + expected
					+ "'");
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
