package dev.gureum.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing the type of a stopped instance: another host family at its next start, at the new type's price. */
class ScaleUpIT {

    private static final String ZONE = "us-east-1a";

    private final Ec2Harness harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5))
            .withHostsPerFamily(1));
    private final Ec2Client ec2 = harness.ec2("111111111111", "us-east-1");

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    /** The family of the host an instance runs on, with its type there; empty when on none. */
    private List<String> placement(String id) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode h : Json.mapper().readTree(harness.get("/_gureum/ec2/hosts?region=us-east-1")).get("hosts")) {
            for (JsonNode i : h.get("instances")) {
                if (i.get("instanceId").asText().equals(id)) {
                    out.add(h.get("instanceFamily").asText());
                    out.add(i.get("instanceType").asText());
                }
            }
        }
        return out;
    }

    private JsonNode periods(String id) throws Exception {
        for (JsonNode a : Json.mapper().readTree(harness.get("/_gureum/ec2/usage")).get("accounts")) {
            for (JsonNode i : a.get("instances")) {
                if (i.get("instanceId").asText().equals(id)) {
                    return i.get("periods");
                }
            }
        }
        throw new AssertionError("no usage for " + id);
    }

    @Test
    void aStoppedInstanceMovesToAHostOfItsNewFamilyAndPrice() throws Exception {
        String id = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType("m5.large").minCount(1)
                .maxCount(1).placement(p -> p.availabilityZone(ZONE))).instances().get(0).instanceId();
        harness.clock.advanceSeconds(5);
        assertThat(placement(id)).containsExactly("m5", "m5.large");
        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(a -> a.value("c5.xlarge"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectInstanceState"));

        harness.clock.advanceSeconds(3600);
        ec2.stopInstances(r -> r.instanceIds(id));
        harness.clock.advanceSeconds(5);
        assertThat(placement(id)).isEmpty();
        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(a -> a.value("c5.huge"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(a -> a.value("c7g.large"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        // the flat form of the CLI's --instance-type: Attribute and Value
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.INSTANCE_TYPE).value("c5.xlarge"));
        assertThat(describe(id).instanceTypeAsString()).isEqualTo("c5.xlarge");

        ec2.startInstances(r -> r.instanceIds(id));
        harness.clock.advanceSeconds(5);
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(placement(id)).containsExactly("c5", "c5.xlarge");
        harness.clock.advanceSeconds(3600);

        JsonNode periods = periods(id);
        assertThat(periods).hasSize(2);
        double before = periods.get(0).get("ratePerHour").asDouble();
        double after = periods.get(1).get("ratePerHour").asDouble();
        assertThat(before).isEqualTo(0.096);
        assertThat(after).isEqualTo(0.17);
    }

    @Test
    void aStartFindsNoRoomOnTheNewFamilysHosts() throws Exception {
        String id = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType("m5.large").minCount(1)
                .maxCount(1).placement(p -> p.availabilityZone(ZONE))).instances().get(0).instanceId();
        harness.clock.advanceSeconds(5);
        ec2.stopInstances(r -> r.instanceIds(id));
        harness.clock.advanceSeconds(5);
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(a -> a.value("c5.large")));
        // another account fills the zone's one c5 host
        Ec2Client other = harness.ec2("222222222222", "us-east-1");
        int filled = other.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType("c5.large").minCount(1)
                .maxCount(500).placement(p -> p.availabilityZone(ZONE))).instances().size();
        assertThat(filled).isGreaterThan(1).isLessThan(500);

        assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity"));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(placement(id)).isEmpty();
    }
}
