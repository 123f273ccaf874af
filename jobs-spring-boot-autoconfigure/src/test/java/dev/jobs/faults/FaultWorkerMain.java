package dev.jobs.faults;

import dev.jobs.autoconfigure.JobsAutoConfiguration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A worker application as a user would run one, started by the fault suite as a child JVM so
 * that the suite can kill it: the starter against the namespace given as {@code --name=value}
 * arguments, with the {@link FaultTasks}. It runs until it is killed, or until a task halts it.
 */
@ImportAutoConfiguration({ RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
		JobsAutoConfiguration.class })
@Import(FaultTasks.Configuration.class)
public class FaultWorkerMain {

	/**
	 * Boots the worker.
	 * @param args the namespace's properties, as {@code --name=value}
	 */
	public static void main(String[] args) {
		new SpringApplicationBuilder(FaultWorkerMain.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args);
	}

}
