package dev.jobs;

import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package table of {@code DESIGN.md}, enforced on the production classes. Every rule must
 * select classes ({@code allowEmptyShould(false)}), so a renamed package fails here instead of
 * silently passing.
 */
class PackageDependencyTests {

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.jobs");

	private static final String[] BROKER_AND_STORE_CLIENTS = { "org.springframework.amqp..", "com.rabbitmq..",
			"org.springframework.data.redis..", "io.lettuce.." };

	private static final String[] ADAPTERS_AND_WIRING = { "dev.jobs.rabbit..", "dev.jobs.redis..",
			"dev.jobs.autoconfigure..", "dev.jobs.actuate..", "dev.jobs.schedule..", "dev.jobs.outbox..",
			"dev.jobs.dashboard.." };

	@Test
	void publicApiDependsOnlyOnTheJdkAndItself() {
		classes().that()
			.resideInAnyPackage("dev.jobs", "dev.jobs.workflow")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "dev.jobs", "dev.jobs.workflow")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void engineKnowsNoBrokerOrStoreClient() {
		noClasses().that()
			.resideInAPackage("dev.jobs.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BROKER_AND_STORE_CLIENTS)
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void engineKnowsNoAdapterAndNoWiring() {
		noClasses().that()
			.resideInAPackage("dev.jobs.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ADAPTERS_AND_WIRING)
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void engineDependsOnlyOnTheApiSpringFrameworkAndJackson() {
		classes().that()
			.resideInAPackage("dev.jobs.core..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "dev.jobs", "dev.jobs.workflow", "dev.jobs.core..", "tools.jackson..",
					"com.fasterxml.jackson.annotation..", "org.springframework.core..", "org.springframework.util..",
					"org.springframework.lang..", "org.springframework.asm..", "org.springframework.beans..",
					"org.springframework.context..", "org.springframework.scheduling..", "org.springframework.aop..",
					"org.springframework.expression..",
					"org.aopalliance..",
					"org.springframework.transaction..", "org.apache.commons.logging..", "org.jspecify..",
					// The MDC only, for the job a log line was written in (JobLogContext).
					"org.slf4j..",
					// The Observation API, which Spring Framework depends on (JobObservations).
					"io.micrometer.observation..", "io.micrometer.common..")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void rabbitAdapterNeverDependsOnTheRedisAdapter() {
		noClasses().that()
			.resideInAPackage("dev.jobs.rabbit..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.jobs.redis..", "org.springframework.data.redis..", "io.lettuce..")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void redisAdapterNeverDependsOnTheRabbitAdapter() {
		noClasses().that()
			.resideInAPackage("dev.jobs.redis..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.jobs.rabbit..", "org.springframework.amqp..", "com.rabbitmq..")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	/** The outbox adapter speaks JDBC and the engine's ports; the broker is the relay's business. */
	@Test
	void outboxAdapterKnowsNeitherBrokerNorRedis() {
		noClasses().that()
			.resideInAPackage("dev.jobs.outbox..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.jobs.rabbit..", "dev.jobs.redis..", "org.springframework.amqp..", "com.rabbitmq..",
					"org.springframework.data.redis..", "io.lettuce..")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void onlyAutoConfigurationDependsOnAutoConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("dev.jobs.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.jobs.autoconfigure..")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	/**
	 * {@code JobsSettings} converts and checks the bound properties once (with the two
	 * converters it uses); a bean method that read them itself would skip the checks and
	 * convert again.
	 */
	@Test
	void onlyTheSettingsReadTheProperties() {
		noClasses().that()
			.resideInAPackage("dev.jobs..")
			.and()
			.haveNameNotMatching("dev\\.jobs\\.autoconfigure\\.(JobsProperties|JobsSettings|ActuateSettings|RetryPolicyConversion)(\\$.*)?")
			.should()
			.callMethodWhere(target(owner(nameMatching("dev\\.jobs\\.autoconfigure\\.JobsProperties(\\$.*)?"))))
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void enginePackagesAreFreeOfCycles() {
		slices().matching("dev.jobs.core.(*)..").should().beFreeOfCycles().allowEmptyShould(false).check(PRODUCTION);
	}

	@Test
	void actuatorSeesTheEngineOnlyThroughItsPorts() {
		noClasses().that()
			.resideInAPackage("dev.jobs.actuate..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.jobs.core..").and(not(resideInAPackage("dev.jobs.core.port.."))))
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	/**
	 * The dashboard reads and writes through the engine's ports (and the task registry, whose
	 * parameter types check edited arguments), never the broker or store clients or the Actuator
	 * endpoint: it works the same over any adapter.
	 */
	@Test
	void dashboardSeesTheEngineThroughItsPortsAndTasks() {
		noClasses().that()
			.resideInAPackage("dev.jobs.dashboard..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.jobs.core..").and(not(resideInAPackage("dev.jobs.core.port..")))
				.and(not(resideInAPackage("dev.jobs.core.task..")))
				.and(not(resideInAPackage("dev.jobs.core.envelope.."))))
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.jobs.rabbit..", "dev.jobs.redis..", "dev.jobs.actuate..", "org.springframework.amqp..",
					"com.rabbitmq..", "org.springframework.data.redis..", "io.lettuce..", "org.springframework.security..")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	@Test
	void noPackageIsNamedUtilHelperOrCommon() {
		noClasses().should()
			.resideInAnyPackage("..util..", "..utils..", "..helper..", "..helpers..", "..common..")
			.allowEmptyShould(false)
			.check(PRODUCTION);
	}

	/**
	 * The forbidden-dependency rules above pass trivially if a package pattern names nothing;
	 * this pins that the packages and the client libraries they name are really there.
	 */
	@Test
	void theRulesNameRealPackagesAndLibraries() {
		assertThat(packagesOf(PRODUCTION.stream().collect(Collectors.toSet()))).contains("dev.jobs",
				"dev.jobs.core.envelope", "dev.jobs.core.execution", "dev.jobs.core.guard", "dev.jobs.core.task",
				"dev.jobs.core.port", "dev.jobs.actuate.metrics", "dev.jobs.dashboard",
				"dev.jobs.rabbit", "dev.jobs.rabbit.topology", "dev.jobs.rabbit.deadletter", "dev.jobs.redis",
				"dev.jobs.autoconfigure");
		assertThat(dependencyPackagesOf("dev.jobs.rabbit")).anyMatch((name) -> name.startsWith("org.springframework.amqp"))
			.anyMatch((name) -> name.startsWith("com.rabbitmq"));
		assertThat(dependencyPackagesOf("dev.jobs.redis"))
			.anyMatch((name) -> name.startsWith("org.springframework.data.redis"));
		assertThat(dependencyPackagesOf("dev.jobs.autoconfigure")).contains("dev.jobs.autoconfigure")
			.anyMatch((name) -> name.startsWith("dev.jobs.core"));
	}

	private static Set<String> packagesOf(Set<JavaClass> classes) {
		return classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
	}

	private static Set<String> dependencyPackagesOf(String packagePrefix) {
		return PRODUCTION.stream()
			.filter((javaClass) -> javaClass.getPackageName().startsWith(packagePrefix))
			.flatMap((javaClass) -> javaClass.getDirectDependenciesFromSelf().stream())
			.map((dependency) -> dependency.getTargetClass().getPackageName())
			.collect(Collectors.toSet());
	}

}
