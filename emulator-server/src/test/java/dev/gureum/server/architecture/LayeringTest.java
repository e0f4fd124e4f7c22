package dev.gureum.server.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every module follows: domain and storage code knows no HTTP, no JSON library and no wire
 * format; service modules reach each other only through core's interfaces; core knows no service.
 * Checked here because this module sees the main classes of every module.
 */
@AnalyzeClasses(packages = "dev.gureum", importOptions = LayeringTest.MainClassesOnly.class)
class LayeringTest {

    private static final String[] SERVICES = {"dev.gureum.s3..", "dev.gureum.sqs..", "dev.gureum.sns..",
            "dev.gureum.lambda..", "dev.gureum.ec2..", "dev.gureum.elb..", "dev.gureum.iam.."};

    @ArchTest
    static final ArchRule domainAndStorageKnowNoHttpJsonOrProtocol = noClasses()
            .that().resideInAnyPackage("..domain..", "..storage..")
            .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "com.fasterxml.jackson..",
                    "..protocol..", "..http..")
            .because("domain logic and stored state are plain data, decoded and encoded by the protocol layer");

    /** CloudWatch's domain packages are named for what they hold rather than {@code domain}. */
    @ArchTest
    static final ArchRule cloudWatchAlarmsKnowNoHttpJsonOrProtocol = noClasses()
            .that().resideInAPackage("dev.gureum.monitoring.alarms..")
            .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "com.fasterxml.jackson..",
                    "..protocol..", "..http..")
            .because("domain logic and stored state are plain data, decoded and encoded by the protocol layer");

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
    static final ArchRule iamDependsOnNoOtherService = noClasses().that().resideInAPackage("dev.gureum.iam..")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.iam.."))
            .because("services reach each other through core's interfaces");

    @ArchTest
    static final ArchRule ec2DependsOnNoOtherService = noClasses().that().resideInAPackage("dev.gureum.ec2..")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.ec2.."))
            .because("services reach each other through core's interfaces");

    /**
     * Elastic Load Balancing shares EC2's module: only its module class's network view reads EC2's world (subnets,
     * security groups), in process; everything else of it knows no other service.
     */
    @ArchTest
    static final ArchRule elbDependsOnNoOtherService = noClasses().that().resideInAPackage("dev.gureum.elb..")
            .and().doNotHaveFullyQualifiedName("dev.gureum.elb.Ec2Network")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.elb.."))
            .because("services reach each other through core's interfaces");

    @ArchTest
    static final ArchRule elbReadsOnlyEc2 = noClasses().that().resideInAPackage("dev.gureum.elb..")
            .should().dependOnClassesThat().resideInAnyPackage(except("dev.gureum.elb..", "dev.gureum.ec2.."))
            .because("services reach each other through core's interfaces");

    @ArchTest
    static final ArchRule coreDependsOnNoService = noClasses().that().resideInAPackage("dev.gureum.core..")
            .should().dependOnClassesThat().resideInAnyPackage(except())
            .because("the core holds no list of services: each module registers itself");

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
