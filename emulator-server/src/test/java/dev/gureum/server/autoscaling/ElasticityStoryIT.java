package dev.gureum.server.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The New Year gym: a group of 2 to 10 behind an application load balancer, with target tracking at 50% CPU,
 * grows across zones when its instances are busy and shrinks back when they are idle, CloudWatch's alarms
 * running its policy, with the clock moved rather than waited for. Its instances run their user data, a small
 * web server that names its instance, which the load balancer's instance target group reaches; the group
 * registers each instance it brings into service. The instances' CPU is EC2's model: the {@code gureum:cpu-load}
 * tag, which the rush sets and its end lowers.
 */
class ElasticityStoryIT {

    /** The gym's web server, on the port the instance's workload is given, answering with its instance id. */
    private static final String USER_DATA = """
            #!/bin/sh
            exec python3 -c '
            import http.server, os, urllib.request
            me = urllib.request.urlopen(os.environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"]
                                        + "latest/meta-data/instance-id").read().decode()
            class Gym(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = me.encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Gym).serve_forever()
            '
            """;

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b
            .services(Set.of("ec2", "autoscaling", "cloudwatch", "elb"))
            .setting("ec2.boot-seconds", "30").setting("ec2.run-user-data", "true"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Moves the server clock a minute at a time until {@code condition} holds, at most {@code limit}. */
    private static void advanceUntil(BooleanSupplier condition, Duration limit) {
        for (Duration moved = Duration.ZERO; !condition.getAsBoolean(); moved = moved.plusMinutes(1)) {
            assertThat(moved).as("time waited for").isLessThan(limit);
            gureum.server().clock().advance(Duration.ofMinutes(1));
        }
    }

    /**
     * Moves the clock by health check intervals until {@code condition} holds: the workloads are real processes,
     * which take real time to listen, so this waits on the condition for at most 60 s of real time.
     */
    private static void checkUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition held in time").isLessThan(deadline);
            gureum.server().clock().advance(Duration.ofSeconds(10));
            Thread.sleep(100);
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        return Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(gureum.endpoint().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The load balancer's answers to {@code requests} requests, counted by the instance that answered. */
    private static Map<String, Integer> traffic(String url, int requests) throws IOException, InterruptedException {
        Map<String, Integer> answeredBy = new HashMap<>();
        for (int n = 0; n < requests; n++) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + "classes")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as("answer %s", answer.body()).isEqualTo(200);
            answeredBy.merge(answer.body(), 1, Integer::sum);
        }
        return answeredBy;
    }

    /** What the group's instances have cost so far, in USD, and how many of them have been billed. */
    private static double cost(Set<String> instances) throws IOException, InterruptedException {
        double cost = 0;
        for (JsonNode account : get("/_gureum/ec2/usage").path("accounts")) {
            for (JsonNode i : account.path("instances")) {
                if (instances.contains(i.path("instanceId").asText())) {
                    cost += i.path("cost").asDouble();
                }
            }
        }
        return cost;
    }

