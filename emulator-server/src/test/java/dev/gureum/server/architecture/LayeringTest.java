package dev.gureum.server.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering every module follows: domain and storage code knows no HTTP, no JSON library and no wire
 * format; service modules reach each other only through core's interfaces; core knows no service.
 * Checked here because this module sees the main classes of every module.
 */
@AnalyzeClasses(packages = "dev.gureum", importOptions = LayeringTest.MainClassesOnly.class)
class LayeringTest {

    /**
     * Domain and storage classes (top-level names; their nested classes go with them) that still break the
     * first rule. Each is removed from this list as soon as it conforms: {@link #knownExceptionsStillBreakTheRule}
     * fails for one that already does. The list is to become empty; never add to it.
     */
    static final Set<String> KNOWN_DOMAIN_EXCEPTIONS = Set.of(
            // Lambda's domain keeps JSON documents (VPC config, event filters, function URL CORS) as JsonNode
            "dev.gureum.lambda.domain.EventSourceMapping",
            "dev.gureum.lambda.domain.FunctionConfig",
            "dev.gureum.lambda.domain.UrlConfig");

    private static final DescribedPredicate<JavaClass> KNOWN_EXCEPTION = DescribedPredicate.describe(
            "a known exception", c -> KNOWN_DOMAIN_EXCEPTIONS.contains(topLevelName(c)));

    private static final String[] SERVICES = {"dev.gureum.s3..", "dev.gureum.sqs..", "dev.gureum.sns..",
            "dev.gureum.lambda..", "dev.gureum.ec2.."};

    private static ArchRule domainAndStorageAreFreeOfWireConcerns(DescribedPredicate<JavaClass> exempt) {
        return noClasses().that().resideInAnyPackage("..domain..", "..storage..").and(DescribedPredicate.not(exempt))
                .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "com.fasterxml.jackson..",
                        "..protocol..", "..http..")
                .because("domain logic and stored state are plain data, decoded and encoded by the protocol layer");
    }

    @ArchTest
    static final ArchRule domainAndStorageKnowNoHttpJsonOrProtocol =
            domainAndStorageAreFreeOfWireConcerns(KNOWN_EXCEPTION);

    @ArchTest
    static final ArchRule s3DependsOnNoOtherService = noClasses().that().resideInAPackage("dev.gureum.s3..")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.s3.."))
            .because("services reach each other through core's interfaces");

    /** SQS and SNS share a module (SNS delivers to SQS more than anywhere else), so they may use each other. */
    @ArchTest
    static final ArchRule sqsAndSnsDependOnNoOtherService = noClasses()
            .that().resideInAnyPackage("dev.gureum.sqs..", "dev.gureum.sns..")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.sqs..", "dev.gureum.sns.."))
            .because("services reach each other through core's interfaces");

    @ArchTest
    static final ArchRule lambdaDependsOnNoOtherService = noClasses().that().resideInAPackage("dev.gureum.lambda..")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.lambda.."))
            .because("services reach each other through core's interfaces");

    @ArchTest
    static final ArchRule ec2DependsOnNoOtherService = noClasses().that().resideInAPackage("dev.gureum.ec2..")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.ec2.."))
            .because("services reach each other through core's interfaces");

    @ArchTest
    static final ArchRule coreDependsOnNoService = noClasses().that().resideInAPackage("dev.gureum.core..")
            .should().dependOnClassesThat().resideInAnyPackage(except())
            .because("the core holds no list of services: each module registers itself");

    /** A known exception that conforms, or that no longer exists, is taken off the list. */
    @ArchTest
    static void knownExceptionsStillBreakTheRule(JavaClasses classes) {
        EvaluationResult strict = domainAndStorageAreFreeOfWireConcerns(DescribedPredicate.alwaysFalse())
                .evaluate(classes);
        Set<String> breaking = new TreeSet<>();
        strict.handleViolations((Collection<Dependency> dependencies, String message) ->
                dependencies.forEach(d -> breaking.add(topLevelName(d.getOriginClass()))));
        assertThat(breaking).as("classes breaking the domain rule; remove the others from KNOWN_DOMAIN_EXCEPTIONS")
                .containsAll(KNOWN_DOMAIN_EXCEPTIONS);
    }

    private static String topLevelName(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getName();
    }

    /** The service packages other than the given ones. */
    private static String[] except(String... own) {
        return java.util.Arrays.stream(SERVICES).filter(s -> !Set.of(own).contains(s)).toArray(String[]::new);
    }

    /** The main classes of the modules: not their tests, nor core's test jar. */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }
}
