package dev.jobs.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the benchmark starts: auto-configuration as any application using the starter
 * gets it, and the benchmark's tasks.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class BenchmarkConfiguration {

	@Bean
	BenchTasks benchTasks() {
		return new BenchTasks();
	}

}
