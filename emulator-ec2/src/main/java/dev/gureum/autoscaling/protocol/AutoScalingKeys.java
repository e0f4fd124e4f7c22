package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.Fleet;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The condition keys of an Auto Scaling request, as the Service Authorization Reference lists them for each action:
 * a group's {@code autoscaling:MinSize}, {@code autoscaling:MaxSize}, {@code autoscaling:LaunchConfigurationName},
 * {@code autoscaling:LaunchTemplateVersionSpecified} (whether the call names a template version),
 * {@code autoscaling:InstanceTypes} (the launch template's type and the overrides'),
 * {@code autoscaling:VPCZoneIdentifiers}, {@code autoscaling:LoadBalancerNames}, {@code autoscaling:TargetGroupARNs}
 * and its tags ({@code aws:RequestTag/<key>}, {@code aws:TagKeys}); a launch configuration's
 * {@code autoscaling:ImageId}, {@code autoscaling:InstanceType}, {@code autoscaling:SpotPrice} and
 * {@code autoscaling:MetadataHttp*}; the tags {@code CreateOrUpdateTags} and {@code DeleteTags} give.
 */
final class AutoScalingKeys {

    private AutoScalingKeys() {
    }

    static void of(Fleet fleet, ActionRequest r, Map<String, List<String>> keys) {
        Params p = r.params();
        switch (r.action()) {
            case "CreateAutoScalingGroup", "UpdateAutoScalingGroup" -> group(fleet, r, keys);
            case "CreateLaunchConfiguration" -> {
                put(keys, "autoscaling:ImageId", p.string("ImageId"));
                put(keys, "autoscaling:InstanceType", p.string("InstanceType"));
                put(keys, "autoscaling:SpotPrice", p.string("SpotPrice"));
                Params m = p.object("MetadataOptions");
                put(keys, "autoscaling:MetadataHttpTokens", m.string("HttpTokens"));
                put(keys, "autoscaling:MetadataHttpEndpoint", m.string("HttpEndpoint"));
                put(keys, "autoscaling:MetadataHttpPutResponseHopLimit", m.string("HttpPutResponseHopLimit"));
            }
            case "CreateOrUpdateTags", "DeleteTags" -> {
                Map<String, String> tags = new LinkedHashMap<>();
                for (Params t : p.list("Tags")) {
                    if (t.string("Key") != null) {
                        tags.put(t.string("Key"), t.string("Value", ""));
                    }
                }
                if (r.action().equals("CreateOrUpdateTags")) {
                    AccessRules.requestTags(tags, keys);
                } else if (!tags.isEmpty()) {
                    keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
                }
            }
            case "AttachLoadBalancers", "DetachLoadBalancers" ->
                    list(keys, "autoscaling:LoadBalancerNames", p.stringList("LoadBalancerNames"));
            case "AttachLoadBalancerTargetGroups", "DetachLoadBalancerTargetGroups" ->
                    list(keys, "autoscaling:TargetGroupARNs", p.stringList("TargetGroupARNs"));
            default -> {
            }
        }
    }

    private static void group(Fleet fleet, ActionRequest r, Map<String, List<String>> keys) {
        Params p = r.params();
        put(keys, "autoscaling:MinSize", p.string("MinSize"));
        put(keys, "autoscaling:MaxSize", p.string("MaxSize"));
        put(keys, "autoscaling:LaunchConfigurationName", p.string("LaunchConfigurationName"));
        Params spec = templateSpec(p);
        if (spec.isPresent()) {
            put(keys, "autoscaling:LaunchTemplateVersionSpecified", String.valueOf(spec.string("Version") != null));
        }
        List<String> types = new ArrayList<>();
        String templateType = templateData(fleet, r).get("InstanceType");
        if (templateType != null) {
            types.add(templateType);
        }
        for (Params o : p.object("MixedInstancesPolicy").object("LaunchTemplate").list("Overrides")) {
            if (o.string("InstanceType") != null && !types.contains(o.string("InstanceType"))) {
                types.add(o.string("InstanceType"));
            }
        }
        list(keys, "autoscaling:InstanceTypes", types);
        String zones = p.string("VPCZoneIdentifier");
        if (zones != null && !zones.isBlank()) {
            List<String> subnets = new ArrayList<>();
            for (String s : zones.split(",")) {
                if (!s.isBlank()) {
                    subnets.add(s.trim());
                }
            }
            list(keys, "autoscaling:VPCZoneIdentifiers", subnets);
        }
        list(keys, "autoscaling:LoadBalancerNames", p.stringList("LoadBalancerNames"));
        list(keys, "autoscaling:TargetGroupARNs", p.stringList("TargetGroupARNs"));
        if (r.action().equals("CreateAutoScalingGroup")) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (Params t : p.list("Tags")) {
                if (t.string("Key") != null) {
                    tags.put(t.string("Key"), t.string("Value", ""));
                }
            }
            AccessRules.requestTags(tags, keys);
        }
    }

    /** The launch template a group's request names: {@code LaunchTemplate} or the mixed instances policy's. */
    static Params templateSpec(Params p) {
        Params direct = p.object("LaunchTemplate");
        return direct.isPresent() ? direct
                : p.object("MixedInstancesPolicy").object("LaunchTemplate").object("LaunchTemplateSpecification");
    }

    /** The data of the template version a group's request names; empty when it names none that exists. */
    static Map<String, String> templateData(Fleet fleet, ActionRequest r) {
        Params spec = templateSpec(r.params());
        if (fleet == null || !spec.isPresent()) {
            return Map.of();
        }
        return fleet.templateData(r.context().accountId(), r.context().region(), spec.string("LaunchTemplateId"),
                spec.string("LaunchTemplateName"), spec.string("Version"));
    }

    private static void put(Map<String, List<String>> keys, String key, String value) {
        if (value != null) {
            keys.put(key, List.of(value));
        }
    }

    private static void list(Map<String, List<String>> keys, String key, List<String> values) {
        if (!values.isEmpty()) {
            keys.put(key, List.copyOf(values));
        }
    }
}
