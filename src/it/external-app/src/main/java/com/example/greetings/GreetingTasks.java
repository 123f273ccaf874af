package com.example.greetings;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;

import org.springframework.stereotype.Service;

/**
 * The application's one task: an ordinary bean method.
 */
@Service
public class GreetingTasks {

	@BackgroundTask(name = "greet")
	public String greet(String name) {
		return "Hello, " + name + " (job " + JobContext.current().jobId() + ")";
	}

}
