package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.AutoScalingRefusal;
import dev.gureum.autoscaling.domain.TargetGroupAttachments;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/**
 * A group's Elastic Load Balancing v2 target groups, by their own operations and as traffic sources of type
 * {@code elbv2}. Classic Load Balancers are not served: the group lists none.
 */
final class TargetGroupOperations {

    private final AutoScalingService service;

    TargetGroupOperations(AutoScalingService service) {
        this.service = service;
    }

    private TargetGroupAttachments domain() {
        return service.domain().targetGroups();
    }

    void register() {
        service.operation("AttachLoadBalancerTargetGroups", r -> attach(r, r.params().stringList("TargetGroupARNs")));
        service.operation("DetachLoadBalancerTargetGroups", r -> detach(r, r.params().stringList("TargetGroupARNs")));
        service.operation("AttachTrafficSources", r -> attach(r, sources(r.params())));
        service.operation("DetachTrafficSources", r -> detach(r, sources(r.params())));
        service.operation("DescribeLoadBalancerTargetGroups", r -> {
            AutoScalingGroup g = group(r);
            return AutoScalingService.page(Struct.of(), "LoadBalancerTargetGroups", g.targetGroupArns(), r, 100,
                    arn -> Struct.of().put("LoadBalancerTargetGroupARN", arn).put("State", domain().state(g, arn)));
        });
        service.operation("DescribeTrafficSources", r -> {
            AutoScalingGroup g = group(r);
            String type = r.params().string("TrafficSourceType");
            List<String> arns = type == null || type.equals("elbv2") ? g.targetGroupArns() : List.of();
            return AutoScalingService.page(Struct.of(), "TrafficSources", arns, r, 10, arn -> Struct.of()
                    .put("TrafficSource", arn).put("State", domain().state(g, arn)).put("Identifier", arn)
                    .put("Type", "elbv2"));
        });
        service.operation("DescribeLoadBalancers", r -> {
            group(r);
            return Struct.of().list("LoadBalancers", List.of());
        });
    }

    private AutoScalingGroup group(ActionRequest r) {
        return service.domain().groups().get(account(r), region(r), r.params().requireString("AutoScalingGroupName"));
    }

    private static List<String> sources(Params p) {
        List<String> arns = new ArrayList<>();
        for (Params s : p.list("TrafficSources")) {
            String type = s.string("Type", "elbv2");
            if (!type.equals("elbv2")) {
                throw AutoScalingRefusal.validation("Traffic sources of type " + type + " are not supported by "
                        + "Gureum; use elbv2 target groups.");
            }
            arns.add(s.requireString("Identifier"));
        }
        return arns;
    }

    private Object attach(ActionRequest r, List<String> arns) {
        String name = r.params().requireString("AutoScalingGroupName");
        return service.change(c -> {
            domain().attach(account(r), region(r), name, arns, c);
            return null;
        }, v -> Struct.of());
    }

    private Object detach(ActionRequest r, List<String> arns) {
        String name = r.params().requireString("AutoScalingGroupName");
        return service.change(c -> {
            domain().detach(account(r), region(r), name, arns, c);
            return null;
        }, v -> Struct.of());
    }
}
