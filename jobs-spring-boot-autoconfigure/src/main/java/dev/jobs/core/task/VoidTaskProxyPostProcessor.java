package dev.jobs.core.task;

import java.lang.reflect.Method;

import dev.jobs.BackgroundTask;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Proxies beans that declare {@code void} {@link BackgroundTask} methods so that calling such a
 * method enqueues it, the way Spring's {@code @Async} support proxies {@code @Async} methods.
 * Beans that are already proxied get the advice added to their proxy.
 */
public final class VoidTaskProxyPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final long serialVersionUID = 1L;

	/**
	 * A post-processor that applies the given interceptor.
	 * @param interceptor the enqueuing interceptor
	 */
	public VoidTaskProxyPostProcessor(VoidTaskInterceptor interceptor) {
		this.advisor = new DefaultPointcutAdvisor(voidTaskMethods(), interceptor);
		setBeforeExistingAdvisors(true);
	}

	private static Pointcut voidTaskMethods() {
		return new StaticMethodMatcherPointcut() {
			@Override
			public boolean matches(Method method, Class<?> targetClass) {
				Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
				return specific.getReturnType() == void.class
						&& AnnotatedElementUtils.hasAnnotation(specific, BackgroundTask.class);
			}
		};
	}

}
