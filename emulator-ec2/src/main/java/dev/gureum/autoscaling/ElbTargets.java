package dev.gureum.autoscaling;

import dev.gureum.autoscaling.domain.LoadBalancing;
import dev.gureum.core.AwsService;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.elb.protocol.ElbService;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Auto Scaling's hands in Elastic Load Balancing, in process (both live in this module). */
final class ElbTargets implements LoadBalancing {

    private final Supplier<ServiceRegistry> registry;

    ElbTargets(Supplier<ServiceRegistry> registry) {
        this.registry = registry;
    }

    private Optional<ElbService> elb() {
        ServiceRegistry r = registry.get();
        if (r == null || !r.isEnabled("elb")) {
            return Optional.empty();
        }
        AwsService elb = r.get("elb");
        return elb instanceof ElbService service ? Optional.of(service) : Optional.empty();
    }

    @Override
    public boolean targetGroupExists(String account, String region, String targetGroupArn) {
        return elb().map(e -> e.instanceTargetGroup(account, region, targetGroupArn)).orElse(false);
    }

    @Override
    public void register(String account, String region, String targetGroupArn, List<String> instanceIds) {
        elb().ifPresent(e -> {
            if (e.instanceTargetGroup(account, region, targetGroupArn)) {
                e.registerInstances(account, region, targetGroupArn, instanceIds);
            }
        });
    }

    @Override
    public void deregister(String account, String region, String targetGroupArn, List<String> instanceIds) {
        elb().ifPresent(e -> e.deregisterInstances(account, region, targetGroupArn, instanceIds));
    }

    @Override
    public String health(String targetGroupArn, String instanceId) {
        return elb().map(e -> e.instanceHealth(targetGroupArn, instanceId)).orElse(null);
    }
}
