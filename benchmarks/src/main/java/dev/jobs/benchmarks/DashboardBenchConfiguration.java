package dev.jobs.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the dashboard phase starts beside the benchmark's own: a servlet web
 * application with auto-configuration as any application using the starter gets it, and the
 * failing task that fills its dead-letter queue.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class DashboardBenchConfiguration {

	@Bean
	DashboardBenchTasks dashboardBenchTasks() {
		return new DashboardBenchTasks();
	}

}
