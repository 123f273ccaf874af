package dev.jobs.core.task;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.jobs.BackgroundTask;
import dev.jobs.OnLocked;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.StringUtils;

import dev.jobs.core.envelope.ArgumentCodec;
import dev.jobs.core.retry.RetryPolicy;

/**
 * Collects {@link BackgroundTask} methods into the {@link TaskRegistry} as beans are created.
 * It only collects: nothing is consumed or started until the context is ready.
 *
 * <p>A task's name is its annotation's {@code name}, else {@code SimpleClassName.method}. Its
 * queue is {@code jobs.tasks.<name>.queue}, else the annotation's {@code queue}, else the
 * default queue; its retry policy likewise {@code jobs.tasks.<name>.retry}, else the
 * annotation's {@code retry}, else the default policy. Configuration wins so that operators can
 * tune a task without a rebuild.
 */
public final class BackgroundTaskScanner implements BeanPostProcessor, BeanFactoryAware, Ordered {

	private final TaskRegistry registry;

	private final JsonMapper mapper;

	private final TaskSettings settings;

	private BeanFactory beanFactory;

	/**
	 * A scanner that registers into the given registry.
	 * @param registry the registry to fill
	 * @param mapper the job JSON mapper, for the tasks' codecs
	 * @param settings what configuration says about tasks
	 */
	public BackgroundTaskScanner(TaskRegistry registry, JsonMapper mapper, TaskSettings settings) {
		this.registry = registry;
		this.mapper = mapper;
		this.settings = settings;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (!AnnotationUtils.isCandidateClass(targetClass, BackgroundTask.class)) {
			return bean;
		}
		Map<Method, BackgroundTask> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<BackgroundTask>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, BackgroundTask.class));
		Supplier<Object> lookup = beanLookup(bean, beanName);
		methods.forEach((method, annotation) -> this.registry.register(defineOrFail(targetClass, method, annotation,
				beanName, lookup)));
		return bean;
	}

	/** Defines a task, reporting what does not parse as a definition failure of the task. */
	private TaskDefinition defineOrFail(Class<?> targetClass, Method method, BackgroundTask annotation,
			String beanName, Supplier<Object> bean) {
		try {
			return define(targetClass, method, annotation, beanName, bean);
		}
		catch (IllegalArgumentException ex) {
			// The message names the annotation or property already; the type lets Boot's
			// failure report say what to do.
			throw new TaskDefinitionException(ex.getMessage(), ex);
		}
	}

	private TaskDefinition define(Class<?> targetClass, Method method, BackgroundTask annotation, String beanName,
			Supplier<Object> bean) {
		String name = StringUtils.hasText(annotation.name()) ? annotation.name()
				: targetClass.getSimpleName() + "." + method.getName();
		String queue = this.settings.queues().get(name);
		if (queue == null) {
			queue = StringUtils.hasText(annotation.queue()) ? annotation.queue() : this.settings.defaultQueue();
		}
		return new TaskDefinition(name, queue, beanName, bean, method, new ArgumentCodec(name, method, this.mapper),
				retryPolicy(name, method, annotation), keys(name, method, annotation),
				this.settings.maskArgs().getOrDefault(name, annotation.maskArgs()), version(annotation, method));
	}

	private static int version(BackgroundTask annotation, Method method) {
		if (annotation.version() < 1) {
			throw new IllegalArgumentException("@BackgroundTask on " + method.getDeclaringClass().getName() + "."
					+ method.getName() + " (version): must be 1 or more, got " + annotation.version());
		}
		return annotation.version();
	}

	/**
	 * The task's keys: each of {@code jobs.tasks.<name>.idempotency}, {@code lock},
	 * {@code lock-timeout} and {@code on-locked} wins over its annotation attribute.
	 */
	private TaskKeys keys(String name, Method method, BackgroundTask annotation) {
		TaskKeyOverrides overrides = this.settings.keys().getOrDefault(name, TaskKeyOverrides.NONE);
		String annotated = "@BackgroundTask on " + method.getDeclaringClass().getName() + "." + method.getName();
		String property = "jobs.tasks." + name;
		TaskKeys.Idempotency idempotency = (overrides.idempotency() != null)
				? idempotency(overrides.idempotency(), property + ".idempotency", method)
				: new TaskKeys.Idempotency(annotation.idempotent() && !StringUtils.hasText(annotation.idempotencyKey()),
						StringUtils.hasText(annotation.idempotencyKey())
								? KeyExpression.parse(annotation.idempotencyKey(), annotated + " (idempotencyKey)",
										method) : null);
		String lock = (overrides.lock() != null) ? overrides.lock() : annotation.lock();
		String lockOrigin = (overrides.lock() != null) ? property + ".lock" : annotated + " (lock)";
		KeyExpression lockExpression = (StringUtils.hasText(lock) && !"none".equals(lock))
				? KeyExpression.parse(lock, lockOrigin, method) : null;
		Duration lockTimeout = (overrides.lockTimeout() != null) ? overrides.lockTimeout()
				: StringUtils.hasText(annotation.lockTimeout())
						? TaskDurations.parse(annotation.lockTimeout(), annotated + " (lockTimeout)") : null;
		OnLocked onLocked = (overrides.onLocked() != null) ? overrides.onLocked() : annotation.onLocked();
		return new TaskKeys(idempotency, lockExpression, lockTimeout, onLocked,
				rateLimit(overrides, annotation, annotated, property, method),
				concurrency(overrides, annotation, annotated, property, method), priority(annotation, annotated),
				timeout(overrides, annotation, annotated), hardTimeout(overrides, annotation, annotated, property));
	}

	private static Duration timeout(TaskKeyOverrides overrides, BackgroundTask annotation, String annotated) {
		if (overrides.timeout() != null) {
			return overrides.timeout();
		}
		return StringUtils.hasText(annotation.timeout())
				? TaskDurations.parse(annotation.timeout(), annotated + " (timeout)") : null;
	}

	/** The hard limit, which must come after the task's own timeout: the default one may change. */
	private static Duration hardTimeout(TaskKeyOverrides overrides, BackgroundTask annotation, String annotated,
			String property) {
		Duration hard = (overrides.hardTimeout() != null) ? overrides.hardTimeout()
				: StringUtils.hasText(annotation.hardTimeout())
						? TaskDurations.parse(annotation.hardTimeout(), annotated + " (hardTimeout)") : null;
		if (hard == null) {
			return null;
		}
		String origin = (overrides.hardTimeout() != null) ? property + ".hard-timeout" : annotated + " (hardTimeout)";
		Duration timeout = timeout(overrides, annotation, annotated);
		if (timeout == null) {
			throw new IllegalArgumentException(origin + ": a hard timeout of " + hard + " needs a timeout to come"
					+ " after; set " + property + ".timeout or @BackgroundTask(timeout)");
		}
		if (hard.compareTo(timeout) <= 0) {
			throw new IllegalArgumentException(origin + ": the hard timeout of " + hard + " must be longer than the"
					+ " timeout of " + timeout + ", which interrupts the run first");
		}
		return hard;
	}

	private static int priority(BackgroundTask annotation, String annotated) {
		if (annotation.priority() < 0 || annotation.priority() > 255) {
			throw new IllegalArgumentException(annotated + " (priority): must be between 0 and 255 (higher runs first),"
					+ " got " + annotation.priority());
		}
		return annotation.priority();
	}

	/**
	 * The task's cap on jobs running at once: {@code jobs.tasks.<name>.max-concurrent} and
	 * {@code concurrency-key} win over the annotation's.
	 */
	private static TaskKeys.Concurrency concurrency(TaskKeyOverrides overrides, BackgroundTask annotation,
			String annotated, String property, Method method) {
		int max = (overrides.maxConcurrent() != null) ? overrides.maxConcurrent() : annotation.maxConcurrent();
		if (max < 0) {
			throw new IllegalArgumentException(((overrides.maxConcurrent() != null) ? property + ".max-concurrent"
					: annotated + " (maxConcurrent)") + " must be 0 (no cap) or more, got " + max);
		}
		boolean keyConfigured = overrides.concurrencyKey() != null;
		String key = keyConfigured ? overrides.concurrencyKey() : annotation.concurrencyKey();
		if (max == 0) {
			// max-concurrent: 0 in configuration lifts the annotation's cap, key and all.
			if (overrides.maxConcurrent() == null && StringUtils.hasText(key) && !"none".equals(key.trim())) {
				throw new IllegalArgumentException(((keyConfigured) ? property + ".concurrency-key"
						: annotated + " (concurrencyKey)") + " is set without max-concurrent; set how many jobs of"
						+ " a key may run at once");
			}
			return null;
		}
		KeyExpression keyExpression = isKey(key) ? KeyExpression.parse(key,
				keyConfigured ? property + ".concurrency-key" : annotated + " (concurrencyKey)", method) : null;
		return new TaskKeys.Concurrency(max, keyExpression);
	}

	/**
	 * The task's rate limit: {@code jobs.tasks.<name>.rate-limit} and {@code rate-limit-key} win
	 * over the annotation's; burst and scope come from configuration only.
	 */
	private static TaskKeys.RateLimited rateLimit(TaskKeyOverrides overrides, BackgroundTask annotation,
			String annotated, String property, Method method) {
		boolean configured = overrides.rateLimit() != null;
		String rate = configured ? overrides.rateLimit() : annotation.rateLimit();
		if (!StringUtils.hasText(rate) || "none".equals(rate.trim())) {
			return null;
		}
		RateLimit limit = RateLimit.parse(rate, configured ? property + ".rate-limit" : annotated + " (rateLimit)");
		if (overrides.rateLimitBurst() != null) {
			try {
				limit = limit.withBurst(overrides.rateLimitBurst());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(property + ".rate-limit-burst: " + ex.getMessage(), ex);
			}
		}
		boolean keyConfigured = overrides.rateLimitKey() != null;
		String key = keyConfigured ? overrides.rateLimitKey() : annotation.rateLimitKey();
		KeyExpression keyExpression = isKey(key) ? KeyExpression.parse(key,
				keyConfigured ? property + ".rate-limit-key" : annotated + " (rateLimitKey)", method) : null;
		RateLimitScope scope = (overrides.rateLimitScope() != null) ? overrides.rateLimitScope()
				: RateLimitScope.GLOBAL;
		return new TaskKeys.RateLimited(limit, scope, keyExpression);
	}

	/** A key expression, unless empty or {@code none} (which lifts the annotation's key from yml). */
	private static boolean isKey(String expression) {
		return StringUtils.hasText(expression) && !"none".equals(expression.trim());
	}

	private static TaskKeys.Idempotency idempotency(String configured, String property, Method method) {
		return switch (configured.trim()) {
			case "args" -> new TaskKeys.Idempotency(true, null);
			case "none" -> TaskKeys.Idempotency.NONE;
			default -> new TaskKeys.Idempotency(false, KeyExpression.parse(configured, property, method));
		};
	}

	private RetryPolicy retryPolicy(String name, Method method, BackgroundTask annotation) {
		String configured = this.settings.retries().get(name);
		if (configured != null) {
			return this.settings.policies().named(configured, "jobs.tasks." + name + ".retry");
		}
		if (StringUtils.hasText(annotation.retry())) {
			return this.settings.policies()
				.named(annotation.retry(), "@BackgroundTask(retry) on " + method.getDeclaringClass().getName() + "."
						+ method.getName());
		}
		return this.settings.policies().defaultPolicy();
	}

	/**
	 * Looks the bean up by name on first use, so that the worker calls it through every proxy
	 * the context applies, including those added after this post-processor ran.
	 */
	private Supplier<Object> beanLookup(Object bean, String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBean(beanName)) {
			return () -> bean;
		}
		return new Supplier<>() {
			private volatile Object resolved;

			@Override
			public Object get() {
				Object current = this.resolved;
				if (current == null) {
					current = BackgroundTaskScanner.this.beanFactory.getBean(beanName);
					this.resolved = current;
				}
				return current;
			}
		};
	}

}
