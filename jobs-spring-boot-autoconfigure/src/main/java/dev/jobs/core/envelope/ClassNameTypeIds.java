package dev.jobs.core.envelope;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.core.annotation.AnnotationUtils;

/**
 * Keeps class names off the wire, where the application's own types would let them on: a type
 * annotated {@code @JsonTypeInfo(use = Id.CLASS)} (or {@code MINIMAL_CLASS}) lets the JSON name
 * the class Jackson instantiates, so a message could choose among every subtype on the class
 * path, the gadget classes of deserialization attacks among them.
 * <ol>
 * <li>At registration, {@link #refuse} fails a task whose parameter types use such type ids,
 * at any depth the declared types show (elements, map values, record components and fields),
 * naming the type and the fix: {@code Id.NAME} with a closed {@code @JsonSubTypes} list.</li>
 * <li>On every read, the job mapper's {@link #validator()} denies every class-name type id,
 * where a declared type hides one (a subtype's field, a result read back from Redis).</li>
 * </ol>
 */
final class ClassNameTypeIds {

	private ClassNameTypeIds() {
	}

	/**
	 * A validator that lets no type id name a class; {@code Id.NAME} ids do not consult it.
	 * @return the validator
	 */
	static PolymorphicTypeValidator validator() {
		return new DenyClassNames();
	}

	/**
	 * Fails if a parameter type of the task lets a message name a class.
	 * @param task the task name
	 * @param method the task method
	 * @param types its parameter types, resolved
	 * @param typeFactory resolves field types
	 * @throws IllegalArgumentException naming the task, the parameter, the type and the fix
	 */
	static void refuse(String task, Method method, JavaType[] types, TypeFactory typeFactory) {
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < types.length; i++) {
			String found = find(types[i], typeFactory, new HashSet<>());
			if (found != null) {
				throw new IllegalArgumentException("Task '" + task + "' (" + method.getDeclaringClass().getName() + "."
						+ method.getName() + ") argument " + (i + 1) + " (" + parameters[i].getName() + ") of type "
						+ types[i].toCanonical() + " reaches " + found + ", annotated @JsonTypeInfo with a class-name"
						+ " type id: a message would choose the class to instantiate. Use"
						+ " @JsonTypeInfo(use = JsonTypeInfo.Id.NAME) with @JsonSubTypes listing the subtypes");
			}
		}
	}

	/** Where below the type a class-name type id is declared, or {@code null}. */
	private static String find(JavaType type, TypeFactory typeFactory, Set<Class<?>> seen) {
		if (type == null || type.isPrimitive() || !seen.add(type.getRawClass())) {
			return null;
		}
		Class<?> raw = type.getRawClass();
		if (namesClasses(AnnotationUtils.findAnnotation(raw, JsonTypeInfo.class))) {
			return raw.getName();
		}
		for (String found : new String[] { find(type.getContentType(), typeFactory, seen),
				find(type.getKeyType(), typeFactory, seen) }) {
			if (found != null) {
				return found;
			}
		}
		for (JavaType parameter : type.getBindings().getTypeParameters()) {
			String found = find(parameter, typeFactory, seen);
			if (found != null) {
				return found;
			}
		}
		if (raw.getName().startsWith("java.") || raw.isArray() || raw.isEnum()) {
			return null;
		}
		for (Class<?> declaring = raw; declaring != null && declaring != Object.class; declaring = declaring
			.getSuperclass()) {
			for (Field field : declaring.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				if (namesClasses(field.getAnnotation(JsonTypeInfo.class))) {
					return declaring.getName() + "." + field.getName();
				}
				String found = find(typeFactory.constructType(field.getGenericType()), typeFactory, seen);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static boolean namesClasses(JsonTypeInfo info) {
		return info != null && (info.use() == JsonTypeInfo.Id.CLASS || info.use() == JsonTypeInfo.Id.MINIMAL_CLASS);
	}

	/** Denies every subtype a class-name type id asks for. */
	private static final class DenyClassNames extends PolymorphicTypeValidator.Base {

		private static final long serialVersionUID = 1L;

		@Override
		public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
			return Validity.DENIED;
		}

		@Override
		public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
			return Validity.DENIED;
		}

	}

}
