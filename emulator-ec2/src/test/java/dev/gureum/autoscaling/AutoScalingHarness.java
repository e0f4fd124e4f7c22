package dev.gureum.autoscaling;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.core.spi.TopicPublisher;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordingMetricSink;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.ec2.Ec2Module;
import dev.gureum.ec2.domain.Ec2Settings;
import dev.gureum.elb.ElbModule;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** EC2, ELB and Auto Scaling in process on a free port, on a server clock the test moves, with SDK clients. */
final class AutoScalingHarness implements AutoCloseable {

    static final String AMI = "ami-0c02fb55956c7d316";

    /** A message Auto Scaling sent to a queue or topic. */
    record Sent(String target, String subject, String body) {
    }

    final List<Sent> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final RecordingMetricSink metrics = new RecordingMetricSink();
    final EmbeddedFrontEnd frontEnd;
    final AutoScalingClient asg;
    final Ec2Client ec2;
    final ElasticLoadBalancingV2Client elb;

    AutoScalingHarness() {
        this(null);
    }

    /** With the state kept in {@code dataDir} (a restart is a second harness on it), or none. */
    AutoScalingHarness(Path dataDir) {
        this(dataDir, Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)));
    }

    /** With EC2's own settings (a smaller fleet, say). */
    AutoScalingHarness(Path dataDir, Ec2Settings settings) {
        Ec2Module ec2Module = new Ec2Module(settings);
        frontEnd = dataDir == null
                ? new EmbeddedFrontEnd(clock, Map.of(), ec2Module, new ElbModule(), new AutoScalingModule())
                : EmbeddedFrontEnd.persistent(dataDir, clock, ec2Module, new ElbModule(), new AutoScalingModule());
        frontEnd.bind(MetricSink.class, () -> metrics);
        frontEnd.bind(QueueDelivery.class, () -> (sender, queueArn, message) -> {
            messages.add(new Sent(queueArn, null, message.body()));
            return "m-" + messages.size();
        });
        frontEnd.bind(TopicPublisher.class, () -> (publisher, topicArn, message, subject, attributes) -> {
            messages.add(new Sent(topicArn, subject, message));
            return "m-" + messages.size();
        });
        asg = SdkClients.withoutRetries(SdkClients.configure(AutoScalingClient.builder(), frontEnd.endpoint())).build();
        ec2 = SdkClients.configure(Ec2Client.builder(), frontEnd.endpoint()).build();
        elb = SdkClients.configure(ElasticLoadBalancingV2Client.builder(), frontEnd.endpoint()).build();
    }

    /** Moves the server clock, running every timer due on the way. */
    void advance(Duration duration) {
        frontEnd.serverClock().advance(duration);
    }

    /** The default VPC's subnets, one per zone, in zone order. */
    List<Subnet> defaultSubnets() {
        return ec2.describeSubnets().subnets().stream().filter(Subnet::defaultForAz)
                .sorted(Comparator.comparing(Subnet::availabilityZone)).toList();
    }

    /** The first {@code n} default subnets, as a VPCZoneIdentifier. */
    String subnets(int n) {
        return defaultSubnets().stream().limit(n).map(Subnet::subnetId).collect(Collectors.joining(","));
    }

    String template(String name, String type) {
        return ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
                .launchTemplateData(d -> d.imageId(AMI).instanceType(type))).launchTemplate().launchTemplateId();
    }

    /** A group of the template, in {@code zones} default subnets. */
    AutoScalingGroup group(String name, String templateId, int min, int max, int desired, int zones) {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(min).maxSize(max).desiredCapacity(desired)
                .launchTemplate(t -> t.launchTemplateId(templateId)).vpcZoneIdentifier(subnets(zones)));
        return describe(name);
    }

    AutoScalingGroup describe(String name) {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0);
    }

    List<Activity> activities(String name) {
        return asg.describeScalingActivities(r -> r.autoScalingGroupName(name)).activities();
    }

    Instance instance(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Override
    public void close() {
        asg.close();
        ec2.close();
        elb.close();
        frontEnd.close();
    }
}