    @Test
    void theGroupGrowsUnderLoadAndShrinksWhenItPasses() throws Exception {
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build();
             AutoScalingClient asg = gureum.configure(AutoScalingClient.builder()).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build();
             ElasticLoadBalancingV2Client elb = gureum.configure(ElasticLoadBalancingV2Client.builder()).build()) {
            List<Subnet> zones = ec2.describeSubnets().subnets().stream().filter(Subnet::defaultForAz)
                    .sorted(Comparator.comparing(Subnet::availabilityZone)).limit(3).toList();
            List<String> subnetIds = zones.stream().map(Subnet::subnetId).toList();
            ec2.createLaunchTemplate(r -> r.launchTemplateName("gym").launchTemplateData(d -> d
                    .imageId("ami-0c02fb55956c7d316").instanceType("t3.micro").monitoring(m -> m.enabled(true))
                    .userData(Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8)))));
            String lb = elb.createLoadBalancer(r -> r.name("gym").subnets(subnetIds)).loadBalancers().get(0)
                    .loadBalancerArn();
            String tg = elb.createTargetGroup(r -> r.name("gym").protocol("HTTP").port(80)
                    .vpcId(zones.get(0).vpcId()).targetType("instance").healthCheckIntervalSeconds(10))
                    .targetGroups().get(0).targetGroupArn();
            elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80)
                    .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
            String url = get("/_gureum/elb").path("loadBalancers").get(0).path("listeners").get(0)
                    .path("localUrl").asText();

            asg.createAutoScalingGroup(r -> r.autoScalingGroupName("gym").minSize(2).maxSize(10).desiredCapacity(2)
                    .launchTemplate(t -> t.launchTemplateName("gym")).vpcZoneIdentifier(String.join(",", subnetIds))
                    .targetGroupARNs(tg).healthCheckType("ELB").healthCheckGracePeriod(300));
            PutScalingPolicyResponse policy = asg.putScalingPolicy(r -> r.autoScalingGroupName("gym")
                    .policyName("cpu50").policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t
                            .targetValue(50.0).predefinedMetricSpecification(m -> m
                                    .predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION))));
            String high = policy.alarms().get(0).alarmName();
            String low = policy.alarms().get(1).alarmName();
            MetricAlarm highAlarm = cw.describeAlarms(r -> r.alarmNames(high)).metricAlarms().get(0);
            assertThat(highAlarm.alarmActions()).containsExactly(policy.policyARN());
            assertThat(highAlarm.alarmDescription()).isEqualTo("DO NOT EDIT OR DELETE. For TargetTrackingScaling "
                    + "policy " + policy.policyARN() + ".");
            assertThat(cw.describeAlarms(r -> r.alarmNames(low)).metricAlarms().get(0).threshold()).isEqualTo(45.0);

            // the two instances boot, run their web server and pass the load balancer's checks
            checkUntil(() -> healthy(elb, tg).size() == 2);
            Set<String> first = group(asg).instances().stream().map(Instance::instanceId).collect(Collectors.toSet());
            assertThat(healthy(elb, tg)).isEqualTo(first);
            assertThat(traffic(url, 20)).containsOnlyKeys(first).allSatisfy((id, n) -> assertThat(n).isEqualTo(10));
            double quietCost = cost(first);

            // the New Year rush: the two instances are 90% busy (and so would be any the group launched)
            busy(asg, ec2, first, "90");
            Instant start = gureum.server().clock().instant();
            advanceUntil(() -> group(asg).desiredCapacity() > 2, Duration.ofMinutes(8));
            // 2 instances at 90% for a 50% target: 4 instances, after 3 minutes of the high alarm
            AutoScalingGroup grown = group(asg);
            assertThat(grown.desiredCapacity()).isEqualTo(4);
            assertThat(Duration.between(start, gureum.server().clock().instant())).isGreaterThanOrEqualTo(
                    Duration.ofMinutes(3));
            assertThat(cw.describeAlarms(r -> r.alarmNames(high)).metricAlarms().get(0).stateValue())
                    .isEqualTo(StateValue.ALARM);
            Activity grew = asg.describeScalingActivities(r -> r.autoScalingGroupName("gym")).activities().get(0);
            assertThat(grew.cause()).matches("At \\S+Z a monitor alarm " + high + " in state ALARM triggered policy "
                    + "cpu50 changing the desired capacity from 2 to 4\\.  At \\S+Z an instance was started in "
                    + "response to a difference between desired and actual capacity, increasing the capacity from 2 "
                    + "to 4\\.");
            assertThat(grown.instances()).hasSize(4);
            assertThat(grown.instances().stream().map(Instance::availabilityZone).distinct()).hasSize(3);

            // the rush's load, shared by four instances, keeps each 45% busy: within the target, no alarm fires
            Set<String> four = grown.instances().stream().map(Instance::instanceId).collect(Collectors.toSet());
            busy(asg, ec2, four, "45");

            // the new instances are registered, become healthy, and the traffic is spread over all four
            checkUntil(() -> healthy(elb, tg).equals(four));
            assertThat(traffic(url, 40)).containsOnlyKeys(four).allSatisfy((id, n) -> assertThat(n).isEqualTo(10));
            double rushCost = cost(four);
            assertThat(rushCost).isGreaterThan(quietCost);
            // four instances billed now, at one t3.micro's rate each
            double before = cost(four);
            gureum.server().clock().advance(Duration.ofHours(1));
            assertThat(cost(four) - before).isCloseTo(4 * 0.0104, within(0.001));

            // the rush is over: the instances idle at 10%
            busy(asg, ec2, four, "10");
            advanceUntil(() -> group(asg).desiredCapacity() < 4, Duration.ofMinutes(25));
            AutoScalingGroup shrunk = group(asg);
            // back to the minimum, not below
            assertThat(shrunk.desiredCapacity()).isEqualTo(2);
            assertThat(cw.describeAlarms(r -> r.alarmNames(low)).metricAlarms().get(0).stateValue())
                    .isEqualTo(StateValue.ALARM);
            assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("gym")).activities().get(0).cause())
                    .contains("a monitor alarm " + low + " in state ALARM triggered policy cpu50 changing the desired "
                            + "capacity from 4 to 2.");
            // the two instances scaled in leave the group once terminated
            advanceUntil(() -> group(asg).instances().size() == 2, Duration.ofMinutes(5));
            Set<String> last = group(asg).instances().stream().map(Instance::instanceId).collect(Collectors.toSet());
            assertThat(last).hasSize(2);
            // the two that left are deregistered: the load balancer sends only to the two that stay
            checkUntil(() -> healthy(elb, tg).equals(last));
            assertThat(traffic(url, 20)).containsOnlyKeys(last);
            // and only those two are billed
            before = cost(four);
            gureum.server().clock().advance(Duration.ofHours(1));
            assertThat(cost(four) - before).isCloseTo(2 * 0.0104, within(0.001));

            // deleting the policy deletes its alarms
            asg.deletePolicy(r -> r.autoScalingGroupName("gym").policyName("cpu50"));
            assertThat(cw.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-gym-")).metricAlarms()).isEmpty();
            asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("gym").forceDelete(true));
        }
    }

    /**
     * The tutorial's rush, which it lets last: while the high alarm stays in ALARM it runs the policy again each
     * minute, and the group, whose new instances are as busy, grows 2, 4, 8, then its maximum of 10; when the rush
     * is over the low alarm brings it back to 2 (10 instances at 10% for 50%) in one step.
     */
    @Test
    void aRushThatLastsGrowsTheGroupToItsMaximumMinuteByMinute() {
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build();
             AutoScalingClient asg = gureum.configure(AutoScalingClient.builder()).build()) {
            String subnets = ec2.describeSubnets().subnets().stream().filter(Subnet::defaultForAz)
                    .sorted(Comparator.comparing(Subnet::availabilityZone)).limit(3).map(Subnet::subnetId)
                    .collect(Collectors.joining(","));
            ec2.createLaunchTemplate(r -> r.launchTemplateName("rush").launchTemplateData(d -> d
                    .imageId("ami-0c02fb55956c7d316").instanceType("t3.micro").monitoring(m -> m.enabled(true))));
            asg.createAutoScalingGroup(r -> r.autoScalingGroupName("rush").minSize(2).maxSize(10).desiredCapacity(2)
                    .launchTemplate(t -> t.launchTemplateName("rush")).vpcZoneIdentifier(subnets)
                    .tags(t -> t.key("gureum:cpu-load").value("90").propagateAtLaunch(true)));
            String high = asg.putScalingPolicy(r -> r.autoScalingGroupName("rush").policyName("cpu50")
                    .policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t.targetValue(50.0)
                            .predefinedMetricSpecification(m -> m
                                    .predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION))))
                    .alarms().get(0).alarmName();
            advanceUntil(() -> groupNamed(asg, "rush").desiredCapacity() == 10, Duration.ofMinutes(12));
            List<String> steps = asg.describeScalingActivities(r -> r.autoScalingGroupName("rush")).activities()
                    .stream().map(Activity::cause).filter(c -> c.contains("a monitor alarm " + high))
                    .map(c -> c.replaceAll(".* changing the desired capacity (from \\d+ to \\d+)\\..*", "$1"))
                    .distinct().toList();
            // the newest first, as DescribeScalingActivities lists them
            assertThat(steps).containsExactly("from 8 to 10", "from 4 to 8", "from 2 to 4");
            assertThat(groupNamed(asg, "rush").instances()).hasSize(10);
            assertThat(groupNamed(asg, "rush").instances().stream().map(Instance::availabilityZone).distinct())
                    .hasSize(3);

            asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("rush").resourceType("auto-scaling-group")
                    .key("gureum:cpu-load").value("10").propagateAtLaunch(true)));
            ec2.createTags(r -> r.resources(groupNamed(asg, "rush").instances().stream().map(Instance::instanceId)
                    .toList()).tags(t -> t.key("gureum:cpu-load").value("10")));
            advanceUntil(() -> groupNamed(asg, "rush").desiredCapacity() < 10, Duration.ofMinutes(25));
            assertThat(groupNamed(asg, "rush").desiredCapacity()).isEqualTo(2);
            assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("rush")).activities().get(0).cause())
                    .contains("in state ALARM triggered policy cpu50 changing the desired capacity from 10 to 2.");
            asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("rush").forceDelete(true));
        }
    }

    private static AutoScalingGroup groupNamed(AutoScalingClient asg, String name) {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0);
    }

    /** How busy the group's instances are, and those it launches from now on. */
    private static void busy(AutoScalingClient asg, Ec2Client ec2, Set<String> instances, String cpu) {
        asg.createOrUpdateTags(r -> r.tags(t -> t.resourceId("gym").resourceType("auto-scaling-group")
                .key("gureum:cpu-load").value(cpu).propagateAtLaunch(true)));
        ec2.createTags(r -> r.resources(instances).tags(t -> t.key("gureum:cpu-load").value(cpu)));
    }

    private static AutoScalingGroup group(AutoScalingClient asg) {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("gym")).autoScalingGroups().get(0);
    }

    /** The instances the target group finds healthy. */
    private static Set<String> healthy(ElasticLoadBalancingV2Client elb, String tg) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
                .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
                .map(d -> d.target().id()).collect(Collectors.toSet());
    }
}
