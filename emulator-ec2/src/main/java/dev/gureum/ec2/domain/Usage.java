package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.ec2.catalog.InstanceTypeInfo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metered cost so far, per account: each instance's running time at its rates, and each Dedicated
 * Host's allocated time at the host's rate. Reserved Instances are charged at their effective hourly
 * price (the upfront payment spread over the term) while they cover a running instance.
 */
public final class Usage {

    /** A stretch of running time at one rate. */
    public record Period(Instant start, Instant end, String purchaseOption, double ratePerHour, double seconds,
                         double billedSeconds, double cost) {
    }

    public record InstanceUsage(String instanceId, String region, String availabilityZone, String instanceType,
                                String state, String tenancy, String platform, String purchaseOption,
                                double ratePerHour, double secondsRunning, double billedSeconds, double cost,
                                List<Period> periods) {
    }

    public record HostUsage(String hostId, String region, String availabilityZone, String instanceFamily, String state,
                            double ratePerHour, double secondsAllocated, double cost) {
    }

    /**
     * @param cost           the account's compute cost (instances and Dedicated Hosts)
     * @param volumes        its EBS volumes, billed per GB-month by the second
     * @param volumeCost     what the volumes cost
     */
    public record AccountUsage(String accountId, double cost, List<InstanceUsage> instances, List<HostUsage> hosts,
                               List<VolumeUsage> volumes, double volumeCost) {

        public double totalCost() {
            return round(cost + volumeCost);
        }
    }

    private Usage() {
    }

    /** Every account's usage (or one account's, when {@code accountId} is given). Call under the world's lock. */
    public static List<AccountUsage> of(Ec2World world, String accountId) {
        Instant now = world.now();
        Map<String, List<InstanceUsage>> instances = new LinkedHashMap<>();
        Map<String, List<HostUsage>> hosts = new LinkedHashMap<>();
        for (Ec2Scope scope : world.scopes()) {
            if (accountId != null && !accountId.equals(scope.accountId())) {
                continue;
            }
            List<InstanceUsage> rows = instances.computeIfAbsent(scope.accountId(), a -> new ArrayList<>());
            for (Instance i : scope.billedInstances()) {
                rows.add(instance(i, now));
            }
            List<HostUsage> hostRows = hosts.computeIfAbsent(scope.accountId(), a -> new ArrayList<>());
            for (DedicatedHost h : scope.hosts().values()) {
                InstanceTypeInfo largest = world.catalog().family(h.family()).stream()
                        .max(Comparator.comparingInt(InstanceTypeInfo::vcpus)).orElseThrow();
                double rate = world.prices().dedicatedHost(largest, scope.region().name());
                double seconds = h.allocatedSeconds(now);
                // Dedicated Hosts are billed per second, with a minimum of 60 seconds
                double billed = Math.max(BillingPeriod.MINIMUM_SECONDS, seconds);
                hostRows.add(new HostUsage(h.id(), scope.region().name(), h.zone().name(), h.family(), h.state(), rate,
                        round(seconds), round(billed * rate / 3600)));
            }
        }
        List<AccountUsage> out = new ArrayList<>();
        for (String account : instances.keySet()) {
            List<InstanceUsage> rows = instances.get(account);
            List<HostUsage> hostRows = hosts.getOrDefault(account, List.of());
            double total = rows.stream().mapToDouble(InstanceUsage::cost).sum()
                    + hostRows.stream().mapToDouble(HostUsage::cost).sum();
            List<VolumeUsage> volumeRows = VolumeUsage.of(world, account, now);
            out.add(new AccountUsage(account, round(total), rows, hostRows, volumeRows,
                    round(volumeRows.stream().mapToDouble(VolumeUsage::cost).sum())));
        }
        return out;
    }

    private static InstanceUsage instance(Instance i, Instant now) {
        List<Period> periods = new ArrayList<>();
        double seconds = 0;
        double billed = 0;
        double cost = 0;
        for (BillingPeriod p : i.billing()) {
            double s = p.seconds(now);
            double b = p.billedSeconds(now);
            double c = p.cost(now);
            periods.add(new Period(p.start(), p.end(), p.purchaseOption().value(), p.ratePerHour(), round(s), round(b),
                    round(c)));
            seconds += s;
            billed += b;
            cost += c;
        }
        BillingPeriod last = i.billing().isEmpty() ? null : i.billing().get(i.billing().size() - 1);
        String option = last != null ? last.purchaseOption().value()
                : i.isSpot() ? PurchaseOption.SPOT.value()
                : i.tenancy() == Tenancy.HOST ? PurchaseOption.DEDICATED_HOST.value() : PurchaseOption.ON_DEMAND.value();
        return new InstanceUsage(i.id(), i.region(), i.zone().name(), i.type().name(), i.state().wireName(),
                i.tenancy().value(), i.image().platform().details(), option, last == null ? 0 : last.ratePerHour(),
                round(seconds), round(billed), round(cost), periods);
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
