package dev.jobs.core.schedule;

import java.lang.reflect.Method;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

import dev.jobs.BackgroundTask;

/**
 * Spring's {@code @Scheduled} processor, minus the {@code @BackgroundTask} methods: with
 * {@code @EnableScheduling} on, those would otherwise run inline on every instance (or, for a
 * {@code void} task called through its proxy, be enqueued once per instance). Their
 * schedules run here instead, one job per slot across the cluster. Every other
 * {@code @Scheduled} method is Spring's, as before.
 */
public class TaskSkippingScheduledProcessor extends ScheduledAnnotationBeanPostProcessor {

	@Override
	protected void processScheduled(Scheduled scheduled, Method method, Object bean) {
		if (AnnotatedElementUtils.findMergedAnnotation(method, BackgroundTask.class) != null) {
			return;
		}
		super.processScheduled(scheduled, method, bean);
	}

}
