package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Host;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.ec2.catalog.PriceList;

import java.time.Instant;

/**
 * Metering of running time: what each stretch of it costs. Spot instances pay the Spot price of their
 * start, instances on a Dedicated Host nothing (the host is paid for), instances a Reserved Instance
 * covers its effective price, the others the on-demand price (a tenth more on dedicated hardware).
 */
public final class Metering {

    private final Ec2World world;

    Metering(Ec2World world) {
        this.world = world;
    }

    void openBilling(Instance i, Instant at, boolean minimum) {
        String region = i.region();
        boolean windows = i.image().isWindows();
        if (i.isSpot()) {
            i.openPeriod(new BillingPeriod(at, null, PurchaseOption.SPOT,
                    world.spotMarket().price(i.type(), i.zone(), windows), minimum, null));
            return;
        }
        if (i.tenancy() == Tenancy.HOST) {
            // the Dedicated Host is paid for; its instances cost nothing more
            i.openPeriod(new BillingPeriod(at, null, PurchaseOption.DEDICATED_HOST, 0, minimum, null));
            return;
        }
        Ec2Scope scope = world.scopeOf(i);
        ReservedInstance ri = scope == null ? null : freeReservation(scope, i, at);
        if (ri != null) {
            i.openPeriod(new BillingPeriod(at, null, PurchaseOption.RESERVED,
                    PriceList.round(ri.offering().effectiveHourlyPrice()), minimum, ri.id()));
            return;
        }
        double rate = world.prices().onDemand(i.type(), region, windows);
        if (i.tenancy() == Tenancy.DEDICATED) {
            rate = PriceList.round(rate * PriceList.DEDICATED_UPLIFT);
        }
        i.openPeriod(new BillingPeriod(at, null, PurchaseOption.ON_DEMAND, rate, minimum, null));
    }

    private static ReservedInstance freeReservation(Ec2Scope scope, Instance instance, Instant now) {
        for (ReservedInstance ri : scope.reservedInstances.values()) {
            if (!ri.covers(instance, now)) {
                continue;
            }
            long used = scope.instances.values().stream()
                    .map(Instance::openPeriod)
                    .filter(p -> p != null && ri.id().equals(p.reservedInstancesId()))
                    .count();
            if (used < ri.instanceCount()) {
                return ri;
            }
        }
        return null;
    }

    /** Moves running on-demand instances onto Reserved Instances that have room (after a purchase or a stop). */
    public void rebalanceReservations(Ec2Scope scope, Instant now) {
        if (scope.reservedInstances.isEmpty()) {
            return;
        }
        for (Instance i : scope.instances.values()) {
            BillingPeriod open = i.openPeriod();
            if (i.state() == InstanceState.RUNNING && open != null && open.purchaseOption() == PurchaseOption.ON_DEMAND) {
                ReservedInstance ri = freeReservation(scope, i, now);
                if (ri != null) {
                    i.closePeriod(now);
                    i.openPeriod(new BillingPeriod(now, null, PurchaseOption.RESERVED,
                            PriceList.round(ri.offering().effectiveHourlyPrice()), false, ri.id()));
                }
            }
        }
    }
}
