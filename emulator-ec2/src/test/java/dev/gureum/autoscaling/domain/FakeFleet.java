package dev.gureum.autoscaling.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** EC2 as Auto Scaling sees it, in memory: subnet {@code subnet-a} in us-east-1a, {@code subnet-b} in us-east-1b. */
final class FakeFleet implements Fleet {

    final Map<String, InstanceFacts> instances = new LinkedHashMap<>();
    final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    private final Clock clock;
    private int next;

    FakeFleet(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<SubnetFacts> subnet(String account, String region, String subnetId) {
        return subnetId.startsWith("subnet-") && subnetId.length() == 8
                ? Optional.of(new SubnetFacts(subnetId, "vpc-1", "us-east-1" + subnetId.charAt(7))) : Optional.empty();
    }

    @Override
    public List<String> zones(String region) {
        return List.of("us-east-1a", "us-east-1b", "us-east-1c");
    }

    @Override
    public Optional<TemplateFacts> template(String account, String region, String id, String name) {
        return Optional.of(new TemplateFacts("lt-0123456789abcdef0", "web", 1, 2));
    }

    @Override
    public List<String> launch(String account, String region, LaunchOrder order) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < order.count(); n++) {
            String id = String.format("i-%017x", ++next);
            String zone = subnet(account, region, order.subnetId()).map(SubnetFacts::zone).orElse(order.zone());
            instances.put(id, new InstanceFacts(id, "running", zone, order.subnetId(), "t3.micro", "ami-1",
                    clock.instant(), order.spot(), "lt-0123456789abcdef0", "1"));
            tags.put(id, new LinkedHashMap<>(order.tags()));
            ids.add(id);
        }
        return ids;
    }

    @Override
    public void terminate(String account, String region, Collection<String> instanceIds) {
        for (String id : instanceIds) {
            InstanceFacts f = instances.get(id);
            if (f != null) {
                state(id, "terminated");
            }
        }
    }

    void state(String id, String state) {
        InstanceFacts f = instances.get(id);
        instances.put(id, new InstanceFacts(f.id(), state, f.zone(), f.subnetId(), f.instanceType(), f.imageId(),
                f.launchTime(), f.spot(), f.templateId(), f.templateVersion()));
    }

    @Override
    public Map<String, InstanceFacts> describe(String account, String region, Collection<String> instanceIds) {
        Map<String, InstanceFacts> out = new LinkedHashMap<>();
        instanceIds.forEach(id -> {
            if (instances.containsKey(id)) {
                out.put(id, instances.get(id));
            }
        });
        return out;
    }

    @Override
    public void tag(String account, String region, Collection<String> instanceIds, Map<String, String> added) {
        instanceIds.forEach(id -> tags.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(added));
    }

    @Override
    public void untag(String account, String region, Collection<String> instanceIds, Collection<String> keys) {
        instanceIds.forEach(id -> tags.getOrDefault(id, new LinkedHashMap<>()).keySet().removeAll(keys));
    }
}
