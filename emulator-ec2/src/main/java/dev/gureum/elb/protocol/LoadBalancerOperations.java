package dev.gureum.elb.protocol;

import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.elb.domain.Changes;
import dev.gureum.elb.domain.ElbRefusal;
import dev.gureum.elb.domain.LoadBalancer;
import dev.gureum.elb.domain.LoadBalancers;
import dev.gureum.elb.domain.Listeners;
import dev.gureum.elb.domain.TargetGroups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.elb.protocol.ElbService.account;
import static dev.gureum.elb.protocol.ElbService.region;

/** Load balancers, their attributes, subnets and security groups; tags of every resource; account limits. */
final class LoadBalancerOperations {

    private final ElbService service;

    LoadBalancerOperations(ElbService service) {
        this.service = service;
    }

    void register() {
        service.operation("CreateLoadBalancer", this::create);
        service.operation("DescribeLoadBalancers", this::describe);
        service.operation("DeleteLoadBalancer", this::delete);
        service.operation("DescribeLoadBalancerAttributes", this::describeAttributes);
        service.operation("ModifyLoadBalancerAttributes", this::modifyAttributes);
        service.operation("SetSecurityGroups", this::setSecurityGroups);
        service.operation("SetSubnets", this::setSubnets);
        service.operation("SetIpAddressType", this::setIpAddressType);
        service.operation("AddTags", this::addTags);
        service.operation("RemoveTags", this::removeTags);
        service.operation("DescribeTags", this::describeTags);
        service.operation("DescribeAccountLimits", this::describeAccountLimits);
    }

    private LoadBalancers domain() {
        return service.loadBalancers();
    }

    private Instant now() {
        return service.clock().instant();
    }

