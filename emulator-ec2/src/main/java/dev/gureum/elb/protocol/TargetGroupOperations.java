package dev.gureum.elb.protocol;

import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.elb.domain.Changes;
import dev.gureum.elb.domain.Registration;
import dev.gureum.elb.domain.TargetGroup;
import dev.gureum.elb.domain.TargetGroups;
import dev.gureum.elb.domain.TargetHealth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.elb.protocol.ElbService.account;
import static dev.gureum.elb.protocol.ElbService.region;

/** Target groups, their attributes, and their targets with their health. */
final class TargetGroupOperations {

    private final ElbService service;

    TargetGroupOperations(ElbService service) {
        this.service = service;
    }

    void register() {
        service.operation("CreateTargetGroup", this::create);
        service.operation("DescribeTargetGroups", this::describe);
        service.operation("ModifyTargetGroup", this::modify);
        service.operation("DeleteTargetGroup", this::delete);
        service.operation("DescribeTargetGroupAttributes", this::describeAttributes);
        service.operation("ModifyTargetGroupAttributes", this::modifyAttributes);
        service.operation("RegisterTargets", this::registerTargets);
        service.operation("DeregisterTargets", this::deregisterTargets);
        service.operation("DescribeTargetHealth", this::describeTargetHealth);
    }

    private TargetGroups domain() {
        return service.targetGroups();
    }

    private static TargetGroups.Spec spec(Params p, Map<String, String> tags) {
        Params matcher = p.object("Matcher");
        return new TargetGroups.Spec(p.string("Name"), p.string("TargetType"), p.string("Protocol"),
                p.string("ProtocolVersion"), p.integer("Port"), p.string("VpcId"), p.bool("HealthCheckEnabled"),
                p.string("HealthCheckProtocol"), p.string("HealthCheckPort"), p.string("HealthCheckPath"),
                p.integer("HealthCheckIntervalSeconds"), p.integer("HealthCheckTimeoutSeconds"),
                p.integer("HealthyThresholdCount"), p.integer("UnhealthyThresholdCount"),
                matcher.isPresent() ? matcher.string("HttpCode") : null, tags);
    }

    private Struct shape(TargetGroup tg) {
        return ElbShapes.targetGroup(tg, service.store().loadBalancersOf(tg.arn()));
    }

    private Object create(ActionRequest r) {
        Changes changes = service.changes();
        TargetGroup tg = domain().create(account(r), region(r), spec(r.params(), ElbInputs.tags(r.params())), changes);
        return service.commit(changes).thenApply(v -> Struct.of().list("TargetGroups", List.of(shape(tg))));
    }

    private Object describe(ActionRequest r) {
        List<TargetGroup> found = domain().describe(account(r), region(r), r.params().string("LoadBalancerArn"),
                r.params().stringList("TargetGroupArns"), r.params().stringList("Names"));
        return ElbService.page(Struct.of(), "TargetGroups", found, r, this::shape);
    }

    private Object modify(ActionRequest r) {
        Changes changes = service.changes();
        TargetGroup tg = domain().modify(r.params().requireString("TargetGroupArn"), account(r), region(r),
                spec(r.params(), Map.of()), changes);
        return service.commit(changes).thenApply(v -> Struct.of().list("TargetGroups", List.of(shape(tg))));
    }

    private Object delete(ActionRequest r) {
        Changes changes = service.changes();
        String arn = r.params().requireString("TargetGroupArn");
        domain().delete(arn, account(r), region(r), changes);
        service.health().forget(arn);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object describeAttributes(ActionRequest r) {
        TargetGroup tg = domain().get(r.params().requireString("TargetGroupArn"), account(r), region(r));
        return Struct.of().list("Attributes", ElbShapes.attributes(tg.attributes()));
    }

    private Object modifyAttributes(ActionRequest r) {
        Changes changes = service.changes();
        Map<String, String> changed = ElbInputs.attributes(r.params());
        TargetGroup tg = domain().modifyAttributes(r.params().requireString("TargetGroupArn"), account(r), region(r),
                changed, changes);
        Map<String, String> shown = new LinkedHashMap<>();
        changed.keySet().forEach(k -> shown.put(k, tg.attribute(k)));
        return service.commit(changes).thenApply(v -> Struct.of().list("Attributes", ElbShapes.attributes(shown)));
    }

    private static List<TargetGroups.TargetSpec> targets(Params p) {
        List<TargetGroups.TargetSpec> targets = new ArrayList<>();
        for (Params t : p.list("Targets")) {
            targets.add(new TargetGroups.TargetSpec(t.requireString("Id"), t.integer("Port"), t.string("AvailabilityZone")));
        }
        return targets;
    }

    private Object registerTargets(ActionRequest r) {
        Changes changes = service.changes();
        List<Registration> added = domain().register(r.params().requireString("TargetGroupArn"), account(r), region(r),
                targets(r.params()), changes);
        added.forEach(service.health()::registered);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object deregisterTargets(ActionRequest r) {
        Changes changes = service.changes();
        domain().deregister(r.params().requireString("TargetGroupArn"), account(r), region(r), targets(r.params()), changes);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object describeTargetHealth(ActionRequest r) {
        TargetGroup tg = domain().get(r.params().requireString("TargetGroupArn"), account(r), region(r));
        boolean inUse = !service.store().loadBalancersOf(tg.arn()).isEmpty();
        List<TargetGroups.TargetSpec> asked = targets(r.params());
        List<Struct> descriptions = new ArrayList<>();
        TargetHealth health = service.health();
        if (asked.isEmpty()) {
            for (Registration reg : service.store().registrations(tg.arn())) {
                descriptions.add(description(tg, reg.targetId(), reg.port(), reg.availabilityZone(),
                        health.status(tg, reg, inUse)));
            }
        } else {
            for (TargetGroups.TargetSpec t : asked) {
                int port = tg.targetType().equals("lambda") ? 0 : t.port() == null ? tg.port() : t.port();
                Registration reg = service.store().registration(tg.arn(), t.id() + ":" + port);
                descriptions.add(description(tg, t.id(), port, reg == null ? t.availabilityZone() : reg.availabilityZone(),
                        health.status(tg, reg, inUse)));
            }
        }
        return Struct.of().list("TargetHealthDescriptions", descriptions);
    }

    private static Struct description(TargetGroup tg, String id, int port, String zone, TargetHealth.Status status) {
        String checkPort = tg.healthCheck().port() == null ? null
                : tg.healthCheck().port().equals("traffic-port") ? (port == 0 ? null : String.valueOf(port))
                : tg.healthCheck().port();
        return Struct.of()
                .put("Target", Struct.of().put("Id", id).put("Port", port == 0 ? null : port).put("AvailabilityZone", zone))
                .put("HealthCheckPort", checkPort)
                .put("TargetHealth", Struct.of().put("State", status.state()).put("Reason", status.reason())
                        .put("Description", status.description()));
    }
}
