package dev.gureum.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesOffering;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MarketsIT {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String ZONE = "us-east-1a";

    private final Ec2Harness harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5))
            .withHostsPerFamily(1));
    private final Ec2Client alice = harness.ec2("111111111111", "us-east-1");
    private final Ec2Client bob = harness.ec2("222222222222", "us-east-1");

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private Instance onDemand(Ec2Client ec2, InstanceType type) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(type).minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone(ZONE))).instances().get(0);
    }

    private List<Instance> spot(Ec2Client ec2, InstanceType type, int count) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(type).minCount(count).maxCount(count)
                .placement(p -> p.availabilityZone(ZONE))
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT))).instances();
    }

    private double spotPrice(String type) {
        return Double.parseDouble(alice.describeSpotPriceHistory(r -> r.instanceTypesWithStrings(type)
                .availabilityZone(ZONE).productDescriptions("Linux/UNIX")).spotPriceHistory().get(0).spotPrice());
    }

    private JsonNode usage(String account) throws Exception {
        return JSON.readTree(harness.get("/_gureum/ec2/usage?accountId=" + account)).get("accounts").get(0);
    }

    @Test
    void theSpotPriceRisesWithTheFamilysUseOfTheZone() {
        double idle = spotPrice("m5.large");
        // 30 % of the on-demand price of $0.096 while the fleet is idle
        assertThat(idle).isCloseTo(0.0288, within(1e-9));
        Instant before = harness.clock.instant();
        harness.clock.advanceSeconds(60);
        onDemand(alice, InstanceType.M5_12_XLARGE);
        double half = spotPrice("m5.large");
        assertThat(half).isGreaterThan(idle).isCloseTo(0.096 * 0.6, within(1e-9));
        // other zones' fleets are still idle
        assertThat(Double.parseDouble(alice.describeSpotPriceHistory(r -> r.instanceTypesWithStrings("m5.large")
                .availabilityZone("us-east-1b").productDescriptions("Linux/UNIX")).spotPriceHistory().get(0).spotPrice()))
                .isGreaterThan(idle).isLessThan(half);

        List<SpotPrice> history = alice.describeSpotPriceHistory(r -> r.instanceTypesWithStrings("m5.large")
                .availabilityZone(ZONE).productDescriptions("Linux/UNIX").startTime(before)).spotPriceHistory();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).timestamp()).isEqualTo(harness.clock.instant());
        assertThat(Double.parseDouble(history.get(1).spotPrice())).isEqualTo(idle);
    }

    @Test
    void spotInstancesComeWithARequestAndAMaximumPrice() {
        Instance s = spot(alice, InstanceType.M5_LARGE, 1).get(0);
        assertThat(s.instanceLifecycleAsString()).isEqualTo("spot");
        assertThat(s.spotInstanceRequestId()).matches("sir-[0-9a-z]{8}");
        SpotInstanceRequest request = alice.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(s.spotInstanceRequestId()))
                .spotInstanceRequests().get(0);
        assertThat(request.stateAsString()).isEqualTo("active");
        assertThat(request.status().code()).isEqualTo("fulfilled");
        assertThat(request.instanceId()).isEqualTo(s.instanceId());
        assertThat(request.launchedAvailabilityZone()).isEqualTo(ZONE);
        assertThatThrownBy(() -> alice.stopInstances(r -> r.instanceIds(s.instanceId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("UnsupportedOperation"));
        assertThatThrownBy(() -> alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(ZONE))
                .instanceMarketOptions(m -> m.marketType(MarketType.SPOT).spotOptions(o -> o.maxPrice("0.001")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("SpotMaxPriceTooLow"));
    }

    @Test
    void onDemandLaunchesInterruptSpotInstancesWhenTheFleetIsFull() {
        List<Instance> spot = spot(bob, InstanceType.M5_12_XLARGE, 2);
        harness.clock.advanceSeconds(5);
        assertThatThrownBy(() -> spot(alice, InstanceType.M5_LARGE, 1))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity"));

        Instance mine = onDemand(alice, InstanceType.M5_LARGE);
        assertThat(mine.state().name()).isEqualTo(InstanceStateName.PENDING);
        List<Instance> bobs = bob.describeInstances().reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        Instance interrupted = bobs.stream().filter(i -> i.state().name() == InstanceStateName.SHUTTING_DOWN)
                .findFirst().orElseThrow();
        assertThat(interrupted.stateReason().code()).isEqualTo("Server.SpotInstanceTermination");
        assertThat(bobs).filteredOn(i -> i.state().name() == InstanceStateName.RUNNING).hasSize(1);
        SpotInstanceRequest closed = bob.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(
                interrupted.spotInstanceRequestId())).spotInstanceRequests().get(0);
        assertThat(closed.stateAsString()).isEqualTo("closed");
        assertThat(closed.status().code()).isEqualTo("instance-terminated-no-capacity");
        harness.clock.advanceSeconds(5);
        assertThat(bob.describeInstances(r -> r.instanceIds(interrupted.instanceId())).reservations().get(0)
                .instances().get(0).state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(spot).extracting(Instance::instanceId).contains(interrupted.instanceId());
    }

    @Test
    void openSpotRequestsAreFulfilledWhenCapacityReturns() {
        Instance big = onDemand(alice, InstanceType.M5_24_XLARGE);
        List<SpotInstanceRequest> requests = bob.requestSpotInstances(r -> r.instanceCount(1)
                .launchSpecification(l -> l.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                        .placement(p -> p.availabilityZone(ZONE)))).spotInstanceRequests();
        SpotInstanceRequest open = requests.get(0);
        assertThat(open.stateAsString()).isEqualTo("open");
        assertThat(open.status().code()).isEqualTo("capacity-not-available");
        assertThat(open.instanceId()).isNull();

        harness.clock.advanceSeconds(5);
        alice.terminateInstances(r -> r.instanceIds(big.instanceId()));
        harness.clock.advanceSeconds(5);
        SpotInstanceRequest fulfilled = bob.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(
                open.spotInstanceRequestId())).spotInstanceRequests().get(0);
        assertThat(fulfilled.stateAsString()).isEqualTo("active");
        assertThat(fulfilled.instanceId()).startsWith("i-");

        String other = bob.requestSpotInstances(r -> r.spotPrice("0.001").launchSpecification(l -> l
                .imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE))).spotInstanceRequests().get(0)
                .spotInstanceRequestId();
        assertThat(bob.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(other)).spotInstanceRequests().get(0)
                .status().code()).isEqualTo("price-too-low");
        assertThat(bob.cancelSpotInstanceRequests(r -> r.spotInstanceRequestIds(other, open.spotInstanceRequestId()))
                .cancelledSpotInstanceRequests()).allSatisfy(c -> assertThat(c.stateAsString()).isEqualTo("cancelled"));
        assertThat(bob.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(open.spotInstanceRequestId()))
                .spotInstanceRequests().get(0).status().code()).isEqualTo("request-canceled-and-instance-running");
        assertThatThrownBy(() -> bob.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds("sir-00000000")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSpotInstanceRequestID.NotFound"));
    }

    @Test
    void anInstanceCostsItsTypesPriceForItsRunningTime() throws Exception {
        Instance i = onDemand(alice, InstanceType.T3_MICRO);
        harness.clock.advanceSeconds(5);
        // a few seconds of running are billed as the 60-second minimum
        harness.clock.advanceSeconds(10);
        JsonNode early = usage("111111111111").get("instances").get(0);
        assertThat(early.get("instanceId").asText()).isEqualTo(i.instanceId());
        assertThat(early.get("purchaseOption").asText()).isEqualTo("on-demand");
        assertThat(early.get("ratePerHour").asDouble()).isEqualTo(0.0104);
        assertThat(early.get("secondsRunning").asDouble()).isEqualTo(10);
        assertThat(early.get("cost").asDouble()).isCloseTo(0.0104 / 60, within(1e-6));

        harness.clock.advance(Duration.ofHours(1).minusSeconds(10));
        JsonNode hour = usage("111111111111");
        assertThat(hour.get("instances").get(0).get("cost").asDouble()).isCloseTo(0.0104, within(1e-9));
        assertThat(hour.get("cost").asDouble()).isCloseTo(0.0104, within(1e-9));

        // stopped time costs nothing; starting again bills from the new start
        alice.stopInstances(r -> r.instanceIds(i.instanceId()));
        harness.clock.advance(Duration.ofHours(5));
        assertThat(usage("111111111111").get("instances").get(0).get("cost").asDouble()).isCloseTo(0.0104, within(1e-9));

        try (Ec2Client seoul = harness.ec2("111111111111", "ap-northeast-2")) {
            seoul.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                    .minCount(1).maxCount(1));
            harness.clock.advance(Duration.ofSeconds(5).plusHours(2));
            JsonNode account = usage("111111111111");
            JsonNode m5 = account.get("instances").get(1);
            assertThat(m5.get("region").asText()).isEqualTo("ap-northeast-2");
            // Seoul costs about 23 % more than N. Virginia
            assertThat(m5.get("ratePerHour").asDouble()).isCloseTo(0.118, within(0.001));
            assertThat(m5.get("cost").asDouble()).isCloseTo(2 * m5.get("ratePerHour").asDouble(), within(1e-9));
        }
    }

    @Test
    void reservedInstancesDiscountMatchingRunningInstances() throws Exception {
        Instance first = onDemand(alice, InstanceType.M5_LARGE);
        Instance second = onDemand(alice, InstanceType.M5_LARGE);
        harness.clock.advanceSeconds(5);

        List<ReservedInstancesOffering> offerings = alice.describeReservedInstancesOfferings(r -> r
                .instanceType(InstanceType.M5_LARGE).productDescription("Linux/UNIX").offeringClass("standard")
                .offeringType("No Upfront").maxDuration(31_536_000L)).reservedInstancesOfferings();
        assertThat(offerings).singleElement().satisfies(o -> {
            assertThat(o.duration()).isEqualTo(31_536_000L);
            assertThat(o.scopeAsString()).isEqualTo("Region");
            assertThat(o.fixedPrice()).isZero();
            assertThat(o.recurringCharges().get(0).amount()).isCloseTo(0.096 * 0.63, within(1e-4));
        });
        String riId = alice.purchaseReservedInstancesOffering(r -> r.instanceCount(1)
                .reservedInstancesOfferingId(offerings.get(0).reservedInstancesOfferingId())).reservedInstancesId();
        assertThat(alice.describeReservedInstances().reservedInstances()).singleElement().satisfies(ri -> {
            assertThat(ri.reservedInstancesId()).isEqualTo(riId);
            assertThat(ri.stateAsString()).isEqualTo("active");
            assertThat(ri.instanceCount()).isEqualTo(1);
        });
        assertThatThrownBy(() -> alice.purchaseReservedInstancesOffering(r -> r.instanceCount(1)
                .reservedInstancesOfferingId("00000000-0000-0000-0000-000000000000")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidReservedInstancesOfferingId"));

        harness.clock.advance(Duration.ofHours(1));
        JsonNode instances = usage("111111111111").get("instances");
        assertThat(instances.get(0).get("instanceId").asText()).isEqualTo(first.instanceId());
        assertThat(instances.get(0).get("purchaseOption").asText()).isEqualTo("reserved");
        assertThat(instances.get(0).get("ratePerHour").asDouble()).isCloseTo(0.06048, within(1e-4));
        assertThat(instances.get(1).get("instanceId").asText()).isEqualTo(second.instanceId());
        assertThat(instances.get(1).get("purchaseOption").asText()).isEqualTo("on-demand");
        assertThat(instances.get(1).get("ratePerHour").asDouble()).isEqualTo(0.096);

        // when the reserved instance stops, the reservation moves to the other running one
        alice.stopInstances(r -> r.instanceIds(first.instanceId()));
        assertThat(usage("111111111111").get("instances").get(1).get("purchaseOption").asText()).isEqualTo("reserved");
    }
}
