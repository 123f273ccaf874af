package dev.jobs.core.envelope;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;

import org.springframework.util.ClassUtils;

import dev.jobs.JobArgumentsException;

/**
 * Encodes and decodes one task's arguments and result by the declared (generic) types of its
 * method. The types are resolved once, when the task is registered; per job there is no
 * reflection beyond the readers Jackson caches.
 *
 * <p>Only the declared types are ever instantiated: a message cannot name a class. A task whose
 * parameter types would let it ({@code @JsonTypeInfo(use = Id.CLASS)}) is refused when it is
 * registered ({@link ClassNameTypeIds}).
 */
public final class ArgumentCodec {

	private final String task;

	private final JsonMapper mapper;

	private final JavaType[] parameterTypes;

	private final ObjectReader[] readers;

	private final JavaType resultType;

	private final String[] parameterNames;

	/** How many leading arguments a message must carry: the parameters after them may be missing. */
	private final int required;

	/**
	 * Creates the codec of a task method's arguments.
	 * @param task the task name, for messages
	 * @param method the task method
	 * @param mapper the JSON mapper
	 */
	public ArgumentCodec(String task, Method method, JsonMapper mapper) {
		this.task = task;
		this.mapper = mapper;
		Type[] generic = method.getGenericParameterTypes();
		this.parameterTypes = new JavaType[generic.length];
		this.readers = new ObjectReader[generic.length];
		this.parameterNames = new String[generic.length];
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < generic.length; i++) {
			this.parameterTypes[i] = mapper.getTypeFactory().constructType(generic[i]);
			this.readers[i] = mapper.readerFor(this.parameterTypes[i]);
			this.parameterNames[i] = parameters[i].isNamePresent() ? parameters[i].getName() : null;
		}
		int required = generic.length;
		while (required > 0 && mayBeMissing(parameters[required - 1])) {
			required--;
		}
		this.required = required;
		ClassNameTypeIds.refuse(task, method, this.parameterTypes, mapper.getTypeFactory());
		this.resultType = mapper.getTypeFactory().constructType(method.getGenericReturnType());
	}

	/**
	 * How many arguments the task takes.
	 * @return the parameter count
	 */
	public int arity() {
		return this.parameterTypes.length;
	}

	/**
	 * The task's declared result type.
	 * @return the result type
	 */
	public JavaType resultType() {
		return this.resultType;
	}

	/**
	 * Checks the arguments against the parameter types and encodes them.
	 * @param args the arguments
	 * @return the JSON array for the envelope
	 * @throws JobArgumentsException if the count or a type does not fit
	 */
	public ArrayNode encode(Object[] args) {
		if (args.length != this.parameterTypes.length) {
			throw new JobArgumentsException("Task '" + this.task + "' takes " + this.parameterTypes.length
					+ " argument(s) but was given " + args.length);
		}
		ArrayNode array = this.mapper.createArrayNode();
		for (int i = 0; i < args.length; i++) {
			Class<?> declared = ClassUtils.resolvePrimitiveIfNecessary(this.parameterTypes[i].getRawClass());
			Object arg = args[i];
			if (arg != null && !declared.isInstance(arg)) {
				throw new JobArgumentsException("Task '" + this.task + "' expects argument " + (i + 1)
						+ " of type " + this.parameterTypes[i].toCanonical() + " but was given a "
						+ arg.getClass().getName());
			}
			array.add(encodeValue(i, arg));
		}
		return array;
	}

	/**
	 * Checks and encodes the arguments of a workflow step given when the workflow was built: the
	 * last parameters, after the {@code leading} ones that the result before it fills in.
	 * @param leading how many parameters come first from what runs before (0 or 1)
	 * @param given the arguments given now
	 * @return the JSON array of the given arguments
	 * @throws JobArgumentsException if the count or a type does not fit
	 */
	public ArrayNode encodeTail(int leading, Object[] given) {
		if (leading + given.length != this.parameterTypes.length) {
			throw new JobArgumentsException("Task '" + this.task + "' takes " + this.parameterTypes.length
					+ " argument(s) but its workflow step was given " + given.length
					+ ((leading > 0) ? " and the result of what runs before it" : "")
					+ "; give all of them, or mark the step immutable() so that it is not given that result");
		}
		ArrayNode array = this.mapper.createArrayNode();
		for (int i = 0; i < given.length; i++) {
			int index = leading + i;
			Class<?> declared = ClassUtils.resolvePrimitiveIfNecessary(this.parameterTypes[index].getRawClass());
			if (given[i] != null && !declared.isInstance(given[i])) {
				throw new JobArgumentsException("Task '" + this.task + "' expects argument " + (index + 1)
						+ " of type " + this.parameterTypes[index].toCanonical() + " but was given a "
						+ given[i].getClass().getName());
			}
			array.add(encodeValue(index, given[i]));
		}
		return array;
	}

	/**
	 * Writes the value and reads it back by the declared type, so that a container whose
	 * elements do not fit (a {@code Map<String, BigDecimal>} holding strings) fails here, at
	 * enqueue, rather than on the worker.
	 */
	private JsonNode encodeValue(int index, Object arg) {
		try {
			JsonNode node = this.mapper.valueToTree(arg);
			this.readers[index].readValue(node);
			return node;
		}
		catch (JacksonException ex) {
			throw new JobArgumentsException("Task '" + this.task + "' argument " + (index + 1) + " of type "
					+ this.parameterTypes[index].toCanonical() + " cannot be written as JSON: "
					+ ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Converts configured values (text, numbers, lists and maps, as bound from
	 * {@code application.yml}) to the parameter types, leniently as configuration is written:
	 * {@code "3"} fits an {@code int}, {@code "PT5M"} a {@code Duration}.
	 * @param values the configured values, one per parameter
	 * @return the arguments, ready to {@linkplain #encode encode}
	 * @throws JobArgumentsException if the count or a value does not fit
	 */
	public Object[] bind(List<?> values) {
		if (values.size() != this.parameterTypes.length) {
			throw new JobArgumentsException("Task '" + this.task + "' takes " + this.parameterTypes.length
					+ " argument(s) but " + values.size() + " are configured");
		}
		Object[] bound = new Object[values.size()];
		for (int i = 0; i < bound.length; i++) {
			try {
				bound[i] = this.mapper.convertValue(configuredValue(values.get(i), this.parameterTypes[i]),
						this.parameterTypes[i]);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				throw new JobArgumentsException("Task '" + this.task + "' expects argument " + (i + 1) + " of type "
						+ this.parameterTypes[i].toCanonical() + ", which '" + values.get(i) + "' is not", ex);
			}
			if (bound[i] == null && this.parameterTypes[i].isPrimitive()) {
				throw new JobArgumentsException("Task '" + this.task + "' argument " + (i + 1) + " is a "
						+ this.parameterTypes[i].toCanonical() + " and cannot be null");
			}
		}
		return bound;
	}

	/**
	 * Configuration binds every scalar as text, while the job mapper coerces no text to a number
	 * or a boolean: text that reads as JSON ({@code 7}, {@code true}, {@code [1,2]}) is taken as
	 * that JSON for any parameter but a {@code String}; any other text stays text.
	 */
	private Object configuredValue(Object value, JavaType type) {
		if (!(value instanceof String text) || type.hasRawClass(String.class)) {
			return value;
		}
		try {
			return this.mapper.readTree(text);
		}
		catch (JacksonException ex) {
			return text;
		}
	}

	/**
	 * Decodes a job's arguments by the parameter types. A message written before trailing
	 * parameters that may be missing ({@code Optional} or {@code @Nullable}) were added carries
	 * fewer arguments: those parameters get {@code null} (an empty {@code Optional}).
	 * @param args the JSON array from the envelope
	 * @return the arguments, ready for the method
	 * @throws ArgumentMismatchException if the count or an element does not fit its type
	 */
	public Object[] decode(ArrayNode args) {
		if (args.size() > this.parameterTypes.length || args.size() < this.required) {
			throw new ArgumentMismatchException("Task '" + this.task + "' takes " + this.parameterTypes.length
					+ " argument(s) but the message carried " + args.size());
		}
		Object[] values = new Object[this.parameterTypes.length];
		for (int i = 0; i < values.length; i++) {
			// A trailing parameter added since the job was written reads as a JSON null.
			JsonNode node = (i < args.size()) ? args.get(i) : NullNode.getInstance();
			try {
				values[i] = this.readers[i].readValue(node);
			}
			catch (JacksonException ex) {
				// Neither Jackson's message nor the exception itself: both quote the value, and the
				// error text reaches the record, the dead letter's headers (its stack trace with
				// every cause) and the log. An argument may be a secret.
				throw new ArgumentMismatchException("Task '" + this.task + "' expects argument " + parameter(i)
						+ " of type " + this.parameterTypes[i].toCanonical() + " but the message carried a JSON "
						+ node.getNodeType().name().toLowerCase() + ArgumentMismatchException.where(ex)
						+ "; dead-lettered (reason: ARGUMENT_TYPE)");
			}
			if (values[i] == null && this.parameterTypes[i].isPrimitive()) {
				throw new ArgumentMismatchException("Task '" + this.task + "' argument " + parameter(i) + " is a "
						+ this.parameterTypes[i].toCanonical() + " and cannot be null; dead-lettered (reason:"
						+ " ARGUMENT_TYPE)");
			}
		}
		return values;
	}

	/** The parameter's position, and its name where the method was compiled with {@code -parameters}. */
	/**
	 * Whether a trailing parameter may be missing from a message, so that adding it to a task needs
	 * no new version: an {@code Optional}, or a parameter annotated {@code @Nullable} (any
	 * annotation of that simple name, such as JSpecify's).
	 */
	private static boolean mayBeMissing(Parameter parameter) {
		if (parameter.getType() == Optional.class) {
			return true;
		}
		return Stream.concat(Arrays.stream(parameter.getAnnotations()),
				Arrays.stream(parameter.getAnnotatedType().getAnnotations()))
			.anyMatch((annotation) -> annotation.annotationType().getSimpleName().equals("Nullable"));
	}

	private String parameter(int index) {
		String name = this.parameterNames[index];
		return (index + 1) + ((name != null) ? " (" + name + ")" : "");
	}

	/**
	 * Encodes a task's return value for the result record.
	 * @param value the return value
	 * @return its JSON tree
	 */
	public JsonNode encodeResult(Object value) {
		return this.mapper.valueToTree(value);
	}

}
