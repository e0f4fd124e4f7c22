package dev.gureum.ec2.domain;

import dev.gureum.ec2.catalog.EbsPrices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an EBS volume has cost so far: each stretch of its provisioned configuration at that
 * configuration's monthly price, prorated by the second.
 *
 * @param pricePerMonth what the volume's current configuration costs per month
 * @param secondsProvisioned how long it has existed, Gureum's own downtime left out
 */
public record VolumeUsage(String volumeId, String region, String availabilityZone, String volumeType, int sizeGiB,
                          Integer iops, Integer throughput, String state, String instanceId, double pricePerMonth,
                          double secondsProvisioned, double cost) {

    /** The volumes of an account, in every region, those deleted since included. Call under the world's lock. */
    static List<VolumeUsage> of(Ec2World world, String accountId, Instant now) {
        EbsPrices prices = new EbsPrices(world.prices());
        List<VolumeUsage> out = new ArrayList<>();
        for (Ec2Scope scope : world.scopes()) {
            if (!scope.accountId().equals(accountId)) {
                continue;
            }
            String region = scope.region().name();
            for (Volume v : scope.ebs().billedVolumes()) {
                double seconds = 0;
                double cost = 0;
                for (Volume.Storage s : v.data().storage()) {
                    Instant end = s.end() != null ? s.end() : now;
                    double stretch = Math.max(0, end.toEpochMilli() - s.start().toEpochMilli()) / 1000.0;
                    VolumeConfig c = s.config();
                    seconds += stretch;
                    cost += prices.perMonth(region, c.type(), c.sizeGiB(), c.iops(), c.throughput()) * stretch
                            / EbsPrices.SECONDS_PER_MONTH;
                }
                VolumeConfig c = v.config();
                out.add(new VolumeUsage(v.id(), region, v.data().zone(), c.type(), c.sizeGiB(), c.iops(),
                        c.throughput(), v.state(), v.attachment() == null ? null : v.attachment().instanceId(),
                        prices.perMonth(region, c.type(), c.sizeGiB(), c.iops(), c.throughput()),
                        Usage.round(seconds), Usage.round(cost)));
            }
        }
        return out;
    }
}
