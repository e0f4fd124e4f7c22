package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time Gureum was stopped, which the meter does not bill: instances ran on no host meanwhile. An
 * open billing period is closed at the instant the state was last made durable and continues at the
 * restart, with no new minimum; a period that began while Gureum was stopped (a boot that ended
 * meanwhile) begins at the restart instead. Dedicated Hosts leave the same stretch off their
 * allocated time.
 */
final class Downtime {

    private Downtime() {
    }

    static void leaveOffTheMeter(Ec2World world, Instant stoppedAt, Instant restartedAt) {
        if (!restartedAt.isAfter(stoppedAt)) {
            return;
        }
        for (Ec2Scope scope : world.scopeMap().values()) {
            for (Instance i : scope.instances.values()) {
                BillingPeriod open = i.openPeriod();
                if (open == null || !open.start().isBefore(restartedAt)) {
                    continue;
                }
                List<BillingPeriod> periods = new ArrayList<>(i.billing());
                BillingPeriod resumed = new BillingPeriod(restartedAt, null, open.purchaseOption(), open.ratePerHour(),
                        false, open.reservedInstancesId());
                if (open.start().isBefore(stoppedAt)) {
                    periods.set(periods.size() - 1, open.closedAt(stoppedAt));
                    periods.add(resumed);
                } else {
                    periods.set(periods.size() - 1, new BillingPeriod(restartedAt, null, open.purchaseOption(),
                            open.ratePerHour(), open.minimumApplies(), open.reservedInstancesId()));
                }
                i.billing(periods);
            }
            for (DedicatedHost h : scope.hosts.values()) {
                h.unbilled(stoppedAt, restartedAt);
            }
        }
    }
}
