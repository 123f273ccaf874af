package dev.jobs.core.task;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.asm.Type;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the method a serializable method reference such as {@code WebhookTasks::send} points
 * to, through the {@link SerializedLambda} the compiler generates for it. The answer is cached
 * per lambda class, so only the first enqueue from a call site pays for the reflection.
 */
public final class TaskMethodResolver {

	private final Map<Class<?>, Method> cache = new ConcurrentHashMap<>();

	/**
	 * The method a method reference names.
	 * @param reference a method reference to a task method
	 * @return the referenced method
	 * @throws IllegalArgumentException if the reference is a lambda expression rather than a
	 * method reference
	 */
	public Method resolve(Serializable reference) {
		Method method = this.cache.get(reference.getClass());
		if (method == null) {
			method = this.cache.computeIfAbsent(reference.getClass(), (lambdaClass) -> resolveUncached(reference));
		}
		return method;
	}

	private static Method resolveUncached(Serializable reference) {
		SerializedLambda lambda = serializedForm(reference);
		if (lambda.getImplMethodName().startsWith("lambda$")) {
			throw new IllegalArgumentException("Pass a method reference such as MyTasks::method, not a lambda"
					+ " expression: a job names its task, it cannot carry code");
		}
		try {
			Class<?> owner = ClassUtils.forName(lambda.getImplClass().replace('/', '.'),
					reference.getClass().getClassLoader());
			for (Method candidate : ReflectionUtils.getUniqueDeclaredMethods(owner)) {
				if (candidate.getName().equals(lambda.getImplMethodName())
						&& Type.getMethodDescriptor(candidate).equals(lambda.getImplMethodSignature())) {
					return candidate;
				}
			}
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalArgumentException("Cannot load " + lambda.getImplClass() + " named by a task reference",
					ex);
		}
		throw new IllegalArgumentException(
				"No method " + lambda.getImplMethodName() + " found on " + lambda.getImplClass());
	}

	private static SerializedLambda serializedForm(Serializable reference) {
		try {
			Method writeReplace = reference.getClass().getDeclaredMethod("writeReplace");
			writeReplace.setAccessible(true);
			return (SerializedLambda) writeReplace.invoke(reference);
		}
		catch (ReflectiveOperationException | ClassCastException ex) {
			throw new IllegalArgumentException("Pass a method reference such as MyTasks::method; "
					+ reference.getClass().getName() + " is not one", ex);
		}
	}

}
