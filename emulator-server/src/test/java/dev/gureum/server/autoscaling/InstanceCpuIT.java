package dev.gureum.server.autoscaling;

import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where an instance's CPUUtilization comes from: the process its user data runs, measured, or, for an instance
 * without one, the requests its load balancer sends it, modelled; and target tracking scaling on the latter.
 */
class InstanceCpuIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b
            .services(Set.of("ec2", "autoscaling", "cloudwatch", "elb"))
            .setting("ec2.boot-seconds", "5").setting("ec2.run-user-data", "true"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Ec2Client ec2() {
        return gureum.configure(Ec2Client.builder()).build();
    }

    private static String launch(Ec2Client ec2, String userData) {
        return ec2.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType("t2.micro").minCount(1)
                .maxCount(1).monitoring(m -> m.enabled(true)).userData(userData == null ? null : Base64.getEncoder()
                        .encodeToString(userData.getBytes(StandardCharsets.UTF_8)))).instances().get(0).instanceId();
    }

    private static Datapoint cpu(CloudWatchClient cw, String dimension, String value, Instant from, Instant to) {
        List<Datapoint> points = cw.getMetricStatistics(r -> r.namespace("AWS/EC2").metricName("CPUUtilization")
                .dimensions(d -> d.name(dimension).value(value)).startTime(from).endTime(to).period(60)
                .statistics(Statistic.AVERAGE)).datapoints();
        assertThat(points).as("CPUUtilization of %s", value).isNotEmpty();
        return points.stream().max(Comparator.comparing(Datapoint::timestamp)).orElseThrow();
    }

    @Test
    void anInstanceRunningAWorkloadHasTheCpuItsProcessesUse() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "processes are measured from /proc");
        try (Ec2Client ec2 = ec2(); CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            // one instance's script keeps a CPU busy in a child process, the other's sleeps
            String busy = launch(ec2, "#!/bin/sh\nsh -c 'while :; do :; done' &\nwait\n");
            String idle = launch(ec2, "#!/bin/sh\nexec sleep 600\n");
            Instant start = gureum.server().clock().instant();
            gureum.server().clock().advance(Duration.ofSeconds(10));
            assertThat(ec2.describeInstances(r -> r.instanceIds(busy, idle)).reservations().stream()
                    .flatMap(r -> r.instances().stream()).map(i -> i.state().name()))
                    .containsOnly(InstanceStateName.RUNNING);
            // the scripts run for a second of real time, then a minute of the server clock ends
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (gureum.server().services().get("ec2") instanceof dev.gureum.core.spi.InstanceWorkloads w
                    && (w.address("000000000000", "us-east-1", busy, 80).isEmpty()
                    || w.address("000000000000", "us-east-1", idle, 80).isEmpty())) {
                assertThat(System.nanoTime()).as("the scripts started").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(2000);
            gureum.server().clock().advance(Duration.ofMinutes(1));
            Instant end = gureum.server().clock().instant();
            // a t2.micro has one vCPU: the busy loop takes as much of it as this machine gives (on a loaded
            // machine, a small share), the sleeping script none
            double busyCpu = cpu(cw, "InstanceId", busy, start, end).average();
            double idleCpu = cpu(cw, "InstanceId", idle, start, end).average();
            assertThat(busyCpu).isGreaterThan(2.0).isLessThanOrEqualTo(100.0);
            assertThat(idleCpu).isLessThan(2.0).isLessThan(busyCpu / 2);
            ec2.terminateInstances(r -> r.instanceIds(busy, idle));
        }
    }

    @Test
    void requestsToInstancesWithoutWorkloadsMakeTheirCpuAndTheGroupScalesOut() throws Exception {
        try (Ec2Client ec2 = ec2();
             AutoScalingClient asg = gureum.configure(AutoScalingClient.builder()).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build();
             ElasticLoadBalancingV2Client elb = gureum.configure(ElasticLoadBalancingV2Client.builder()).build()) {
            List<Subnet> zones = ec2.describeSubnets().subnets().stream().filter(Subnet::defaultForAz)
                    .sorted(Comparator.comparing(Subnet::availabilityZone)).limit(2).toList();
            List<String> subnetIds = zones.stream().map(Subnet::subnetId).toList();
            // no user data: the instances run nothing, their CPU is modelled from what they are sent
            ec2.createLaunchTemplate(r -> r.launchTemplateName("api").launchTemplateData(d -> d
                    .imageId("ami-0c02fb55956c7d316").instanceType("t2.micro").monitoring(m -> m.enabled(true))));
            String lb = elb.createLoadBalancer(r -> r.name("api").subnets(subnetIds)).loadBalancers().get(0)
                    .loadBalancerArn();
            String tg = elb.createTargetGroup(r -> r.name("api").protocol("HTTP").port(80)
                    .vpcId(zones.get(0).vpcId()).targetType("instance")).targetGroups().get(0).targetGroupArn();
            elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
            String url = null;
            for (var l : Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(gureum.endpoint()
                    .resolve("/_gureum/elb")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("loadBalancers")) {
                if (l.path("arn").asText().equals(lb)) {
                    url = l.path("listeners").get(0).path("localUrl").asText();
                }
            }
            assertThat(url).isNotNull();
            asg.createAutoScalingGroup(r -> r.autoScalingGroupName("api").minSize(1).maxSize(4).desiredCapacity(1)
                    .launchTemplate(t -> t.launchTemplateName("api")).vpcZoneIdentifier(String.join(",", subnetIds))
                    .targetGroupARNs(tg));
            String high = asg.putScalingPolicy(r -> r.autoScalingGroupName("api").policyName("cpu50")
                    .policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t.targetValue(50.0)
                            .predefinedMetricSpecification(m -> m
                                    .predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION))))
                    .alarms().get(0).alarmName();
            for (int i = 0; i < 6 && !inService(asg); i++) {
                gureum.server().clock().advance(Duration.ofSeconds(10));
            }
            assertThat(inService(asg)).isTrue();
            String instance = group(asg).instances().get(0).instanceId();
            assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions())
                    .extracting(d -> d.target().id()).containsExactly(instance);

            // 900 requests a minute at 50 ms of CPU each: 45 s of the t2.micro's one vCPU, 75% (and 0.5% idle)
            Instant start = gureum.server().clock().instant();
            for (int minute = 0; group(asg).desiredCapacity() == 1; minute++) {
                assertThat(minute).as("minutes of load").isLessThan(8);
                for (int n = 0; n < 900; n++) {
                    // the instance runs no web server: the load balancer answers 502, the requests were sent to it
                    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(502);
                }
                gureum.server().clock().advance(Duration.ofMinutes(1));
            }
            Instant end = gureum.server().clock().instant();
            // (and a little for the bytes of the load balancer's 502 answers)
            assertThat(cpu(cw, "InstanceId", instance, start, end).average()).isCloseTo(75.5, within(0.1));
            assertThat(cpu(cw, "AutoScalingGroupName", "api", start, end).average()).isCloseTo(75.5, within(0.1));
            // one instance at 75.5% for a 50% target: two
            assertThat(group(asg).desiredCapacity()).isEqualTo(2);
            Activity grew = asg.describeScalingActivities(r -> r.autoScalingGroupName("api")).activities().get(0);
            assertThat(grew.cause()).matches("At \\S+Z a monitor alarm " + high + " in state ALARM triggered policy "
                    + "cpu50 changing the desired capacity from 1 to 2\\.  At \\S+Z an instance was started in "
                    + "response to a difference between desired and actual capacity, increasing the capacity from 1 "
                    + "to 2\\.");
            asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("api").forceDelete(true));
        }
    }

    private static boolean inService(AutoScalingClient asg) {
        return group(asg).instances().stream().anyMatch(i -> i.lifecycleState() == LifecycleState.IN_SERVICE);
    }

    private static software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup group(AutoScalingClient asg) {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("api")).autoScalingGroups().get(0);
    }
}