    private Object create(ActionRequest r) {
        Params p = r.params();
        List<String> subnets = new ArrayList<>(p.stringList("Subnets"));
        for (Params m : p.list("SubnetMappings")) {
            subnets.add(m.requireString("SubnetId"));
        }
        if (p.has("CustomerOwnedIpv4Pool")) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Customer-owned IPv4 pools are not supported by Gureum");
        }
        LoadBalancers.Spec spec = new LoadBalancers.Spec(p.string("Name"), p.string("Type"), p.string("Scheme"),
                p.string("IpAddressType"), subnets, p.stringList("SecurityGroups"), ElbInputs.tags(p));
        Changes changes = service.changes();
        LoadBalancer lb = domain().create(account(r), region(r), spec, changes);
        return service.commit(changes).thenApply(v -> Struct.of()
                .list("LoadBalancers", List.of(ElbShapes.loadBalancer(lb, now()))));
    }

    private Object describe(ActionRequest r) {
        List<LoadBalancer> found = domain().describe(account(r), region(r), r.params().stringList("LoadBalancerArns"),
                r.params().stringList("Names"));
        Instant now = now();
        return ElbService.page(Struct.of(), "LoadBalancers", found, r, lb -> ElbShapes.loadBalancer(lb, now));
    }

    private Object delete(ActionRequest r) {
        Changes changes = service.changes();
        domain().delete(r.params().requireString("LoadBalancerArn"), account(r), region(r), changes);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object describeAttributes(ActionRequest r) {
        LoadBalancer lb = domain().get(r.params().requireString("LoadBalancerArn"), account(r), region(r));
        return Struct.of().list("Attributes", ElbShapes.attributes(lb.attributes()));
    }

    private Object modifyAttributes(ActionRequest r) {
        Changes changes = service.changes();
        Map<String, String> changed = ElbInputs.attributes(r.params());
        LoadBalancer lb = domain().modifyAttributes(r.params().requireString("LoadBalancerArn"), account(r), region(r),
                changed, changes);
        Map<String, String> shown = new LinkedHashMap<>();
        changed.keySet().forEach(k -> shown.put(k, lb.attributes().get(k)));
        return service.commit(changes).thenApply(v -> Struct.of().list("Attributes", ElbShapes.attributes(shown)));
    }

    private Object setSecurityGroups(ActionRequest r) {
        Changes changes = service.changes();
        LoadBalancer lb = domain().setSecurityGroups(r.params().requireString("LoadBalancerArn"), account(r), region(r),
                r.params().stringList("SecurityGroups"), changes);
        return service.commit(changes).thenApply(v -> Struct.of().list("SecurityGroupIds", lb.securityGroups()));
    }

    private Object setSubnets(ActionRequest r) {
        Params p = r.params();
        List<String> subnets = new ArrayList<>(p.stringList("Subnets"));
        for (Params m : p.list("SubnetMappings")) {
            subnets.add(m.requireString("SubnetId"));
        }
        Changes changes = service.changes();
        LoadBalancer lb = domain().setSubnets(p.requireString("LoadBalancerArn"), account(r), region(r), subnets,
                p.string("IpAddressType"), changes);
        Instant now = now();
        return service.commit(changes).thenApply(v -> Struct.of()
                .put("AvailabilityZones", ElbShapes.loadBalancer(lb, now).get("AvailabilityZones"))
                .put("IpAddressType", lb.ipAddressType()));
    }

    private Object setIpAddressType(ActionRequest r) {
        Changes changes = service.changes();
        LoadBalancer lb = domain().setIpAddressType(r.params().requireString("LoadBalancerArn"), account(r), region(r),
                r.params().requireString("IpAddressType"), changes);
        return service.commit(changes).thenApply(v -> Struct.of().put("IpAddressType", lb.ipAddressType()));
    }

    private Object addTags(ActionRequest r) {
        Changes changes = service.changes();
        List<String> arns = r.params().stringList("ResourceArns");
        requireArns(arns);
        domain().addTags(arns, account(r), region(r), ElbInputs.tags(r.params()), changes);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object removeTags(ActionRequest r) {
        Changes changes = service.changes();
        List<String> arns = r.params().stringList("ResourceArns");
        requireArns(arns);
        domain().removeTags(arns, account(r), region(r), r.params().stringList("TagKeys"), changes);
        return service.commit(changes).thenApply(v -> Struct.of());
    }

    private Object describeTags(ActionRequest r) {
        List<String> arns = r.params().stringList("ResourceArns");
        requireArns(arns);
        if (arns.size() > 20) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value at 'resourceArns' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 20");
        }
        List<Struct> descriptions = new ArrayList<>();
        for (String arn : arns) {
            descriptions.add(Struct.of().put("ResourceArn", arn)
                    .list("Tags", ElbShapes.tags(domain().tagsOf(arn, account(r), region(r)))));
        }
        return Struct.of().list("TagDescriptions", descriptions);
    }

    private static void requireArns(List<String> arns) {
        if (arns.isEmpty()) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value null at "
                    + "'resourceArns' failed to satisfy constraint: Member must not be null");
        }
    }

    /** The default quotas of a region, as AWS reports them. */
    private Object describeAccountLimits(ActionRequest r) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("application-load-balancers", LoadBalancers.MAX_LOAD_BALANCERS);
        limits.put("target-groups", TargetGroups.MAX_TARGET_GROUPS);
        limits.put("targets-per-application-load-balancer", TargetGroups.MAX_TARGETS);
        limits.put("listeners-per-application-load-balancer", Listeners.MAX_LISTENERS);
        limits.put("rules-per-application-load-balancer", Listeners.MAX_RULES);
        limits.put("network-load-balancers", LoadBalancers.MAX_LOAD_BALANCERS);
        limits.put("targets-per-network-load-balancer", 3000);
        limits.put("targets-per-availability-zone-per-network-load-balancer", 500);
        limits.put("listeners-per-network-load-balancer", Listeners.MAX_LISTENERS);
        limits.put("condition-values-per-alb-rule", 5);
        limits.put("condition-wildcards-per-alb-rule", 5);
        limits.put("target-groups-per-application-load-balancer", 100);
        limits.put("target-groups-per-action-on-application-load-balancer", 5);
        limits.put("target-groups-per-action-on-network-load-balancer", 1);
        limits.put("certificates-per-application-load-balancer", 25);
        limits.put("certificates-per-network-load-balancer", 25);
        limits.put("targets-per-target-group", TargetGroups.MAX_TARGETS);
        List<Struct> list = new ArrayList<>();
        limits.forEach((name, max) -> list.add(Struct.of().put("Name", name).put("Max", String.valueOf(max))));
        return ElbService.page(Struct.of(), "Limits", list, r, s -> s);
    }
}
