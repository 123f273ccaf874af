package dev.jobs.autoconfigure;

import dev.jobs.core.schedule.TaskSkippingScheduledProcessor;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.annotation.SchedulingConfiguration;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Where {@code @EnableScheduling} registered Spring's {@code @Scheduled} processor, registers
 * {@link TaskSkippingScheduledProcessor} under the same name instead, so that
 * {@code @BackgroundTask} methods are scheduled once across the cluster rather than run on
 * every instance. Only the stock processor is replaced; one the application defined itself is
 * left alone.
 */
final class ScheduledProcessorReplacement implements BeanDefinitionRegistryPostProcessor {

	private static final String NAME = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME;

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		if (!registry.containsBeanDefinition(NAME) || !isStock(registry.getBeanDefinition(NAME))) {
			return;
		}
		RootBeanDefinition replacement = new RootBeanDefinition(TaskSkippingScheduledProcessor.class);
		replacement.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		registry.removeBeanDefinition(NAME);
		registry.registerBeanDefinition(NAME, replacement);
	}

	/** {@code @EnableScheduling}'s definition: a factory method of Spring's own configuration. */
	private static boolean isStock(BeanDefinition definition) {
		return ScheduledAnnotationBeanPostProcessor.class.getName().equals(definition.getBeanClassName())
				|| (SchedulingConfiguration.class.getName().equals(definition.getFactoryBeanName())
						&& "scheduledAnnotationProcessor".equals(definition.getFactoryMethodName()));
	}

}
