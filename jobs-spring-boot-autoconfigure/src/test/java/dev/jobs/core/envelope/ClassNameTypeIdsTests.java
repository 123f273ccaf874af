package dev.jobs.core.envelope;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An application type annotated {@code @JsonTypeInfo(use = Id.CLASS)} would let a message name
 * the class Jackson instantiates for it. Such a task is refused when it is registered, and the
 * job mapper lets no class-name type id through wherever a declared type hides one.
 */
class ClassNameTypeIdsTests {

	private final JsonMapper mapper = JobsJsonMapper.create();

	@ParameterizedTest
	@ValueSource(strings = { "byClass", "byMinimalClass", "inAList", "inAMapValue", "inARecord", "onAField",
			"inASubclass" })
	void taskWhoseParameterTypeNamesClassesIsRefusedAtRegistrationWithTheFix(String methodName) {
		assertThatIllegalArgumentException().isThrownBy(() -> codec(methodName))
			.withMessageStartingWith("Task '" + methodName + "' (" + Tasks.class.getName() + "." + methodName
					+ ") argument 1 (value) of type ")
			.withMessageContaining("annotated @JsonTypeInfo with a class-name type id: a message would choose the class"
					+ " to instantiate")
			.withMessageEndingWith("Use @JsonTypeInfo(use = JsonTypeInfo.Id.NAME) with @JsonSubTypes listing the"
					+ " subtypes");
	}

	@Test
	void refusalNamesWhereTheClassNameTypeIdIsDeclared() {
		assertThatIllegalArgumentException().isThrownBy(() -> codec("onAField"))
			.withMessageContaining("reaches " + Holder.class.getName() + ".shape,");
		assertThatIllegalArgumentException().isThrownBy(() -> codec("inARecord"))
			.withMessageContaining("reaches " + ByClass.class.getName() + ",");
	}

	@Test
	void namedSubtypesStillBindToTheDeclaredOnes() {
		ArgumentCodec codec = codec("byName");

		Object[] args = codec.decode(args("[{\"kind\":\"circle\",\"radius\":2}]"));

		assertThat(args[0]).isEqualTo(new Circle(2));
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec.decode(args("[{\"kind\":\"" + Gadget.class.getName() + "\"}]")));
	}

	@Test
	void classNameTypeIdHiddenFromTheDeclaredTypesIsDeniedWhenRead() {
		Gadget.created.set(0);
		JsonNode json = this.mapper.readTree("{\"@class\":\"" + Gadget.class.getName() + "\"}");

		assertThatExceptionOfType(tools.jackson.databind.exc.InvalidTypeIdException.class)
			.isThrownBy(() -> ResultValues.decode(this.mapper, this.mapper.constructType(ByClass.class), json));
		assertThat(Gadget.created).hasValue(0);
	}

	private ArrayNode args(String json) {
		return (ArrayNode) this.mapper.readTree(json);
	}

	private ArgumentCodec codec(String methodName) {
		Method method = Arrays.stream(Tasks.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		return new ArgumentCodec(methodName, method, this.mapper);
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	interface ByClass {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS)
	interface ByMinimalClass {

	}

	/** Inherits its type id from the interface. */
	abstract static class Animal implements ByClass {

	}

	static class Gadget implements ByClass {

		static final AtomicInteger created = new AtomicInteger();

		Gadget() {
			created.incrementAndGet();
		}

	}

	record Envelope(String name, List<ByClass> parts) {
	}

	static class Holder {

		@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
		public Object shape;

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes(@JsonSubTypes.Type(value = Circle.class, name = "circle"))
	interface Shape {

	}

	record Circle(int radius) implements Shape {
	}

	static class Tasks {

		void byClass(ByClass value) {
		}

		void byMinimalClass(ByMinimalClass value) {
		}

		void inAList(List<ByClass> value) {
		}

		void inAMapValue(Map<String, ByMinimalClass> value) {
		}

		void inARecord(Envelope value) {
		}

		void onAField(Holder value) {
		}

		void inASubclass(Animal value) {
		}

		void byName(Shape value) {
		}

	}

}
